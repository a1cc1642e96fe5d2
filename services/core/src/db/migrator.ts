import type { Knex } from 'knex';
import { type Migration, migrations } from './migrations/index.js';

class ListedMigrationSource implements Knex.MigrationSource<Migration> {
  constructor(private readonly list: Migration[]) {}
  async getMigrations(): Promise<Migration[]> {
    return this.list;
  }
  getMigrationName(migration: Migration): string {
    return migration.name;
  }
  async getMigration(migration: Migration): Promise<Knex.Migration> {
    return migration;
  }
}

function migratorConfig(list: Migration[]): Knex.MigratorConfig {
  return { migrationSource: new ListedMigrationSource(list), tableName: 'knex_migrations' };
}

/** Applies every pending migration; returns the names applied. */
export async function migrateLatest(db: Knex, list: Migration[] = migrations): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migratorConfig(list))) as [number, string[]];
  return applied;
}

/** Rolls back every applied migration, newest first; returns the names rolled back. */
export async function migrateDownAll(db: Knex, list: Migration[] = migrations): Promise<string[]> {
  const [, rolledBack] = (await db.migrate.rollback(migratorConfig(list), true)) as [number, string[]];
  return rolledBack;
}

export async function pendingMigrations(db: Knex, list: Migration[] = migrations): Promise<string[]> {
  const [, pending] = (await db.migrate.list(migratorConfig(list))) as [unknown, Migration[]];
  return pending.map((migration) => migration.name);
}
