import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { ManualClock } from '../clock/clock.js';
import { createLogger } from '../logging/logger.js';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-backends.js';
import { formatImportReport } from './import-report-format.js';
import { importMarkdownMemories } from './markdown-memory-importer.js';
import { MAX_MEMORY_FILE_BYTES, readMemoryDirectory } from './memory-directory-reader.js';

// PGlite migrations are slow on a busy machine.
jest.setTimeout(60_000);

const logger = createLogger({ level: 'silent', service: 'test' });
const EXISTING_TELEGRAM_ID = 111111111;
const NEW_TELEGRAM_ID = 222222222;

const existingUserMemory = [
  '# About me',
  '- Name: **Anna** 🌻',
  '- Lives in Stockholm',
  '',
  '## Preferences',
  '* Likes _oat_ milk',
  '* Likes oat milk',
  '- ',
  '### Health conditions',
  '1. Lactose intolerant',
  `- ${'z'.repeat(2001)}`,
].join('\n');

async function writeFixture(dir: string): Promise<void> {
  await mkdir(join(dir, String(EXISTING_TELEGRAM_ID)));
  await writeFile(join(dir, String(EXISTING_TELEGRAM_ID), 'memory.md'), existingUserMemory);
  await writeFile(
    join(dir, String(EXISTING_TELEGRAM_ID), 'goals.md'),
    'Run 10 km\r\nDrink 2 l water a day\r\n',
  );
  await writeFile(join(dir, String(EXISTING_TELEGRAM_ID), 'notes.txt'), 'not markdown');
  await mkdir(join(dir, String(NEW_TELEGRAM_ID)));
  await writeFile(join(dir, String(NEW_TELEGRAM_ID), 'MEMORY.md'), '## Habits\n- Walks the dog at 7\n');
  await writeFile(join(dir, String(NEW_TELEGRAM_ID), 'huge.md'), 'x'.repeat(MAX_MEMORY_FILE_BYTES + 1));
  await mkdir(join(dir, String(NEW_TELEGRAM_ID), 'nested'));
  await mkdir(join(dir, 'not-a-user'));
  await writeFile(join(dir, 'README.md'), 'stray file');
}

describe('markdown memory importer (integration)', () => {
  let testDb: TestDatabase;
  let db: Knex;
  let dir: string;
  let existingUserId: string;
  const clock = new ManualClock('2026-02-01T09:00:00Z');

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = testDb.db;
    dir = await mkdtemp(join(tmpdir(), 'memory-import-'));
    await writeFixture(dir);
    existingUserId = await insertTestUser(db, { telegramId: EXISTING_TELEGRAM_ID });
    await db('memories').insert({
      user_id: existingUserId,
      category: 'goal',
      content: 'Run 10 km',
      source: 'user',
    });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await testDb.cleanup();
  });

  async function run(dryRun: boolean) {
    return importMarkdownMemories({ db, clock, logger }, await readMemoryDirectory(dir), { dryRun });
  }

  async function memoryCount(): Promise<number> {
    const [row] = await db('memories').count<Array<{ count: string | number }>>('* as count');
    return Number(row?.count);
  }

  it('when the directory is read, then user folders, their .md files and every skipped entry are listed', async () => {
    const directory = await readMemoryDirectory(dir);
    expect(directory.users.map((user) => [user.telegramId, user.files.map((file) => file.name)])).toEqual([
      [EXISTING_TELEGRAM_ID, ['goals.md', 'memory.md']],
      [NEW_TELEGRAM_ID, ['MEMORY.md']],
    ]);
    expect(directory.skipped).toEqual([
      { path: `${EXISTING_TELEGRAM_ID}/notes.txt`, reason: 'not a .md file' },
      { path: `${NEW_TELEGRAM_ID}/huge.md`, reason: `larger than ${MAX_MEMORY_FILE_BYTES} bytes` },
      { path: `${NEW_TELEGRAM_ID}/nested`, reason: 'not a .md file' },
      { path: 'README.md', reason: 'not a folder (expected <telegram_id>/*.md)' },
      { path: 'not-a-user', reason: 'folder name is not a Telegram user id' },
    ]);
  });

  it('when run dry, then the report says what would happen and nothing is written', async () => {
    const before = await memoryCount();
    const report = await run(true);
    expect(report.dryRun).toBe(true);
    expect(report.users).toEqual([
      {
        telegramId: EXISTING_TELEGRAM_ID,
        userId: existingUserId,
        userCreated: false,
        files: ['goals.md', 'memory.md'],
        factsFound: 7,
        new: 5,
        duplicates: 2,
        skipped: [
          { file: 'memory.md', line: 8, reason: 'empty', excerpt: '-' },
          { file: 'memory.md', line: 11, reason: 'too_long', excerpt: `- ${'z'.repeat(78)}…` },
        ],
      },
      {
        telegramId: NEW_TELEGRAM_ID,
        userId: null,
        userCreated: true,
        files: ['MEMORY.md'],
        factsFound: 1,
        new: 1,
        duplicates: 0,
        skipped: [],
      },
    ]);
    expect(report.totals).toEqual({
      users: 2,
      usersCreated: 1,
      factsFound: 8,
      new: 6,
      duplicates: 2,
      skipped: 2,
    });
    expect(report.skippedEntries).toHaveLength(5);
    expect(await memoryCount()).toBe(before);
    expect(await db('users').where('telegram_id', NEW_TELEGRAM_ID).first()).toBeUndefined();
    expect(await db('audit_events').where('action', 'memory.import')).toEqual([]);
  });

  it('when run for real, then facts are stored in their categories, the missing user is created and audited', async () => {
    const report = await run(false);
    expect(report.totals).toEqual({
      users: 2,
      usersCreated: 1,
      factsFound: 8,
      new: 6,
      duplicates: 2,
      skipped: 2,
    });
    const created = report.users[1];
    expect(created?.userCreated).toBe(true);
    expect(created?.userId).toEqual(expect.any(String));

    const rows: Array<{ category: string; content: string; source: string }> = await db('memories')
      .select('category', 'content', 'source')
      .where('user_id', existingUserId)
      .orderBy('content');
    expect(rows).toEqual([
      { category: 'goal', content: 'Drink 2 l water a day', source: 'import' },
      { category: 'condition', content: 'Lactose intolerant', source: 'import' },
      { category: 'preference', content: 'Likes oat milk', source: 'import' },
      { category: 'profile', content: 'Lives in Stockholm', source: 'import' },
      { category: 'profile', content: 'Name: Anna 🌻', source: 'import' },
      { category: 'goal', content: 'Run 10 km', source: 'user' },
    ]);
    const newUser = await db('users').where('telegram_id', NEW_TELEGRAM_ID).first();
    expect(newUser.id).toBe(created?.userId);
    expect(await db('user_profiles').where('user_id', newUser.id).first()).toMatchObject({ timezone: 'UTC' });
    expect(await db('memories').where('user_id', newUser.id).select('category', 'content')).toEqual([
      { category: 'habit', content: 'Walks the dog at 7' },
    ]);
    const audits = await db('audit_events').where('action', 'memory.import').orderBy('id');
    expect(audits.map((audit) => [audit.target_id, audit.actor_type, audit.outcome, audit.details])).toEqual([
      [
        existingUserId,
        'system',
        'success',
        { telegramId: EXISTING_TELEGRAM_ID, userCreated: false, facts: 6, new: 5 },
      ],
      [newUser.id, 'system', 'success', { telegramId: NEW_TELEGRAM_ID, userCreated: true, facts: 1, new: 1 }],
    ]);
  });

  it('when run a second time, then nothing new is imported and no user is created', async () => {
    const before = await memoryCount();
    const report = await run(false);
    expect(report.totals).toEqual({
      users: 2,
      usersCreated: 0,
      factsFound: 8,
      new: 0,
      duplicates: 8,
      skipped: 2,
    });
    expect(await memoryCount()).toBe(before);
    const dry = await run(true);
    expect(dry.totals.new).toBe(0);
    expect(dry.users.every((user) => user.userId !== null)).toBe(true);
  });

  it('when the report is formatted for a terminal, then it shows one row per user, totals and skips', async () => {
    const text = formatImportReport(await run(true));
    expect(text).toContain('Dry run of the memory import');
    expect(text).toMatch(
      new RegExp(`${EXISTING_TELEGRAM_ID}\\s+${existingUserId}\\s+existing\\s+7\\s+0\\s+7\\s+2`),
    );
    expect(text).toContain(`${EXISTING_TELEGRAM_ID}/memory.md:11 too_long`);
    expect(text).toContain('not-a-user: folder name is not a Telegram user id');
  });

  it('when the directory does not exist, then reading fails loudly', async () => {
    await expect(readMemoryDirectory(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });
});
