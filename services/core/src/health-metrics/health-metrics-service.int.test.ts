import type { Knex } from 'knex';
import { pino } from 'pino';
import { ManualClock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { NotFoundError, ValidationError } from '../errors/index.js';
import type { Activity, ActivityOutcome, ActivityRecorder } from '../gamification/activity.js';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase } from '../testing/test-backends.js';
import { createHealthMetricsService, type HealthMetricsService } from './health-metrics-service.js';

const outcome: ActivityOutcome = {
  xpAwarded: 5,
  totalXp: 5,
  level: 1,
  leveledUp: false,
  achievementsUnlocked: [],
  streakMilestones: [],
};

/** Records each call and, to prove it runs in the write's transaction, whether it could see the entry. */
class RecordingRecorder implements ActivityRecorder {
  calls: Array<Activity & { sawEntry: boolean }> = [];
  failNext = false;

  async recordActivity(db: Db, activity: Activity): Promise<ActivityOutcome> {
    const row = await db('metric_entries').where({ id: activity.sourceId }).first();
    this.calls.push({ ...activity, sawEntry: row !== undefined });
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

describe('health metrics service', () => {
  let db: Knex;
  let cleanup: () => Promise<void>;
  let clock: ManualClock;
  let recorder: RecordingRecorder;
  let service: HealthMetricsService;

  beforeAll(async () => {
    ({ db, cleanup } = await createTestDatabase());
  });
  afterAll(async () => {
    await cleanup();
  });
  beforeEach(() => {
    clock = new ManualClock('2026-03-15T12:00:00Z');
    recorder = new RecordingRecorder();
    service = createHealthMetricsService({
      db,
      clock,
      logger: pino({ level: 'silent' }),
      activityRecorder: recorder,
    });
  });

  describe('logging', () => {
    it('when water is logged, then it is stored in ml and the activity is recorded in the same transaction', async () => {
      const userId = await insertTestUser(db);
      const logged = await service.log(userId, { kind: 'water', amount: 250, note: 'after the run 🏃' });
      expect(logged.entry).toMatchObject({
        userId,
        kind: 'water',
        value: 250,
        unit: 'ml',
        note: 'after the run 🏃',
        details: { input: null },
        localDay: '2026-03-15',
      });
      expect(logged.entry.recordedAt.toISOString()).toBe('2026-03-15T12:00:00.000Z');
      expect(logged.activity).toEqual(outcome);
      expect(recorder.calls).toEqual([
        {
          userId,
          action: 'water_logged',
          sourceId: logged.entry.id,
          occurredAt: logged.entry.recordedAt,
          sawEntry: true,
        },
      ]);
    });

    it('when the activity recorder fails, then the entry is not saved either', async () => {
      const userId = await insertTestUser(db);
      recorder.failNext = true;
      await expect(service.log(userId, { kind: 'steps', count: 1000 })).rejects.toThrow('recorder failed');
      expect(await service.list(userId)).toEqual([]);
    });

    it('when water is given in fluid ounces and weight in pounds, then they are stored metric with the input kept', async () => {
      const userId = await insertTestUser(db);
      const water = await service.log(userId, { kind: 'water', amount: 8, unit: 'fl_oz' });
      expect(water.entry).toMatchObject({
        value: 237,
        unit: 'ml',
        details: { input: { amount: 8, unit: 'fl_oz' } },
      });
      const weight = await service.log(userId, { kind: 'weight', amount: 180, unit: 'lb' });
      expect(weight.entry).toMatchObject({
        value: 81.647,
        unit: 'kg',
        details: { input: { amount: 180, unit: 'lb' } },
      });
      const [stored] = await service.list(userId, { kind: 'weight' });
      expect(stored?.value).toBe(81.647);
      expect(typeof stored?.value).toBe('number');
    });

    it('when sleep has bedtime and wake time across midnight, then the duration is derived', async () => {
      const userId = await insertTestUser(db);
      const logged = await service.log(userId, {
        kind: 'sleep',
        bedtime: '23:30',
        wakeTime: '07:00',
        quality: 8,
      });
      expect(logged.entry).toMatchObject({
        kind: 'sleep',
        value: 450,
        unit: 'min',
        details: { quality: 8, bedtime: '23:30', wakeTime: '07:00', durationSource: 'bed_and_wake' },
      });
      expect(recorder.calls[0]?.action).toBe('sleep_logged');
      const given = await service.log(userId, {
        kind: 'sleep',
        bedtime: '23:30',
        wakeTime: '07:00',
        durationMinutes: 400,
      });
      expect(given.entry).toMatchObject({ value: 400, details: { durationSource: 'given', quality: null } });
    });

    it('when exercise is logged before any weight, then kcal use the default 70 kg and the result says so', async () => {
      const userId = await insertTestUser(db);
      const logged = await service.log(userId, {
        kind: 'exercise',
        activity: 'Morning run',
        durationMinutes: 30,
      });
      expect(logged.entry).toMatchObject({
        kind: 'exercise',
        value: 30,
        details: {
          activity: 'Morning run',
          matchedActivity: 'running',
          met: 9.8,
          kcal: 343,
          kcalSource: 'met_estimate',
          bodyWeightKg: 70,
          bodyWeightSource: 'default',
        },
      });
      expect(logged.notices.join(' ')).toMatch(/default body weight of 70 kg/);
    });

    it('when exercise is logged after weigh-ins, then the latest weight at that time is used', async () => {
      const userId = await insertTestUser(db);
      await service.log(userId, { kind: 'weight', amount: 90, recordedAt: '2026-03-01T07:00:00Z' });
      await service.log(userId, { kind: 'weight', amount: 80, recordedAt: '2026-03-10T07:00:00Z' });
      const now = await service.log(userId, { kind: 'exercise', activity: 'running', durationMinutes: 30 });
      expect(now.entry.details).toMatchObject({
        kcal: 392,
        bodyWeightKg: 80,
        bodyWeightSource: 'latest_weight',
      });
      expect(now.notices).toEqual([]);
      const backdated = await service.log(userId, {
        kind: 'exercise',
        activity: 'running',
        durationMinutes: 30,
        recordedAt: '2026-03-05T07:00:00Z',
      });
      expect(backdated.entry.details).toMatchObject({ kcal: 441, bodyWeightKg: 90 });
      const beforeAny = await service.log(userId, {
        kind: 'exercise',
        activity: 'running',
        durationMinutes: 30,
        recordedAt: '2026-02-01T07:00:00Z',
      });
      expect(beforeAny.entry.details).toMatchObject({ bodyWeightKg: 80, bodyWeightSource: 'latest_weight' });
    });

    it('when the user gives kcal, then they win; an unknown activity gets no invented kcal', async () => {
      const userId = await insertTestUser(db);
      const given = await service.log(userId, {
        kind: 'exercise',
        activity: 'running',
        durationMinutes: 30,
        kcal: 250,
      });
      expect(given.entry.details).toMatchObject({ kcal: 250, kcalSource: 'user' });
      const unknown = await service.log(userId, {
        kind: 'exercise',
        activity: 'quidditch 🧹',
        durationMinutes: 30,
      });
      expect(unknown.entry.details).toMatchObject({
        kcal: null,
        kcalSource: 'none',
        activity: 'quidditch 🧹',
      });
      expect(unknown.notices).toHaveLength(1);
    });

    it('when mood, steps and medication are logged, then each is stored and recorded with its own action', async () => {
      const userId = await insertTestUser(db);
      const mood = await service.log(userId, {
        kind: 'mood',
        score: 7,
        tags: ['calm', 'Ånga 😊'],
        note: 'ok',
      });
      expect(mood.entry).toMatchObject({ value: 7, unit: 'score', details: { tags: ['calm', 'Ånga 😊'] } });
      const steps = await service.log(userId, { kind: 'steps', count: 12_345 });
      expect(steps.entry).toMatchObject({ value: 12_345, unit: 'steps' });
      const medication = await service.log(userId, { kind: 'medication', name: 'Ibuprofen', dose: '200 mg' });
      expect(medication.entry).toMatchObject({
        value: 1,
        unit: 'dose',
        details: { name: 'Ibuprofen', dose: '200 mg' },
      });
      expect(recorder.calls.map((call) => call.action)).toEqual([
        'mood_logged',
        'steps_logged',
        'medication_logged',
      ]);
    });

    it('when input is invalid or in the future, then a ValidationError names the field and nothing is saved', async () => {
      const userId = await insertTestUser(db);
      const error = await service
        .log(userId, { kind: 'water', amount: 250, recordedAt: '2026-03-15T12:06:00Z' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual([
        { path: 'recordedAt', message: 'must not be in the future' },
      ]);
      await expect(service.log(userId, { kind: 'water', amount: -5 })).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(service.log(userId, { kind: 'medication', name: 'a\u0000b' })).rejects.toBeInstanceOf(
        ValidationError,
      );
      expect(await service.list(userId)).toEqual([]);
      expect(recorder.calls).toEqual([]);
    });

    it('when the user does not exist or the id is not a uuid, then it is NotFound', async () => {
      await expect(service.log(missingId, { kind: 'steps', count: 10 })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(service.log('not-a-uuid', { kind: 'steps', count: 10 })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(service.list(missingId)).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('listing and deleting', () => {
    it('when entries are listed, then only the user’s own appear, newest first, filtered by kind and range', async () => {
      const userId = await insertTestUser(db);
      const otherId = await insertTestUser(db);
      await service.log(otherId, { kind: 'water', amount: 999 });
      await service.log(userId, { kind: 'water', amount: 100, recordedAt: '2026-03-10T08:00:00Z' });
      await service.log(userId, { kind: 'water', amount: 200, recordedAt: '2026-03-12T08:00:00Z' });
      await service.log(userId, { kind: 'steps', count: 5000, recordedAt: '2026-03-12T09:00:00Z' });
      expect((await service.list(userId)).map((entry) => entry.value)).toEqual([5000, 200, 100]);
      expect((await service.list(userId, { kind: 'water' })).map((entry) => entry.value)).toEqual([200, 100]);
      const ranged = await service.list(userId, { from: '2026-03-11T00:00:00Z', to: '2026-03-12T09:00:00Z' });
      expect(ranged.map((entry) => entry.value)).toEqual([200]);
      expect((await service.list(userId, { limit: 1 })).map((entry) => entry.value)).toEqual([5000]);
      await expect(service.list(userId, { kind: 'blood' as 'water' })).rejects.toBeInstanceOf(
        ValidationError,
      );
    });

    it('when a user deletes their entry, then it is gone; another user’s id behaves like a missing one', async () => {
      const userId = await insertTestUser(db);
      const otherId = await insertTestUser(db);
      const mine = await service.log(userId, { kind: 'steps', count: 10 });
      const theirs = await service.log(otherId, { kind: 'steps', count: 20 });
      await expect(service.deleteEntry(userId, theirs.entry.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.deleteEntry(userId, missingId)).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.deleteEntry(userId, 'nope')).rejects.toBeInstanceOf(NotFoundError);
      expect(await service.list(otherId)).toHaveLength(1);
      await service.deleteEntry(userId, mine.entry.id);
      expect(await service.list(userId)).toEqual([]);
      await expect(service.deleteEntry(userId, mine.entry.id)).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('weight trend', () => {
    it('when weigh-ins span the period start, then earlier days fill the 7-day window and change is reported', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      const weights = [84, 83, 82, 81, 80, 79, 78, 77];
      for (const [index, weight] of weights.entries()) {
        await service.log(userId, {
          kind: 'weight',
          amount: weight,
          recordedAt: `2026-03-0${index + 1}T06:00:00Z`,
        });
      }
      // A second weigh-in the same day: the last one of the day counts.
      await service.log(userId, { kind: 'weight', amount: 76, recordedAt: '2026-03-08T19:00:00Z' });
      const trend = await service.weightTrend(userId, { from: '2026-03-07', to: '2026-03-08' });
      expect(trend.points).toEqual([
        { day: '2026-03-07', weightKg: 78, movingAverageKg: 81, daysInAverage: 7 },
        { day: '2026-03-08', weightKg: 76, movingAverageKg: 79.86, daysInAverage: 7 },
      ]);
      expect(trend.change).toEqual({ movingAverageKg: -1.14, weightKg: -2 });
    });

    it('when no span is given, then it covers the last 30 local days; another user’s weights never count', async () => {
      const userId = await insertTestUser(db);
      const otherId = await insertTestUser(db);
      await service.log(otherId, { kind: 'weight', amount: 150, recordedAt: '2026-03-14T08:00:00Z' });
      await service.log(userId, { kind: 'weight', amount: 70, recordedAt: '2026-02-13T08:00:00Z' });
      await service.log(userId, { kind: 'weight', amount: 72, recordedAt: '2026-03-14T08:00:00Z' });
      const trend = await service.weightTrend(userId);
      expect(trend.from).toBe('2026-02-14');
      expect(trend.to).toBe('2026-03-15');
      expect(trend.points).toEqual([
        { day: '2026-03-14', weightKg: 72, movingAverageKg: 71, daysInAverage: 2 },
      ]);
    });

    it('when many weigh-ins precede the period, then the walk back pages on and finds the last 6 days exactly', async () => {
      const userId = await insertTestUser(db);
      const weighIn = (at: Date, value: number) => ({
        user_id: userId,
        kind: 'weight',
        value,
        unit: 'kg',
        recorded_at: at,
      });
      await db('metric_entries').insert([
        // 28 Feb would be the 8th day back: outside the window.
        weighIn(new Date(Date.UTC(2026, 1, 28, 8)), 200),
        weighIn(new Date(Date.UTC(2026, 2, 1, 8)), 86),
        // 150 weigh-ins on 2 March, the last at 90 kg: more than one page, so 1 March is only on the next.
        ...Array.from({ length: 150 }, (_, minute) =>
          weighIn(new Date(Date.UTC(2026, 2, 2, 8, minute)), minute === 149 ? 90 : 50),
        ),
        ...[3, 4, 5, 6].map((day) => weighIn(new Date(Date.UTC(2026, 2, day, 8)), 80)),
      ]);
      await service.log(userId, { kind: 'weight', amount: 80, recordedAt: '2026-03-10T08:00:00Z' });
      const trend = await service.weightTrend(userId, { from: '2026-03-10', to: '2026-03-10' });
      // Window: 1 March (86), 2 March (90, its last weigh-in), 3-6 March (80 x 4), 10 March (80).
      expect(trend.points).toEqual([
        { day: '2026-03-10', weightKg: 80, movingAverageKg: 82.29, daysInAverage: 7 },
      ]);
    });

    it('when the span is invalid, then it is a ValidationError', async () => {
      const userId = await insertTestUser(db);
      await expect(
        service.weightTrend(userId, { from: '2026-03-10', to: '2026-03-01' }),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(service.weightTrend(userId, { from: '2024-01-01' })).rejects.toBeInstanceOf(
        ValidationError,
      );
    });
  });

  describe('daily totals', () => {
    it('when water is logged at 23:30 local, then it counts for that local day', async () => {
      const userId = await insertTestUser(db, { timezone: 'America/New_York' });
      clock.set('2026-03-16T12:00:00Z');
      // 23:30 in New York on 14 March is 03:30 UTC on the 15th.
      const late = await service.log(userId, {
        kind: 'water',
        amount: 300,
        recordedAt: '2026-03-15T03:30:00Z',
      });
      expect(late.entry.localDay).toBe('2026-03-14');
      await service.log(userId, { kind: 'water', amount: 200, recordedAt: '2026-03-15T05:00:00Z' });
      await service.log(userId, {
        kind: 'exercise',
        activity: 'walk',
        durationMinutes: 60,
        recordedAt: '2026-03-15T15:00:00Z',
      });
      const totals = await service.dailyTotals(userId, { from: '2026-03-14', to: '2026-03-15' });
      expect(totals.map((day) => [day.day, day.waterMl, day.exerciseMinutes, day.exerciseKcal])).toEqual([
        ['2026-03-14', 300, 0, 0],
        ['2026-03-15', 200, 60, 245],
      ]);
    });

    it('when no days are given, then today in the user’s zone is reported', async () => {
      const userId = await insertTestUser(db, { timezone: 'Pacific/Auckland' });
      // 12:00 UTC on 15 March is 01:00 on 16 March in Auckland.
      await service.log(userId, { kind: 'steps', count: 800 });
      const totals = await service.dailyTotals(userId);
      expect(totals).toHaveLength(1);
      expect(totals[0]).toMatchObject({ day: '2026-03-16', steps: 800 });
    });

    it('when the day starts at 04:00, then an entry at 02:00 local counts for the day before', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm', dayStartHour: 4 });
      // 02:00 in Stockholm on 10 March is 01:00 UTC.
      await service.log(userId, { kind: 'sleep', durationMinutes: 90, recordedAt: '2026-03-10T01:00:00Z' });
      const totals = await service.dailyTotals(userId, { from: '2026-03-09', to: '2026-03-10' });
      expect(totals.map((day) => day.sleepMinutes)).toEqual([90, 0]);
    });
  });
});
