import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import {
  type Cache,
  createLogger,
  createMetricsRegistry,
  createServices,
  loadConfig,
  MemoryCache,
  RedisCache,
  systemClock,
} from '@health-agent/core';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase, testRedisUrl } from '../../core/src/testing/test-backends.js';
import { createApp } from './app.js';

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

describe('api app over HTTP', () => {
  let database: TestDatabase;
  let server: Server;
  let base: string;
  let redis: Redis | undefined;
  let cache: Cache;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const redisUrl = testRedisUrl();
    redis = redisUrl ? new Redis(redisUrl) : undefined;
    cache = redis
      ? new RedisCache({ client: redis, keyPrefix: `test:${process.pid}:`, ownsClient: false })
      : new MemoryCache();
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const logger = createLogger({ level: 'info', service: 'api', destination });
    const registry = createMetricsRegistry({ service: 'api', defaultMetrics: false });
    const config = loadConfig({ HTTP_BODY_LIMIT: '1kb' });
    const services = createServices({ db: database.db, cache, clock: systemClock, logger, registry, config });
    server = createServer(createApp({ services, logger, registry, config }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await redis?.quit();
    await database.cleanup();
  });

  it('when /healthz is called, then the process says it is alive', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('when /readyz is called with the database and cache up, then it is ready', async () => {
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { database: { ok: true }, cache: { ok: true } },
    });
  });

  it('when /metrics is scraped, then the request histogram is there with route templates', async () => {
    await fetch(`${base}/healthz`);
    await fetch(`${base}/no/such/route/123`);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{service="api",method="GET",route="\/healthz",status_code="200"\} \d+/,
    );
    expect(text).toContain('route="unmatched",status_code="404"');
  });

  it('when a route does not exist, then the error shape is returned', async () => {
    const response = await fetch(`${base}/v1/nothing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'route_not_found', message: 'No route for GET /v1/nothing', details: null },
    });
  });

  it('when the body is malformed JSON, then it is a 400 without a stack', async () => {
    const response = await fetch(`${base}/v1/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken": ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('malformed_json');
    expect(JSON.stringify(body)).not.toContain('at ');
  });

  it('when the body is over the limit, then it is a 413', async () => {
    const response = await fetch(`${base}/v1/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(5000) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('payload_too_large');
  });

  it('when a request carries an id, then it is echoed and on every log line of the request', async () => {
    const requestId = 'test-request-0001';
    const response = await fetch(`${base}/readyz`, { headers: { 'x-request-id': requestId } });
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const mine = lines.filter((line) => line.requestId === requestId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.some((line) => line.msg === 'request completed')).toBe(true);
  });

  it('when a request has no usable id, then a fresh one is made', async () => {
    const response = await fetch(`${base}/readyz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when the database goes away, then /readyz answers 503 and names it', async () => {
    const broken = await createTestDatabase({ migrated: false });
    await broken.cleanup();
    const logger = createLogger({ level: 'silent', service: 'api' });
    const registry = createMetricsRegistry({ service: 'api', defaultMetrics: false });
    const config = loadConfig({});
    const services = createServices({ db: broken.db, cache, clock: systemClock, logger, registry, config });
    const other = createServer(createApp({ services, logger, registry, config }));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/readyz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { status: string; checks: Record<string, { ok: boolean }> };
      expect(body.status).toBe('not_ready');
      expect(body.checks.database?.ok).toBe(false);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
