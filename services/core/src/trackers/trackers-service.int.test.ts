import type { Knex } from 'knex';
import { pino } from 'pino';
import { ManualClock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/index.js';
import type { Activity, ActivityOutcome, ActivityRecorder } from '../gamification/activity.js';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase } from '../testing/test-backends.js';
import type { CreateTrackerInput } from './tracker-inputs.js';
import { createTrackersService, type TrackersService } from './trackers-service.js';

const outcome: ActivityOutcome = {
  xpAwarded: 10,
  totalXp: 10,
  level: 1,
  leveledUp: false,
  achievementsUnlocked: [],
  streakMilestones: [],
};

/** Records each call and whether the row it pays for was visible in the transaction it was given. */
class RecordingRecorder implements ActivityRecorder {
  calls: Array<Activity & { sawRow: boolean }> = [];
  failNext = false;

  async recordActivity(db: Db, activity: Activity): Promise<ActivityOutcome> {
    const table = activity.action === 'tracker_created' ? 'custom_trackers' : 'tracker_entries';
    const row = await db(table).where({ id: activity.sourceId }).first();
    this.calls.push({ ...activity, sawRow: row !== undefined });
    if (this.failNext) {
      this.failNext = false;
      throw new Error('recorder failed');
    }
    return outcome;
  }
}

const missingId = '00000000-0000-4000-8000-000000000000';

// PGlite migrates each file's database in WASM, which can take longer than jest's 5 s default.
jest.setTimeout(60_000);

const headache: CreateTrackerInput = {
  name: 'Huvudvärk 🤕',
  description: 'Migraine diary',
  fields: [
    { key: 'pain', label: 'Pain', type: 'rating', required: true },
    { key: 'hours', type: 'number', unit: 'h', min: 0, max: 72 },
    { key: 'trigger', type: 'single_select', options: ['stress', 'sleep', 'food'] },
    { key: 'symptoms', type: 'multi_select', options: ['aura', 'nausea'] },
    { key: 'medicated', type: 'boolean' },
    { key: 'lay_down', type: 'duration' },
    { key: 'notes', type: 'text', maxLength: 100 },
  ],
};

async function rejection(promise: Promise<unknown>): Promise<Error & { details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { details?: unknown };
  }
  throw new Error('expected a rejection');
}

describe('trackers service', () => {
  let db: Knex;
  let cleanup: () => Promise<void>;
  let clock: ManualClock;
  let recorder: RecordingRecorder;
  let service: TrackersService;

  beforeAll(async () => {
    ({ db, cleanup } = await createTestDatabase());
  });
  afterAll(async () => {
    await cleanup();
  });
  beforeEach(() => {
    clock = new ManualClock('2026-03-15T12:00:00Z');
    recorder = new RecordingRecorder();
    service = createTrackersService({
      db,
      clock,
      logger: pino({ level: 'silent' }),
      activityRecorder: recorder,
    });
  });

  describe('trackers', () => {
    it('when a tracker is created, then its fields are stored with defaults and tracker_created is recorded', async () => {
      const userId = await insertTestUser(db);
      const { tracker, activity } = await service.createTracker(userId, headache);
      expect(tracker).toMatchObject({
        userId,
        name: 'Huvudvärk 🤕',
        description: 'Migraine diary',
        archivedAt: null,
        createdAt: new Date('2026-03-15T12:00:00Z'),
      });
      expect(tracker.fields[0]).toEqual({
        key: 'pain',
        label: 'Pain',
        type: 'rating',
        required: true,
        min: 1,
        max: 10,
      });
      expect(tracker.fields[5]).toEqual({
        key: 'lay_down',
        type: 'duration',
        required: false,
        maxMinutes: 1440,
      });
      expect(activity).toEqual(outcome);
      expect(recorder.calls).toEqual([
        { userId, action: 'tracker_created', sourceId: tracker.id, occurredAt: clock.now(), sawRow: true },
      ]);
      expect(await service.getTracker(userId, tracker.id)).toEqual(tracker);
    });

    it('when the recorder fails, then the tracker is not created', async () => {
      const userId = await insertTestUser(db);
      recorder.failNext = true;
      await expect(service.createTracker(userId, headache)).rejects.toThrow('recorder failed');
      expect(await service.listTrackers(userId)).toEqual([]);
    });

    it('when a name is taken in any case, then creating or renaming to it is a conflict', async () => {
      const userId = await insertTestUser(db);
      await service.createTracker(userId, {
        name: 'Water quality',
        fields: [{ key: 'ok', type: 'boolean' }],
      });
      const second = await service.createTracker(userId, {
        name: 'Other',
        fields: [{ key: 'ok', type: 'boolean' }],
      });
      await expect(
        service.createTracker(userId, { name: 'WATER QUALITY', fields: [{ key: 'ok', type: 'boolean' }] }),
      ).rejects.toBeInstanceOf(ConflictError);
      await expect(
        service.updateTracker(userId, second.tracker.id, { name: 'water quality' }),
      ).rejects.toBeInstanceOf(ConflictError);
      // Another user may use the same name.
      const otherId = await insertTestUser(db);
      await expect(
        service.createTracker(otherId, { name: 'Water quality', fields: [{ key: 'ok', type: 'boolean' }] }),
      ).resolves.toBeDefined();
    });

    it('when the definition is invalid, then the failing field is named and nothing is created', async () => {
      const userId = await insertTestUser(db);
      const error = await rejection(
        service.createTracker(userId, {
          name: 'Bad',
          fields: [
            { key: 'a', type: 'boolean' },
            { key: 'a', type: 'text' },
          ],
        }),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.details).toEqual([{ path: 'fields.1.key', message: 'duplicate field key "a"' }]);
      await expect(service.createTracker(userId, { name: '', fields: [] })).rejects.toBeInstanceOf(
        ValidationError,
      );
      expect(await service.listTrackers(userId)).toEqual([]);
    });

    it('when trackers are listed, then archived ones are hidden unless asked for and others never appear', async () => {
      const userId = await insertTestUser(db);
      const otherId = await insertTestUser(db);
      await service.createTracker(otherId, { name: 'Theirs', fields: [{ key: 'x', type: 'boolean' }] });
      const first = await service.createTracker(userId, {
        name: 'First',
        fields: [{ key: 'x', type: 'boolean' }],
      });
      clock.advance(1000);
      await service.createTracker(userId, { name: 'Second', fields: [{ key: 'x', type: 'boolean' }] });
      clock.advance(1000);
      const archived = await service.archiveTracker(userId, first.tracker.id);
      expect(archived.archivedAt).toEqual(clock.now());
      clock.advance(1000);
      expect((await service.archiveTracker(userId, first.tracker.id)).archivedAt).toEqual(
        archived.archivedAt,
      );
      expect((await service.listTrackers(userId)).map((tracker) => tracker.name)).toEqual(['Second']);
      expect(
        (await service.listTrackers(userId, { includeArchived: true })).map((tracker) => tracker.name),
      ).toEqual(['First', 'Second']);
    });

    it('when a tracker is updated, then only name and description change', async () => {
      const userId = await insertTestUser(db);
      const { tracker } = await service.createTracker(userId, headache);
      clock.advance(60_000);
      const renamed = await service.updateTracker(userId, tracker.id, { name: 'Migraine', description: '' });
      expect(renamed).toMatchObject({ name: 'Migraine', description: '', fields: tracker.fields });
      expect(renamed.updatedAt).toEqual(clock.now());
      await expect(service.updateTracker(userId, tracker.id, {})).rejects.toBeInstanceOf(ValidationError);
      await expect(
        service.updateTracker(userId, tracker.id, { fields: [] } as unknown as { name: string }),
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it('when another user’s tracker id, a missing id or a malformed id is used, then it is NotFound everywhere', async () => {
      const userId = await insertTestUser(db);
      const otherId = await insertTestUser(db);
      const { tracker } = await service.createTracker(otherId, headache);
      for (const id of [tracker.id, missingId, 'not-a-uuid']) {
        await expect(service.getTracker(userId, id)).rejects.toBeInstanceOf(NotFoundError);
        await expect(service.updateTracker(userId, id, { name: 'Mine now' })).rejects.toBeInstanceOf(
          NotFoundError,
        );
        await expect(service.archiveTracker(userId, id)).rejects.toBeInstanceOf(NotFoundError);
        await expect(service.logEntry(userId, id, { values: { pain: 5 } })).rejects.toBeInstanceOf(
          NotFoundError,
        );
        await expect(service.listEntries(userId, id)).rejects.toBeInstanceOf(NotFoundError);
      }
      expect(await service.getTracker(otherId, tracker.id)).toMatchObject({
        name: headache.name,
        archivedAt: null,
      });
    });

    it('when the user does not exist, then creating and listing are NotFound', async () => {
      await expect(service.createTracker(missingId, headache)).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.listTrackers('nope')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('when a user already has 50 active trackers, then another is refused until one is archived', async () => {
      const userId = await insertTestUser(db);
      const rows = Array.from({ length: 50 }, (_, index) => ({
        user_id: userId,
        name: `Tracker ${index}`,
        fields: JSON.stringify([{ key: 'x', type: 'boolean', required: false }]),
      }));
      const [first] = await db('custom_trackers').insert(rows).returning('id');
      await expect(
        service.createTracker(userId, { name: 'One more', fields: [{ key: 'x', type: 'boolean' }] }),
      ).rejects.toBeInstanceOf(ConflictError);
      await service.archiveTracker(userId, first.id);
      await expect(
        service.createTracker(userId, { name: 'One more', fields: [{ key: 'x', type: 'boolean' }] }),
      ).resolves.toBeDefined();
    });
  });

  describe('entries', () => {
    it('when valid values are logged, then the entry is stored and tracker_entry_logged is recorded in the transaction', async () => {
      const userId = await insertTestUser(db);
      const { tracker } = await service.createTracker(userId, headache);
      recorder.calls = [];
      const { entry, activity } = await service.logEntry(userId, tracker.id, {
        values: {
          pain: 7,
          hours: 2.5,
          trigger: 'Stress',
          symptoms: ['aura'],
          medicated: false,
          notes: 'ljus 💡',
        },
        note: 'woke up with it',
        recordedAt: '2026-03-15T06:30:00Z',
      });
      expect(entry).toMatchObject({
        trackerId: tracker.id,
        userId,
        values: {
          pain: 7,
          hours: 2.5,
          trigger: 'stress',
          symptoms: ['aura'],
          medicated: false,
          notes: 'ljus 💡',
        },
        note: 'woke up with it',
        recordedAt: new Date('2026-03-15T06:30:00Z'),
      });
      expect(activity).toEqual(outcome);
      expect(recorder.calls).toEqual([
        {
          userId,
          action: 'tracker_entry_logged',
          sourceId: entry.id,
          occurredAt: new Date('2026-03-15T06:30:00Z'),
          sawRow: true,
        },
      ]);
      expect(await service.listEntries(userId, tracker.id)).toEqual([entry]);
    });

    it('when values break the schema, then the error names each failing field and nothing is saved', async () => {
      const userId = await insertTestUser(db);
      const { tracker } = await service.createTracker(userId, headache);
      const error = await rejection(
        service.logEntry(userId, tracker.id, {
          values: { pain: 11, hours: -1, mood: 'meh', trigger: 'weather' },
        }),
      );
      expect(error).toBeInstanceOf(ValidationError);
      const details = error.details as Array<{ path: string; message: string }>;
      expect(details.map((problem) => problem.path).sort()).toEqual([
        'values.hours',
        'values.mood',
        'values.pain',
        'values.trigger',
      ]);
      const missing = await rejection(service.logEntry(userId, tracker.id, { values: { hours: 1 } }));
      expect(missing.details).toEqual([{ path: 'values.pain', message: 'is required' }]);
      expect(await service.listEntries(userId, tracker.id)).toEqual([]);
    });

    it('when an entry is in the future beyond the clock skew, then it is refused', async () => {
      const userId = await insertTestUser(db);
      const { tracker } = await service.createTracker(userId, headache);
      const error = await rejection(
        service.logEntry(userId, tracker.id, { values: { pain: 2 }, recordedAt: '2026-03-15T12:06:00Z' }),
      );
      expect(error.details).toEqual([{ path: 'recordedAt', message: 'must not be in the future' }]);
      await expect(
        service.logEntry(userId, tracker.id, { values: { pain: 2 }, recordedAt: '2026-03-15T12:04:00Z' }),
      ).resolves.toBeDefined();
    });

    it('when a tracker is archived, then it takes no new entries but keeps its old ones', async () => {
      const userId = await insertTestUser(db);
      const { tracker } = await service.createTracker(userId, headache);
      await service.logEntry(userId, tracker.id, { values: { pain: 3 } });
      await service.archiveTracker(userId, tracker.id);
      await expect(service.logEntry(userId, tracker.id, { values: { pain: 3 } })).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect(await service.listEntries(userId, tracker.id)).toHaveLength(1);
    });

    it('when entries are listed in a range, then they come newest first within [from, to)', async () => {
      const userId = await insertTestUser(db);
      const { tracker } = await service.createTracker(userId, headache);
      for (const [day, pain] of [
        ['10', 1],
        ['11', 2],
        ['12', 3],
      ] as const) {
        await service.logEntry(userId, tracker.id, {
          values: { pain },
          recordedAt: `2026-03-${day}T08:00:00Z`,
        });
      }
      const all = await service.listEntries(userId, tracker.id);
      expect(all.map((entry) => entry.values.pain)).toEqual([3, 2, 1]);
      const ranged = await service.listEntries(userId, tracker.id, {
        from: '2026-03-11T08:00:00Z',
        to: '2026-03-12T08:00:00Z',
      });
      expect(ranged.map((entry) => entry.values.pain)).toEqual([2]);
      expect(
        (await service.listEntries(userId, tracker.id, { limit: 2 })).map((entry) => entry.values.pain),
      ).toEqual([3, 2]);
      await expect(
        service.listEntries(userId, tracker.id, { from: '2026-03-12T00:00:00Z', to: '2026-03-11T00:00:00Z' }),
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it('when an entry is deleted, then only the owner can, and only through its own tracker', async () => {
      const userId = await insertTestUser(db);
      const otherId = await insertTestUser(db);
      const { tracker } = await service.createTracker(userId, headache);
      const { tracker: otherTracker } = await service.createTracker(userId, {
        name: 'Other',
        fields: [{ key: 'x', type: 'boolean' }],
      });
      const { tracker: theirTracker } = await service.createTracker(otherId, headache);
      const { entry } = await service.logEntry(userId, tracker.id, { values: { pain: 4 } });
      const { entry: theirEntry } = await service.logEntry(otherId, theirTracker.id, { values: { pain: 9 } });

      await expect(service.deleteEntry(otherId, tracker.id, entry.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.deleteEntry(otherId, theirTracker.id, entry.id)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(service.deleteEntry(userId, otherTracker.id, entry.id)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(service.deleteEntry(userId, tracker.id, theirEntry.id)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(service.deleteEntry(userId, tracker.id, 'nope')).rejects.toBeInstanceOf(NotFoundError);
      expect(await service.listEntries(otherId, theirTracker.id)).toHaveLength(1);

      await service.deleteEntry(userId, tracker.id, entry.id);
      expect(await service.listEntries(userId, tracker.id)).toEqual([]);
      await expect(service.deleteEntry(userId, tracker.id, entry.id)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
