import { loadConfig } from '../config/index.js';
import { createDatabase } from './db.js';
import { migrateDownAll, migrateLatest, pendingMigrations } from './migrator.js';

/** `make migrate`: node services/core/dist/db/migrate-cli.js [latest|down-all|status] */
async function main(command: string): Promise<void> {
  const config = loadConfig();
  const db = createDatabase({ url: config.DATABASE_URL, poolMax: 1 });
  try {
    if (command === 'latest') {
      const applied = await migrateLatest(db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
    } else if (command === 'down-all') {
      const rolledBack = await migrateDownAll(db);
      console.log(`rolled back: ${rolledBack.join(', ') || 'nothing'}`);
    } else if (command === 'status') {
      const pending = await pendingMigrations(db);
      console.log(pending.length ? `pending: ${pending.join(', ')}` : 'up to date');
    } else {
      throw new Error(`unknown command ${JSON.stringify(command)}: use latest, down-all or status`);
    }
  } finally {
    await db.destroy();
  }
}

main(process.argv[2] ?? 'latest').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
