import type { Knex } from 'knex';
import { listAuditEvents } from '../audit/audit-log.js';
import { ManualClock } from '../clock/clock.js';
import { NotFoundError, ValidationError } from '../errors/index.js';
import { createLogger } from '../logging/logger.js';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-backends.js';
import { dataRightsRepository, exportSectionQueries, singleRowTables } from './data-rights-repository.js';
import {
  createDataRightsService,
  type DataRightsService,
  UserDataLeftBehindError,
} from './data-rights-service.js';
import { FOOD_CSV_COLUMNS } from './food-csv.js';

// PGlite migrations are slow on a busy machine.
jest.setTimeout(60_000);

const logger = createLogger({ level: 'silent', service: 'test' });
const missingUser = '00000000-0000-4000-8000-000000000000';
const sha = 'a'.repeat(64);

/** Tables that point at a user without being "their" data: shared things that outlive them with the link nulled. */
const sharedReferences = [
  'dynamic_tools.created_by',
  'dynamic_tools.decided_by',
  'invites.created_by',
  'telegram_allow_list.added_by',
  'tool_versions.created_by',
];

/** Writes one row of every kind of data a user can have; returns ids the tests look for. */
let seeded = 0;

async function seedEverything(db: Knex, userId: string, label: string) {
  seeded += 1;
  const unique = `${label}${seeded}`;
  const [key] = await db('api_keys')
    .insert({
      user_id: userId,
      name: `${label} key`,
      prefix: 'ha_abcdef',
      key_hash: `hash-${unique}`,
      scope: 'user',
    })
    .returning('id');
  const items = [
    {
      foodName: `${label} egg, "large", boiled 🥚`,
      grams: 100,
      nutrients: {
        kcal: 155,
        proteinG: 12.6,
        fatG: 10.6,
        carbsG: 1.1,
        fiberG: 0,
        sugarG: 1.1,
        sodiumMg: 124,
      },
      source: 'usda-sr28',
    },
    {
      foodName: 'Rice, white, cooked',
      grams: 158,
      nutrients: { kcal: 205, proteinG: 4.3 },
      source: 'usda-sr28',
    },
  ];
  // 23:30 in Stockholm on 15 January is 22:30 UTC: it belongs to the local 15th.
  await db('food_entries').insert({
    user_id: userId,
    status: 'confirmed',
    meal: 'dinner',
    description: '2 eggs and rice',
    source: 'text',
    items: JSON.stringify(items),
    total_kcal: 360,
    protein_g: 16.9,
    eaten_at: '2026-01-15T22:30:00Z',
    confirmed_at: '2026-01-15T22:31:00Z',
  });
  await db('food_entries').insert({
    user_id: userId,
    status: 'draft',
    source: 'text',
    items: JSON.stringify([{ foodName: 'draft only', grams: 1 }]),
    eaten_at: '2026-01-16T08:00:00Z',
  });
  await db('metric_entries').insert({
    user_id: userId,
    kind: 'weight',
    value: 72.5,
    unit: 'kg',
    recorded_at: '2026-01-15T07:00:00Z',
  });
  const [tracker] = await db('custom_trackers')
    .insert({
      user_id: userId,
      name: `${label} tracker`,
      fields: JSON.stringify([{ key: 'pain', type: 'rating' }]),
    })
    .returning('id');
  await db('tracker_entries').insert({
    tracker_id: tracker.id,
    user_id: userId,
    values: JSON.stringify({ pain: 3 }),
    recorded_at: '2026-01-15T12:00:00Z',
  });
  await db('xp_events').insert({
    user_id: userId,
    action: 'food_logged',
    xp: 5,
    idempotency_key: `food:${unique}`,
  });
  await db('user_progress').insert({ user_id: userId, total_xp: 5, level: 1 });
  await db('streaks').insert({
    user_id: userId,
    domain: 'nutrition',
    current_days: 1,
    longest_days: 1,
    last_day: '2026-01-15',
  });
  await db('user_achievements').insert({ user_id: userId, achievement_id: 'first_meal' });
  await db('challenges').insert({ user_id: userId, kind: 'water', title: `${label} challenge`, target: 10 });
  const [reminder] = await db('reminders')
    .insert({ user_id: userId, kind: 'daily', message: `${label} reminder`, time_of_day: '08:00' })
    .returning('id');
  await db('reminder_events').insert({
    reminder_id: reminder.id,
    user_id: userId,
    action: 'done',
    scheduled_for: '2026-01-15T07:00:00Z',
  });
  await db('memories').insert({
    user_id: userId,
    category: 'preference',
    content: `${label} likes oat milk`,
  });
  await db('conversation_messages').insert({ user_id: userId, role: 'user', content: `${label} hello 👋` });
  const [tool] = await db('dynamic_tools')
    .insert({ name: `tool_${unique}`, description: 'sums', created_by: userId, decided_by: userId })
    .returning('id');
  await db('tool_versions').insert({
    tool_id: tool.id,
    version: 1,
    sha256: sha,
    code: 'export default () => 1',
    input_schema: JSON.stringify({ type: 'object' }),
    created_by: userId,
  });
  await db('tool_executions').insert({
    tool_id: tool.id,
    version: 1,
    user_id: userId,
    status: 'succeeded',
    executor: 'local',
    input: JSON.stringify({ a: 1 }),
    output: JSON.stringify({ sum: 1 }),
  });
  await db('outbox_messages').insert({
    user_id: userId,
    channel: 'telegram',
    payload: JSON.stringify({ text: 'hi' }),
  });
  const [invite] = await db('invites')
    .insert({ code_hash: `invite-${unique}`, created_by: userId })
    .returning('id');
  await db('telegram_allow_list').insert({ telegram_id: 900_000 + seeded, added_by: userId });
  return { keyId: key.id as string, toolId: tool.id as string, inviteId: invite.id as string };
}

describe('DataRightsService (integration)', () => {
  let testDb: TestDatabase;
  let db: Knex;
  let service: DataRightsService;
  const clock = new ManualClock('2026-02-01T12:00:00Z');

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = testDb.db;
    service = createDataRightsService({ db, clock, logger });
  });

  afterAll(async () => {
    await testDb.cleanup();
  });

  describe('export as JSON', () => {
    it('when a user exports, then every kind of their data is in it and nothing of anyone else', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm', telegramId: 5551 });
      const otherId = await insertTestUser(db);
      const { keyId } = await seedEverything(db, userId, 'me');
      await seedEverything(db, otherId, 'other');

      const exported = await service.exportUserData(userId, { type: 'user', id: userId });

      expect(exported).toMatchObject({
        format: 'health-agent.user-export',
        version: 1,
        exportedAt: '2026-02-01T12:00:00.000Z',
        user: { id: userId, telegramId: 5551, role: 'user' },
        profile: { userId, timezone: 'Europe/Stockholm', dayStartHour: 0 },
        progress: { userId, totalXp: 5, level: 1 },
      });
      expect(exported.apiKeys).toEqual([
        expect.objectContaining({ id: keyId, name: 'me key', prefix: 'ha_abcdef' }),
      ]);
      expect(exported.apiKeys[0]).not.toHaveProperty('keyHash');
      expect(JSON.stringify(exported)).not.toContain('hash-me');
      expect(exported.foodEntries).toHaveLength(2);
      expect(exported.foodEntries[0]).toMatchObject({
        status: 'confirmed',
        totalKcal: 360,
        proteinG: 16.9,
        eatenAt: '2026-01-15T22:30:00+00:00',
      });
      const items = exported.foodEntries[0]?.items as Array<{ foodName: string }> | undefined;
      expect(items?.[0]?.foodName).toBe('me egg, "large", boiled 🥚');
      expect(exported.metricEntries).toEqual([
        expect.objectContaining({ kind: 'weight', value: 72.5, unit: 'kg' }),
      ]);
      expect(exported.customTrackers).toEqual([expect.objectContaining({ name: 'me tracker' })]);
      expect(exported.trackerEntries).toEqual([expect.objectContaining({ values: { pain: 3 } })]);
      expect(exported.xpEvents).toEqual([expect.objectContaining({ action: 'food_logged', xp: 5 })]);
      expect(exported.streaks).toEqual([
        expect.objectContaining({ domain: 'nutrition', lastDay: '2026-01-15' }),
      ]);
      expect(exported.achievements).toEqual([
        expect.objectContaining({ achievementId: 'first_meal', name: 'First bite' }),
      ]);
      expect(exported.challenges).toEqual([expect.objectContaining({ title: 'me challenge', target: 10 })]);
      expect(exported.reminders).toEqual([
        expect.objectContaining({ message: 'me reminder', weekdays: [1, 2, 3, 4, 5, 6, 7] }),
      ]);
      expect(exported.reminderEvents).toEqual([expect.objectContaining({ action: 'done' })]);
      expect(exported.memories).toEqual([expect.objectContaining({ content: 'me likes oat milk' })]);
      expect(exported.memories[0]).not.toHaveProperty('search');
      expect(exported.conversationMessages).toEqual([expect.objectContaining({ content: 'me hello 👋' })]);
      expect(exported.toolExecutions).toEqual([expect.objectContaining({ output: { sum: 1 } })]);
      expect(exported.outboxMessages).toEqual([expect.objectContaining({ payload: { text: 'hi' } })]);
      expect(JSON.stringify(exported)).not.toContain('other');
    });

    it('when the export is done, then an audit event names the actor, the user and the outcome', async () => {
      const userId = await insertTestUser(db);
      const adminId = await insertTestUser(db, { role: 'admin' });
      await service.exportUserData(userId, { type: 'admin', id: adminId });
      const events = await listAuditEvents(db, { targetType: 'user', targetId: userId });
      expect(events).toEqual([
        expect.objectContaining({
          actorType: 'admin',
          actorId: adminId,
          action: 'user.export',
          outcome: 'success',
          details: { format: 'json' },
          durationMs: 0,
          createdAt: new Date('2026-02-01T12:00:00Z'),
        }),
      ]);
    });

    it('when a user has no data beyond the account, then every section is empty, not missing', async () => {
      const userId = await insertTestUser(db);
      const exported = await service.exportUserData(userId, { type: 'user', id: userId });
      for (const section of Object.keys(exportSectionQueries)) {
        expect(exported[section as keyof typeof exportSectionQueries]).toEqual([]);
      }
      expect(exported.progress).toBeNull();
      expect(exported.achievements).toEqual([]);
    });

    it('when the user does not exist, then it is not found and the failed attempt is audited', async () => {
      await expect(
        service.exportUserData(missingUser, { type: 'user', id: missingUser }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        service.exportFoodCsv(missingUser, { type: 'user', id: missingUser }),
      ).rejects.toBeInstanceOf(NotFoundError);
      const events = await listAuditEvents(db, { targetType: 'user', targetId: missingUser });
      expect(events.map((event) => [event.action, event.outcome, event.details])).toEqual([
        ['user.export', 'failure', { format: 'json', reason: 'user_not_found' }],
        ['user.export', 'failure', { format: 'csv', reason: 'user_not_found' }],
      ]);
    });

    it('when the user id or actor is malformed, then it is a validation error', async () => {
      await expect(service.exportUserData('1 OR 1=1', { type: 'user', id: null })).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(
        service.deleteUser(missingUser, { type: 'robot' as never, id: null }),
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it('when a table references users, then the export or the shared list accounts for it', async () => {
      const references = await dataRightsRepository.userReferences(db);
      const exportedTables = new Set([
        ...Object.values(exportSectionQueries).map((spec) => spec.table),
        ...singleRowTables,
      ]);
      const unaccounted = references
        .map((reference) =>
          reference.column === 'user_id' ? reference.table : `${reference.table}.${reference.column}`,
        )
        .filter((label) => !exportedTables.has(label) && !sharedReferences.includes(label));
      expect(unaccounted).toEqual([]);
    });
  });

  describe('export as CSV', () => {
    it('when the food diary is exported, then each confirmed item is a row with local day, nutrients and quoting', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      const otherId = await insertTestUser(db);
      await seedEverything(db, userId, 'me');
      await seedEverything(db, otherId, 'other');

      const csv = await service.exportFoodCsv(userId, { type: 'user', id: userId });
      const lines = csv.split('\r\n');
      expect(lines[0]).toBe(FOOD_CSV_COLUMNS.join(','));
      expect(lines.slice(1, -1).map((line) => line.replace(/^[0-9a-f-]{36},/, '<id>,'))).toEqual([
        '<id>,2026-01-15T22:30:00Z,2026-01-15T23:30:00+01:00,2026-01-15,Europe/Stockholm,dinner,' +
          '"me egg, ""large"", boiled 🥚",100,155,12.6,10.6,1.1,0,1.1,124,usda-sr28',
        '<id>,2026-01-15T22:30:00Z,2026-01-15T23:30:00+01:00,2026-01-15,Europe/Stockholm,dinner,' +
          '"Rice, white, cooked",158,205,4.3,,,,,,usda-sr28',
      ]);
      expect(lines.at(-1)).toBe('');
      expect(csv).not.toContain('draft only');
      expect(csv).not.toContain('other');
      const [audit] = await listAuditEvents(db, { targetType: 'user', targetId: userId });
      expect(audit).toMatchObject({
        action: 'user.export',
        outcome: 'success',
        details: { format: 'csv', entries: 1 },
      });
    });

    it('when the user has no profile, then times are given in UTC', async () => {
      const userId = await insertTestUser(db);
      await db('user_profiles').where('user_id', userId).del();
      await db('food_entries').insert({
        user_id: userId,
        status: 'confirmed',
        source: 'manual',
        items: JSON.stringify([{ foodName: 'Apple', grams: 182 }]),
        eaten_at: '2026-01-01T23:30:00Z',
        confirmed_at: '2026-01-01T23:30:00Z',
      });
      const csv = await service.exportFoodCsv(userId, { type: 'user', id: userId });
      expect(csv.split('\r\n')[1]).toMatch(
        /,2026-01-01T23:30:00Z,2026-01-01T23:30:00Z,2026-01-01,UTC,,Apple,182,/,
      );
    });
  });

  describe('delete', () => {
    async function remainingReferences(userId: string): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      for (const reference of await dataRightsRepository.userReferences(db)) {
        counts[`${reference.table}.${reference.column}`] = await dataRightsRepository.countReferences(
          db,
          reference,
          userId,
        );
      }
      return counts;
    }

    it('when a user is deleted, then every table is empty for them, others keep theirs, and the audit survives', async () => {
      const userId = await insertTestUser(db);
      const otherId = await insertTestUser(db);
      const { toolId, inviteId } = await seedEverything(db, userId, 'gone');
      await seedEverything(db, otherId, 'kept');
      const otherBefore = await remainingReferences(otherId);
      await service.exportUserData(userId, { type: 'user', id: userId });

      const result = await service.deleteUser(userId, { type: 'user', id: userId });

      expect(result.userId).toBe(userId);
      expect(result.deletedRows).toMatchObject({
        users: 1,
        user_profiles: 1,
        api_keys: 1,
        food_entries: 2,
        memories: 1,
        conversation_messages: 1,
        tool_executions: 1,
        'invites.created_by': 1,
      });
      const after = await remainingReferences(userId);
      expect(Object.values(after).every((count) => count === 0)).toBe(true);
      expect(Object.keys(after).length).toBeGreaterThanOrEqual(20);
      expect(await db('users').where('id', userId).first()).toBeUndefined();
      expect(await remainingReferences(otherId)).toEqual(otherBefore);
      // Shared things stay, without the link to the deleted person.
      expect(await db('dynamic_tools').where('id', toolId).first()).toMatchObject({
        created_by: null,
        decided_by: null,
      });
      expect(await db('invites').where('id', inviteId).first()).toMatchObject({ created_by: null });

      const events = await listAuditEvents(db, { targetType: 'user', targetId: userId });
      expect(events.map((event) => [event.action, event.outcome, event.actorType, event.actorId])).toEqual([
        ['user.export', 'success', 'user', userId],
        ['user.delete', 'success', 'user', userId],
      ]);
      expect(events[1]?.details).toEqual({ deletedRows: expect.objectContaining({ memories: 1 }) });
    });

    it('when someone tries to change or remove the audit trail, then the database refuses', async () => {
      const userId = await insertTestUser(db);
      await service.deleteUser(userId, { type: 'admin', id: 'admin-key' });
      await expect(
        db('audit_events').where('target_id', userId).update({ outcome: 'denied' }),
      ).rejects.toThrow(/append-only/);
      await expect(db('audit_events').where('target_id', userId).del()).rejects.toThrow(/append-only/);
      expect(await listAuditEvents(db, { targetType: 'user', targetId: userId })).toHaveLength(1);
    });

    it('when the user does not exist, then it is not found and the attempt is audited as a failure', async () => {
      const ghost = '11111111-1111-4111-8111-111111111111';
      await expect(service.deleteUser(ghost, { type: 'admin', id: 'root' })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      const events = await listAuditEvents(db, { targetType: 'user', targetId: ghost });
      expect(events.map((event) => [event.action, event.outcome, event.details])).toEqual([
        ['user.delete', 'failure', { reason: 'user_not_found' }],
      ]);
    });

    it('when two deletions of one user race, then exactly one succeeds and the other finds nothing', async () => {
      const userId = await insertTestUser(db);
      await seedEverything(db, userId, 'race');
      const results = await Promise.allSettled([
        service.deleteUser(userId, { type: 'user', id: userId }),
        service.deleteUser(userId, { type: 'user', id: userId }),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((result) => result.status === 'rejected');
      expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(NotFoundError);
    });

    it('when a table holds user data without a cascading key, then the deletion rolls back and is audited', async () => {
      const userId = await insertTestUser(db);
      await db.raw('CREATE TABLE rogue_notes (user_id uuid NOT NULL, note text)');
      try {
        await db('rogue_notes').insert({ user_id: userId, note: 'left behind' });
        await db('memories').insert({ user_id: userId, category: 'other', content: 'kept by rollback' });
        const error = await service
          .deleteUser(userId, { type: 'user', id: userId })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(UserDataLeftBehindError);
        expect((error as UserDataLeftBehindError).leftovers).toEqual({ rogue_notes: 1 });
        expect(await db('users').where('id', userId).first()).toBeDefined();
        expect(await db('memories').where('user_id', userId)).toHaveLength(1);
        const events = await listAuditEvents(db, { targetType: 'user', targetId: userId });
        expect(events.map((event) => [event.action, event.outcome, event.details])).toEqual([
          ['user.delete', 'failure', { reason: 'error' }],
        ]);
      } finally {
        await db.raw('DROP TABLE rogue_notes');
      }
    });
  });
});
