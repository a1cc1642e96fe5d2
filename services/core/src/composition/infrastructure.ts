import { Redis } from 'ioredis';
import type { Knex } from 'knex';
import { type Cache, MemoryCache, RedisCache } from '../cache/index.js';
import type { Config } from '../config/index.js';
import { createDatabase } from '../db/db.js';
import { migrateLatest } from '../db/migrator.js';
import type { Logger } from '../logging/logger.js';

export interface Infrastructure {
  db: Knex;
  cache: Cache;
  /** The shared ioredis connection, when REDIS_URL is set. */
  redis?: Redis;
  close(): Promise<void>;
}

/**
 * Opens the process's connections from config: PostgreSQL or PGlite, Redis or the
 * in-process cache. The only place that decides which adapters run.
 */
export async function openInfrastructure(config: Config, logger: Logger): Promise<Infrastructure> {
  const db = createDatabase({
    url: config.DATABASE_URL,
    poolMin: config.DATABASE_POOL_MIN,
    poolMax: config.DATABASE_POOL_MAX,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  });
  if (config.MIGRATE_ON_START) {
    const applied = await migrateLatest(db);
    logger.info({ applied }, applied.length ? 'migrations applied' : 'database schema up to date');
  }
  let redis: Redis | undefined;
  let cache: Cache;
  if (config.REDIS_URL) {
    redis = new Redis(config.REDIS_URL, {
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      lazyConnect: false,
    });
    redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
    cache = new RedisCache({ client: redis, keyPrefix: config.CACHE_KEY_PREFIX, ownsClient: false });
  } else {
    cache = new MemoryCache();
  }
  logger.info(
    {
      database: config.DATABASE_URL.startsWith('pglite') ? 'pglite' : 'postgres',
      cache: redis ? 'redis' : 'memory',
    },
    'infrastructure ready',
  );
  return {
    db,
    cache,
    ...(redis ? { redis } : {}),
    close: async () => {
      await db.destroy();
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
