import { Router } from 'express';
import type { Registry } from 'prom-client';
import type { Services } from '../composition/create-services.js';

/** Liveness, readiness and Prometheus metrics: served outside /v1 and without auth. */
export function healthRoutes(services: Pick<Services, 'health'>, registry: Registry): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await services.health.readiness();
    res
      .status(report.ready ? 200 : 503)
      .json({ status: report.ready ? 'ready' : 'not_ready', checks: report.checks });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
