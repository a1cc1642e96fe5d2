export { createDatabase, type Db, type DatabaseDriver, databaseDriver, pgliteDirectory } from './db.js';
export { migrateDownAll, migrateLatest, pendingMigrations } from './migrator.js';
export { migrations } from './migrations/index.js';
