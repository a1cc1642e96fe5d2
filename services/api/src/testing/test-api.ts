import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Cache,
  type Clock,
  type Config,
  createLogger,
  createMetricsRegistry,
  createServices,
  loadConfig,
  MemoryCache,
  RedisCache,
  type Services,
  systemClock,
  type ToolExecutor,
} from '@health-agent/core';
import { Redis } from 'ioredis';
import type { Knex } from 'knex';
import {
  createTestDatabase,
  type TestDatabase,
  testRedisUrl,
} from '../../../core/src/testing/test-backends.js';
import { type ApiApp, createApiApp } from '../app.js';

export interface TestUser {
  userId: string;
  key: string;
}

export interface CallResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface TestApi {
  base: string;
  db: Knex;
  services: Services;
  apiApp: ApiApp;
  /** Creates a user (and profile) with a key of its own. */
  createUser(options?: { role?: 'user' | 'admin'; displayName?: string }): Promise<TestUser>;
  /** Calls the API over HTTP; `key` becomes the Bearer token. */
  call<T = unknown>(
    method: string,
    path: string,
    options?: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<CallResult<T>>;
  close(): Promise<void>;
}

/**
 * Starts the real API on a loopback port over this test file's own database (and
 * Redis when the run has one), for route tests over HTTP.
 */
export async function startTestApi(
  options: {
    env?: Record<string, string>;
    clock?: Clock;
    configure?: (config: Config) => Config;
    /** A fake executor for tool routes (no code is ever evaluated in tests of the API). */
    toolExecutor?: ToolExecutor;
  } = {},
): Promise<TestApi> {
  const database: TestDatabase = await createTestDatabase();
  const redisUrl = testRedisUrl();
  const redis = redisUrl ? new Redis(redisUrl) : undefined;
  const prefix = `test:${process.pid}:${Math.random().toString(36).slice(2)}:`;
  const cache: Cache = redis
    ? new RedisCache({ client: redis, keyPrefix: prefix, ownsClient: false })
    : new MemoryCache();
  let config = loadConfig({ RATE_LIMIT_POINTS: '100000', CACHE_KEY_PREFIX: prefix, ...options.env });
  if (options.configure) config = options.configure(config);
  const logger = createLogger({ level: 'silent', service: 'api' });
  const registry = createMetricsRegistry({ service: 'api', defaultMetrics: false });
  const services = createServices({
    db: database.db,
    cache,
    clock: options.clock ?? systemClock,
    logger,
    registry,
    config,
    ...(redis ? { redis } : {}),
    ...(options.toolExecutor ? { toolExecutor: options.toolExecutor } : {}),
  });
  const apiApp = createApiApp({ services, logger, registry, config });
  const server: Server = createServer(apiApp.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let users = 0;

  return {
    base,
    db: database.db,
    services,
    apiApp,
    async createUser({ role = 'user', displayName } = {}) {
      users += 1;
      const user = await services.access.createUser({ displayName: displayName ?? `User ${users}`, role });
      const { key } = await services.access.createApiKey(user.id, { scope: role, name: 'test' });
      return { userId: user.id, key };
    },
    async call<T>(
      method: string,
      path: string,
      {
        key,
        body,
        rawBody,
        headers = {},
      }: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
    ) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(rawBody !== undefined
          ? { body: rawBody }
          : body !== undefined
            ? { body: JSON.stringify(body) }
            : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (CSV, HTML); the text is the body
      }
      return { status: response.status, body: parsed as T, headers: response.headers, text };
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await redis?.quit();
      await database.cleanup();
    },
  };
}
