import { splitSqlStatements } from './sql-script.js';

describe('splitSqlStatements', () => {
  it('when a script has several statements, then each comes back on its own', () => {
    expect(splitSqlStatements('CREATE TABLE a (id int);\n  CREATE TABLE b (id int);')).toEqual([
      'CREATE TABLE a (id int)',
      'CREATE TABLE b (id int)',
    ]);
  });

  it('when semicolons sit in quotes, dollar-quoted bodies or comments, then they do not split', () => {
    const script = `
      INSERT INTO t VALUES ('a;b', 'it''s; fine');
      -- a comment; with a semicolon
      CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'x;y'; END; $$;
      CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$`;
    const statements = splitSqlStatements(script);
    expect(statements).toHaveLength(3);
    expect(statements[0]).toBe("INSERT INTO t VALUES ('a;b', 'it''s; fine')");
    expect(statements[1]).toContain("RAISE EXCEPTION 'x;y'; END; $$");
    expect(statements[2]).toContain('$body$ SELECT 1; $body$');
  });

  it('when a script is only comments and blanks, then there is nothing to run', () => {
    expect(splitSqlStatements('-- nothing here;\n ;  ;')).toEqual([]);
  });
});
