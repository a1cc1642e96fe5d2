import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { AccessService } from '../access/index.js';
import type { Cache } from '../cache/index.js';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/index.js';
import type { Db } from '../db/db.js';
import { databaseHealthCheck, HealthService } from '../health/health-service.js';
import type { Logger } from '../logging/logger.js';
import { ProfileService } from '../profiles/index.js';
import { createRateLimiter, type RateLimiter } from '../rate-limit/index.js';
import { type BreakerFactory, createBreakerFactory } from '../resilience/index.js';

export interface ServiceDependencies {
  db: Db;
  cache: Cache;
  clock: Clock;
  logger: Logger;
  registry: Registry;
  config: Config;
  /** When given, rate limits are shared through Redis across replicas. */
  redis?: Redis;
}

export interface Services {
  health: HealthService;
  breakers: BreakerFactory;
  apiRateLimiter: RateLimiter;
  access: AccessService;
  profiles: ProfileService;
}

/**
 * The composition root of the domain: builds every repository and service from
 * injected infrastructure. Nothing else constructs them.
 */
export function createServices(deps: ServiceDependencies): Services {
  const { config, logger, registry, cache, db } = deps;
  const breakers = createBreakerFactory({
    registry,
    logger,
    defaults: {
      failureThreshold: config.BREAKER_FAILURE_THRESHOLD,
      resetTimeoutMs: config.BREAKER_RESET_TIMEOUT_MS,
      timeoutMs: config.BREAKER_CALL_TIMEOUT_MS,
    },
  });
  const health = new HealthService([
    databaseHealthCheck(db),
    {
      name: 'cache',
      check: async () => {
        if (!(await cache.ping())) throw new Error('cache does not answer');
      },
    },
  ]);
  const apiRateLimiter = createRateLimiter({
    points: config.RATE_LIMIT_POINTS,
    durationSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    keyPrefix: `${config.CACHE_KEY_PREFIX}rl:api`,
    ...(deps.redis ? { redis: deps.redis } : {}),
  });
  const access = new AccessService({ db, clock: deps.clock, adminTelegramIds: config.ADMIN_TELEGRAM_IDS });
  const profiles = new ProfileService({ db, clock: deps.clock });
  return { health, breakers, apiRateLimiter, access, profiles };
}
