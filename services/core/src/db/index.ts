export { createDatabase, type DatabaseDriver, type Db, databaseDriver, pgliteDirectory } from './db.js';
export { migrations } from './migrations/index.js';
export { migrateDownAll, migrateLatest, pendingMigrations } from './migrator.js';
