import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, createMetricsRegistry, HealthService } from '@health-agent/core';
import { Counter } from 'prom-client';
import { createBotHttpApp } from './bot-http-app.js';

describe('bot http app', () => {
  let server: Server;
  let base: string;
  let healthy = true;

  beforeAll(async () => {
    const registry = createMetricsRegistry({ service: 'bot', defaultMetrics: false });
    new Counter({ name: 'bot_updates_total', help: 'updates', registers: [registry] }).inc();
    const health = new HealthService([
      {
        name: 'database',
        check: async () => {
          if (!healthy) throw new Error('down');
        },
      },
    ]);
    const app = createBotHttpApp({
      services: { health },
      logger: createLogger({ level: 'silent', service: 'bot' }),
      registry,
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('when probed, then it is alive and ready, and metrics carry the bot service label', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('bot_updates_total{service="bot"} 1');
  });

  it('when a dependency is down, then readiness fails and unknown paths give the error shape', async () => {
    healthy = false;
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    const response = await fetch(`${base}/webhook/unknown`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('route_not_found');
  });
});
