import {
  type Config,
  createErrorHandler,
  createHttpMetrics,
  healthRoutes,
  type Logger,
  notFoundHandler,
  type Services,
} from '@health-agent/core';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Registry } from 'prom-client';
import { httpMetrics } from './middleware/http-metrics.js';
import { requestLogging } from './middleware/request-logging.js';

export interface AppDependencies {
  services: Services;
  logger: Logger;
  registry: Registry;
  config: Pick<Config, 'HTTP_BODY_LIMIT'>;
}

/** The Express app: a thin adapter over the services; no database or cache code here. */
export function createApp({ services, logger, registry, config }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());
  app.use(requestLogging(logger));
  app.use(httpMetrics(createHttpMetrics(registry)));
  app.use(express.json({ limit: config.HTTP_BODY_LIMIT }));
  app.use(healthRoutes(services, registry));
  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
