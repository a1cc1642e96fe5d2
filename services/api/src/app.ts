import {
  type Config,
  createErrorHandler,
  createHttpMetrics,
  healthRoutes,
  type Logger,
  notFoundHandler,
  type Services,
} from '@health-agent/core';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Registry } from 'prom-client';
import swaggerUi from 'swagger-ui-express';
import { ApiRouter } from './http/api-router.js';
import { buildOpenApiDocument } from './http/openapi-document.js';
import { httpMetrics } from './middleware/http-metrics.js';
import { requestLogging } from './middleware/request-logging.js';
import { registerRoutes } from './routes/index.js';

export interface AppDependencies {
  services: Services;
  logger: Logger;
  registry: Registry;
  config: Pick<Config, 'HTTP_BODY_LIMIT' | 'CORS_ORIGINS'>;
}

export interface ApiApp {
  app: Express;
  /** The declared routes, for tests that check the spec covers them all. */
  api: ApiRouter;
}

/** The Express app: a thin adapter over the services; no database or cache code here. */
export function createApiApp({ services, logger, registry, config }: AppDependencies): ApiApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());
  if (config.CORS_ORIGINS) {
    app.use(cors({ origin: config.CORS_ORIGINS.split(',').map((origin) => origin.trim()), maxAge: 600 }));
  }
  app.use(requestLogging(logger));
  app.use(httpMetrics(createHttpMetrics(registry)));
  app.use(express.json({ limit: config.HTTP_BODY_LIMIT }));
  app.use(healthRoutes(services, registry));

  const api = new ApiRouter(services);
  registerRoutes(api, services);
  app.use(api.router);

  const document = buildOpenApiDocument(api, '0.1.0');
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Health Agent API' }));

  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return { app, api };
}

export function createApp(dependencies: AppDependencies): Express {
  return createApiApp(dependencies).app;
}
