export * from './access/index.js';
export * from './audit/index.js';
export * from './cache/index.js';
export { type Clock, ManualClock, systemClock } from './clock/clock.js';
export { createServices, type ServiceDependencies, type Services } from './composition/create-services.js';
export { type Infrastructure, openInfrastructure } from './composition/infrastructure.js';
export * from './config/index.js';
export * from './data-rights/index.js';
export * from './db/index.js';
export * from './errors/index.js';
export * from './food/index.js';
export * from './gamification/index.js';
export { type HealthCheck, HealthService, type ReadinessReport } from './health/health-service.js';
export * from './health-metrics/index.js';
export { createErrorHandler, notFoundHandler, toErrorResponse } from './http/error-handler.js';
export { createShutdown, type ShutdownOptions } from './http/graceful-shutdown.js';
export { healthRoutes } from './http/health-routes.js';
export { createLogger, type Logger, type LoggerSettings } from './logging/logger.js';
export * from './memory/index.js';
export { createHttpMetrics, type HttpMetrics } from './metrics/http-metrics.js';
export { createMetricsRegistry } from './metrics/registry.js';
export * from './nutrition-providers/index.js';
export * from './outbox/index.js';
export * from './profiles/index.js';
export * from './rate-limit/index.js';
export * from './reminders/index.js';
export {
  type Breaker,
  type BreakerDefaults,
  type BreakerFactory,
  type BreakerOptions,
  type BreakerState,
  breakerDefaults,
  type Clock as TimerClock,
  createBreakerFactory,
  FakeClock as FakeTimerClock,
  type NamedFallback,
  systemClock as systemTimerClock,
} from './resilience/index.js';
export * from './time/local-day.js';
export * from './tools/index.js';
export * from './trackers/index.js';
