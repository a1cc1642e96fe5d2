export {
  type BreakerFactory,
  type BreakerFactoryDependencies,
  breakerDefaults,
  createBreakerFactory,
} from './breaker-factory.js';
export type {
  Breaker,
  BreakerDefaults,
  BreakerOptions,
  BreakerState,
  NamedFallback,
} from './breaker-types.js';
export { type Clock, systemClock } from './clock.js';
export { FakeClock } from './fake-clock.js';
