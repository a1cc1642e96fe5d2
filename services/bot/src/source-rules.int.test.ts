import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { en } from './locales/en.js';

// Reads the bot's own source files: these checks guard the architecture and the locale files.
const root = path.join(process.cwd(), 'services/bot/src');

function sourceFiles(dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

const relative = (file: string) => path.relative(root, file);
const isTest = (file: string) => file.endsWith('.test.ts') || relative(file).startsWith(`testing${path.sep}`);
const production = sourceFiles().filter((file) => !isTest(file));
/** The bot process and the local terminal chat: the only places that wire infrastructure. */
const compositionRoots = ['main.ts', path.join('local-chat', 'local-chat.ts')];

function importsOf(source: string): Array<{ names: string; from: string }> {
  const pattern =
    /import\s+(?:type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...source.matchAll(pattern)].map((match) => ({
    names: match[1] ?? '',
    from: match[2] ?? match[3] ?? '',
  }));
}

describe('source rules of the bot', () => {
  it('when production code is scanned, then nothing imports the database, Redis or the data layer', () => {
    expect(production.length).toBeGreaterThan(30);
    const forbiddenModules = /^(knex|pg|ioredis|@electric-sql\/pglite|knex-pglite)(\/|$)/;
    const forbiddenNames = /\b(createDatabase|migrateLatest|Db|Knex|\w+Repository|RedisCache)\b/;
    const violations: string[] = [];
    for (const file of production) {
      for (const { names, from } of importsOf(readFileSync(file, 'utf8'))) {
        if (forbiddenModules.test(from)) violations.push(`${relative(file)} imports ${from}`);
        if (/(^|\/)core\/src\//.test(from))
          violations.push(`${relative(file)} reaches into core's files: ${from}`);
        if (from === '@health-agent/core' && forbiddenNames.test(names)) {
          violations.push(
            `${relative(file)} imports data-layer names from core: ${names.replace(/\s+/g, ' ')}`,
          );
        }
        // Only the process entry points (composition roots) open connections.
        if (/\bopenInfrastructure\b/.test(names) && !compositionRoots.includes(relative(file))) {
          violations.push(`${relative(file)} opens infrastructure`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('when a message key is written in the code, then English has it', () => {
    const keys = new Set(Object.keys(en));
    const missing: string[] = [];
    for (const file of production.filter((f) => !relative(f).startsWith(`locales${path.sep}`))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g)) {
        if (!keys.has(match[1] as string)) missing.push(`${relative(file)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('when the English locale is read, then every key is used somewhere in the code', () => {
    const code = production
      .filter((file) => !relative(file).startsWith(`locales${path.sep}`))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // Keys built at run time, like `units.name.${units}`, count through their literal prefix.
    const prefixes = [...code.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z_]+)*\.)\$\{/g)].map(
      (match) => match[1] as string,
    );
    const unused = Object.keys(en).filter(
      (key) => !code.includes(`'${key}'`) && !prefixes.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });
});
