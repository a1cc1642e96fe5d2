import { databaseDriver, pgliteDirectory } from './db.js';

describe('database driver selection', () => {
  it('when the URL is postgres or postgresql, then pg is used', () => {
    expect(databaseDriver('postgres://u@h:5432/db')).toBe('pg');
    expect(databaseDriver('postgresql://u@h/db')).toBe('pg');
  });

  it('when the URL is pglite, then PGlite is used, in memory or in a directory', () => {
    expect(databaseDriver('pglite://./data/pglite')).toBe('pglite');
    expect(pgliteDirectory('pglite://./data/pglite')).toBe('./data/pglite');
    expect(pgliteDirectory('pglite://memory')).toBeUndefined();
    expect(pgliteDirectory('pglite://')).toBeUndefined();
  });

  it('when the URL is anything else, then the error names the variable', () => {
    expect(() => databaseDriver('mysql://x')).toThrow(
      /DATABASE_URL must start with postgres:\/\/ or pglite:\/\//,
    );
  });
});
