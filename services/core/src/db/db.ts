import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';

/** A repository works on the pool or inside a transaction alike. */
export type Db = Knex | Knex.Transaction;

export interface DatabaseOptions {
  url: string;
  poolMin?: number;
  poolMax?: number;
  statementTimeoutMs?: number;
}

export type DatabaseDriver = 'pg' | 'pglite';

export function databaseDriver(url: string): DatabaseDriver {
  if (/^postgres(ql)?:\/\//.test(url)) return 'pg';
  if (url.startsWith('pglite://')) return 'pglite';
  throw new Error(`DATABASE_URL must start with postgres:// or pglite:// (got ${JSON.stringify(url)})`);
}

/** `pglite://memory` (or `pglite://`) is in-memory; anything else is a data directory. */
export function pgliteDirectory(url: string): string | undefined {
  const dir = url.slice('pglite://'.length);
  return dir === '' || dir === 'memory' ? undefined : dir;
}

/** Builds the knex instance for DATABASE_URL: PostgreSQL through pg, or embedded PGlite. */
export function createDatabase(options: DatabaseOptions): Knex {
  if (databaseDriver(options.url) === 'pg') {
    return knexFactory({
      client: 'pg',
      connection: {
        connectionString: options.url,
        ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      },
      pool: { min: options.poolMin ?? 0, max: options.poolMax ?? 10 },
    });
  }
  const dir = pgliteDirectory(options.url);
  if (dir) mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  return knexFactory({
    client: ClientPgLite as unknown as typeof Knex.Client,
    dialect: 'postgres',
    connection: () => ({ pglite }) as object,
  } as Knex.Config);
}
