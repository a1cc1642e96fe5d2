import {
  createErrorHandler,
  healthRoutes,
  type Logger,
  notFoundHandler,
  type Services,
} from '@health-agent/core';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Registry } from 'prom-client';

export interface BotHttpDependencies {
  services: Pick<Services, 'health'>;
  logger: Logger;
  registry: Registry;
  /** The Telegram webhook, mounted when the bot runs in webhook mode. */
  webhook?: { path: string; handler: RequestHandler };
}

/**
 * The bot process's own HTTP surface: liveness, readiness and metrics for
 * Kubernetes and Prometheus. The Telegram webhook mounts here too when enabled.
 */
export function createBotHttpApp({ services, logger, registry, webhook }: BotHttpDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(healthRoutes(services, registry));
  if (webhook) app.post(webhook.path, express.json({ limit: '1mb' }), webhook.handler);
  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
