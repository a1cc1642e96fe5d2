import type { Knex } from 'knex';

/**
 * Splits a SQL script into statements at top-level semicolons, leaving those inside
 * quotes, dollar-quoted bodies and comments alone. PGlite (through knex-pglite) runs
 * one statement per query, so migrations send their scripts statement by statement.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < script.length) {
    const rest = script.slice(i);
    const dollar = /^\$[A-Za-z_]*\$/.exec(rest);
    let token: string;
    if (dollar) {
      const end = script.indexOf(dollar[0], i + dollar[0].length);
      token = script.slice(i, end === -1 ? script.length : end + dollar[0].length);
    } else if (rest.startsWith("'")) {
      const match = /^'(?:[^']|'')*'?/.exec(rest);
      token = match ? match[0] : rest;
    } else if (rest.startsWith('--')) {
      const end = script.indexOf('\n', i);
      token = script.slice(i, end === -1 ? script.length : end);
    } else {
      token = script[i] as string;
    }
    if (token === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
    } else {
      current += token;
    }
    i += token.length;
  }
  if (current.trim()) statements.push(current.trim());
  return statements.filter((statement) => statement.replace(/--[^\n]*/g, '').trim() !== '');
}

export async function runSqlScript(knex: Knex, script: string): Promise<void> {
  for (const statement of splitSqlStatements(script)) await knex.raw(statement);
}
