import type { Knex } from 'knex';
import { createTestDatabase, testDbBackend } from '../testing/test-backends.js';
import { createDatabase } from './db.js';
import { migrations } from './migrations/index.js';
import { migrateDownAll, migrateLatest, pendingMigrations } from './migrator.js';

const expectedTables = [
  'users',
  'user_profiles',
  'api_keys',
  'invites',
  'telegram_allow_list',
  'food_entries',
  'metric_entries',
  'custom_trackers',
  'tracker_entries',
  'xp_events',
  'user_progress',
  'streaks',
  'achievements',
  'user_achievements',
  'challenges',
  'reminders',
  'reminder_events',
  'memories',
  'conversation_messages',
  'dynamic_tools',
  'tool_versions',
  'tool_executions',
  'audit_events',
  'outbox_messages',
];

async function publicTables(db: Knex): Promise<string[]> {
  const result = await db.raw(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE 'knex_%'",
  );
  return (result.rows as Array<{ table_name: string }>).map((row) => row.table_name).sort();
}

async function exerciseUpDownUp(db: Knex): Promise<void> {
  expect(await pendingMigrations(db)).toEqual(migrations.map((m) => m.name));
  expect(await migrateLatest(db)).toHaveLength(migrations.length);
  expect(await publicTables(db)).toEqual([...expectedTables].sort());
  expect(await pendingMigrations(db)).toEqual([]);
  expect(await migrateLatest(db)).toEqual([]);

  const rolledBack = await migrateDownAll(db);
  expect(rolledBack).toHaveLength(migrations.length);
  expect(await publicTables(db)).toEqual([]);

  await migrateLatest(db);
  expect(await publicTables(db)).toHaveLength(expectedTables.length);
}

describe('migrations', () => {
  it('when run on embedded PGlite, then every migration goes up, down and up again', async () => {
    const db = createDatabase({ url: 'pglite://memory' });
    try {
      await exerciseUpDownUp(db);
    } finally {
      await db.destroy();
    }
  });

  it('when run on PostgreSQL through pg, then every migration goes up, down and up again', async () => {
    if (testDbBackend() !== 'postgres') {
      console.info('PostgreSQL is not available in this run: the pg driver leg ran on PGlite only');
    }
    const { db, cleanup } = await createTestDatabase({ migrated: false });
    try {
      await exerciseUpDownUp(db);
    } finally {
      await cleanup();
    }
  });
});

describe('schema rules', () => {
  let db: Knex;
  let cleanup: () => Promise<void>;
  let userId: string;

  beforeAll(async () => {
    ({ db, cleanup } = await createTestDatabase());
    [{ id: userId }] = await db('users').insert({ display_name: 'Ada' }).returning('id');
  });
  afterAll(() => cleanup());

  it('when an audit event is written, then it can be read but never updated, deleted or truncated', async () => {
    const [{ id }] = await db('audit_events')
      .insert({ actor_type: 'system', action: 'test.append', target_type: 'test', outcome: 'success' })
      .returning('id');
    await expect(db('audit_events').where({ id }).update({ action: 'tampered' })).rejects.toThrow(
      /append-only/,
    );
    await expect(db('audit_events').where({ id }).delete()).rejects.toThrow(/append-only/);
    await expect(db.raw('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect((await db('audit_events').where({ id }).first()).action).toBe('test.append');
  });

  it('when achievements are seeded, then there are at least 20 and each is awarded once per user', async () => {
    const achievements = await db('achievements').select('id');
    expect(achievements.length).toBeGreaterThanOrEqual(20);
    await db('user_achievements').insert({ user_id: userId, achievement_id: 'first_meal' });
    await expect(
      db('user_achievements').insert({ user_id: userId, achievement_id: 'first_meal' }),
    ).rejects.toThrow(/duplicate key/);
  });

  it('when values break the checks, then the database refuses them', async () => {
    await expect(db('user_profiles').insert({ user_id: userId, day_start_hour: 24 })).rejects.toThrow(
      /check/i,
    );
    await expect(
      db('metric_entries').insert({
        user_id: userId,
        kind: 'water',
        value: -1,
        unit: 'ml',
        recorded_at: new Date(),
      }),
    ).rejects.toThrow(/check/i);
    await expect(
      db('reminders').insert({ user_id: userId, kind: 'daily', message: 'x', time_of_day: '25:00' }),
    ).rejects.toThrow(/check/i);
    await expect(
      db('food_entries').insert({
        user_id: userId,
        source: 'text',
        items: JSON.stringify([]),
        eaten_at: new Date(),
        status: 'confirmed',
      }),
    ).rejects.toThrow(/check/i);
  });

  it('when a user is deleted, then their data goes with them but the audit trail stays', async () => {
    const [{ id: doomed }] = await db('users').insert({ display_name: 'Temp' }).returning('id');
    await db('metric_entries').insert({
      user_id: doomed,
      kind: 'water',
      value: 250,
      unit: 'ml',
      recorded_at: new Date(),
    });
    await db('audit_events').insert({
      actor_type: 'user',
      actor_id: doomed,
      action: 'test.keep',
      target_type: 'user',
      target_id: doomed,
      outcome: 'success',
    });
    await db('users').where({ id: doomed }).delete();
    expect(await db('metric_entries').where({ user_id: doomed })).toHaveLength(0);
    expect(await db('audit_events').where({ actor_id: doomed })).toHaveLength(1);
  });

  it('when memories are stored, then full-text search finds them by stemmed words', async () => {
    await db('memories').insert({
      user_id: userId,
      category: 'preference',
      content: 'Prefers running in the morning',
    });
    const found = await db('memories').whereRaw("search @@ plainto_tsquery('english', ?)", ['runs mornings']);
    expect(found).toHaveLength(1);
  });
});
