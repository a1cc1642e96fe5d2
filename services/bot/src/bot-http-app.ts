import {
  createErrorHandler,
  healthRoutes,
  type Logger,
  notFoundHandler,
  type Services,
} from '@health-agent/core';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Registry } from 'prom-client';

export interface BotHttpDependencies {
  services: Pick<Services, 'health'>;
  logger: Logger;
  registry: Registry;
}

/**
 * The bot process's own HTTP surface: liveness, readiness and metrics for
 * Kubernetes and Prometheus. The Telegram webhook mounts here too when enabled.
 */
export function createBotHttpApp({ services, logger, registry }: BotHttpDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(healthRoutes(services, registry));
  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
