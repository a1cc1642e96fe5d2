import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { createDatabase } from '../db/db.js';
import { migrateLatest } from '../db/migrator.js';

/**
 * The integration harness. global-setup.ts decides once per run which backends
 * exist and passes the decision to test files through these variables.
 */
export const harnessEnv = {
  backend: 'HA_TEST_DB_BACKEND', // 'postgres' | 'pglite'
  adminUrl: 'HA_TEST_PG_ADMIN_URL',
  templateDb: 'HA_TEST_PG_TEMPLATE',
  redisUrl: 'HA_TEST_REDIS_URL',
  description: 'HA_TEST_BACKEND_DESCRIPTION',
} as const;

export type DbBackend = 'postgres' | 'pglite';

export function testDbBackend(): DbBackend {
  return process.env[harnessEnv.backend] === 'postgres' ? 'postgres' : 'pglite';
}

/** The Redis URL of this run, or undefined when integration tests use the in-process cache. */
export function testRedisUrl(): string | undefined {
  return process.env[harnessEnv.redisUrl] || undefined;
}

export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function adminConnection(adminUrl: string): Knex {
  return knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
}

export interface TestDatabase {
  db: Knex;
  backend: DbBackend;
  /** Connection URL of this file's own database. */
  url: string;
  cleanup(): Promise<void>;
}

/**
 * A migrated database of the test file's own: a copy of the run's migrated
 * template on PostgreSQL, or a fresh in-memory PGlite.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (testDbBackend() === 'pglite') {
    const db = createDatabase({ url: 'pglite://memory' });
    if (migrated) await migrateLatest(db);
    return { db, backend: 'pglite', url: 'pglite://memory', cleanup: () => db.destroy() };
  }
  const adminUrl = process.env[harnessEnv.adminUrl] as string;
  const template = process.env[harnessEnv.templateDb] as string;
  const name = `ha_t_${randomBytes(6).toString('hex')}`;
  const admin = adminConnection(adminUrl);
  try {
    await admin.raw(
      migrated ? `CREATE DATABASE ?? TEMPLATE ??` : 'CREATE DATABASE ??',
      migrated ? [name, template] : [name],
    );
  } finally {
    await admin.destroy();
  }
  const url = databaseUrlFor(adminUrl, name);
  const db = createDatabase({ url, poolMax: 5 });
  return {
    db,
    backend: 'postgres',
    url,
    cleanup: async () => {
      await db.destroy();
      const dropper = adminConnection(adminUrl);
      try {
        await dropper.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      } finally {
        await dropper.destroy();
      }
    },
  };
}
