import type { Knex } from 'knex';
import { pino } from 'pino';
import { ManualClock } from '../clock/clock.js';
import { NotFoundError, ValidationError } from '../errors/index.js';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-backends.js';
import type { Activity, ActivityAction } from './activity.js';
import { createGamificationService, type GamificationService } from './gamification-service.js';

let testDb: TestDatabase;
let db: Knex;
const clock = new ManualClock('2026-03-10T12:00:00Z');
let service: GamificationService;

// PGlite starts slowly on a busy machine, and the streak tests log dozens of days.
jest.setTimeout(60_000);

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  service = createGamificationService({ db, clock, logger: pino({ level: 'silent' }) });
});

afterAll(async () => {
  await testDb.cleanup();
});

beforeEach(() => clock.set('2026-03-10T12:00:00Z'));

function record(
  userId: string,
  action: ActivityAction,
  sourceId: string,
  occurredAt: string | Date = clock.now(),
  details?: Record<string, unknown>,
) {
  const activity: Activity = { userId, action, sourceId, occurredAt: new Date(occurredAt) };
  if (details) activity.details = details;
  return db.transaction((trx) => service.recordActivity(trx, activity));
}

async function totalXp(userId: string): Promise<number> {
  const row = await db('user_progress').where({ user_id: userId }).first('total_xp');
  return Number(row?.total_xp ?? 0);
}

async function streakRow(userId: string, domain: string) {
  const row = await db('streaks')
    .where({ user_id: userId, domain })
    .first(
      'current_days',
      'longest_days',
      db.raw('last_day::text as last_day'),
      'freezes_left',
      db.raw('run_started_on::text as run_started_on'),
    );
  return row
    ? {
        current: Number(row.current_days),
        longest: Number(row.longest_days),
        lastDay: row.last_day as string,
        freezesLeft: Number(row.freezes_left),
        runStartedOn: row.run_started_on as string,
      }
    : null;
}

/** Logs one food entry a day at noon UTC for `count` days from `firstDay`. */
async function logFoodDaily(userId: string, firstDay: string, count: number, prefix = 'meal') {
  const outcomes = [];
  for (let i = 0; i < count; i += 1) {
    const at = new Date(new Date(`${firstDay}T12:00:00Z`).getTime() + i * 86_400_000);
    clock.set(at);
    outcomes.push(await record(userId, 'food_logged', `${prefix}-${i}`, at));
  }
  return outcomes;
}

describe('recording an activity', () => {
  it('when a user logs their first meal, then it pays 5 XP plus the first-meal achievement and starts two streaks', async () => {
    const userId = await insertTestUser(db);
    const outcome = await record(userId, 'food_logged', 'entry-1');
    expect(outcome).toEqual({
      xpAwarded: 15,
      totalXp: 15,
      level: 1,
      leveledUp: false,
      achievementsUnlocked: ['first_meal'],
      streakMilestones: [],
    });
    expect(await totalXp(userId)).toBe(15);
    const events = await db('xp_events').where({ user_id: userId }).orderBy('idempotency_key');
    expect(events.map((e) => [e.idempotency_key, e.xp])).toEqual([
      ['achievement:first_meal', 10],
      ['food_logged:entry-1', 5],
    ]);
    expect(await streakRow(userId, 'nutrition')).toMatchObject({ current: 1, lastDay: '2026-03-10' });
    expect(await streakRow(userId, 'overall')).toMatchObject({ current: 1, lastDay: '2026-03-10' });
    expect(await streakRow(userId, 'sleep')).toBeNull();
  });

  it('when the same source is recorded again, then it pays nothing and changes nothing', async () => {
    const userId = await insertTestUser(db);
    await record(userId, 'food_logged', 'entry-1');
    clock.set('2026-03-11T12:00:00Z');
    const repeat = await record(userId, 'food_logged', 'entry-1');
    expect(repeat).toEqual({
      xpAwarded: 0,
      totalXp: 15,
      level: 1,
      leveledUp: false,
      achievementsUnlocked: [],
      streakMilestones: [],
    });
    expect(await db('xp_events').where({ user_id: userId })).toHaveLength(2);
    expect(await streakRow(userId, 'nutrition')).toMatchObject({ current: 1, lastDay: '2026-03-10' });
  });

  it('when the caller’s transaction rolls back, then no XP, streak or achievement survives', async () => {
    const userId = await insertTestUser(db);
    await expect(
      db.transaction(async (trx) => {
        await service.recordActivity(trx, {
          userId,
          action: 'food_logged',
          sourceId: 'doomed',
          occurredAt: clock.now(),
        });
        throw new Error('the food entry failed to save');
      }),
    ).rejects.toThrow('the food entry failed to save');
    expect(await db('xp_events').where({ user_id: userId })).toHaveLength(0);
    expect(await db('user_achievements').where({ user_id: userId })).toHaveLength(0);
    expect(await db('streaks').where({ user_id: userId })).toHaveLength(0);
    expect(await totalXp(userId)).toBe(0);
  });

  it('when called on the pool rather than a transaction, then it still records atomically', async () => {
    const userId = await insertTestUser(db);
    const outcome = await service.recordActivity(db, {
      userId,
      action: 'mood_logged',
      sourceId: 'm1',
      occurredAt: clock.now(),
    });
    expect(outcome).toMatchObject({ xpAwarded: 15, achievementsUnlocked: ['first_mood'] });
  });

  it('when the activity is malformed, then it is refused with the failing fields', async () => {
    const userId = await insertTestUser(db);
    const base = { userId, action: 'food_logged' as const, sourceId: 's', occurredAt: clock.now() };
    const attempts: Array<[unknown, string]> = [
      [{ ...base, action: 'ate_less' }, 'action'],
      [{ ...base, sourceId: '' }, 'sourceId'],
      [{ ...base, sourceId: 'x'.repeat(151) }, 'sourceId'],
      [{ ...base, occurredAt: new Date('not a date') }, 'occurredAt'],
      [{ ...base, userId: 'not-a-uuid' }, 'userId'],
      [{ ...base, details: { blob: 'x'.repeat(5_000) } }, 'details'],
    ];
    for (const [activity, path] of attempts) {
      const error = await service.recordActivity(db, activity as Activity).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual([expect.objectContaining({ path })]);
    }
    expect(await db('xp_events').where({ user_id: userId })).toHaveLength(0);
  });

  it('when the user does not exist, then it is not found', async () => {
    await expect(
      record('00000000-0000-4000-8000-000000000000', 'food_logged', 'ghost'),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('when a source id holds unicode and emoji, then it is keyed and paid like any other', async () => {
    const userId = await insertTestUser(db);
    const outcome = await record(userId, 'tracker_entry_logged', 'tracker-☕️-ünïcødé');
    expect(outcome.xpAwarded).toBe(10);
    expect(
      await db('xp_events').where({
        user_id: userId,
        idempotency_key: 'tracker_entry_logged:tracker-☕️-ünïcødé',
      }),
    ).toHaveLength(1);
  });

  it('when a reminder is done within 30 minutes, then it pays 15; later, 10', async () => {
    const userId = await insertTestUser(db);
    const prompt = await record(userId, 'reminder_done', 'r1', clock.now(), { withinMinutes: 12 });
    expect(prompt.xpAwarded).toBe(15 + 10); // + first_reminder_done
    const late = await record(userId, 'reminder_done', 'r2', clock.now(), { withinMinutes: 45 });
    expect(late.xpAwarded).toBe(10);
  });

  it('when food is logged, then the XP is the same whatever the calories', async () => {
    const userId = await insertTestUser(db);
    await record(userId, 'food_logged', 'first');
    const light = await record(userId, 'food_logged', 'light', clock.now(), { kcal: 250 });
    const heavy = await record(userId, 'food_logged', 'heavy', clock.now(), { kcal: 2_500 });
    expect(light.xpAwarded).toBe(5);
    expect(heavy.xpAwarded).toBe(5);
  });

  it('when the total crosses a level boundary, then the level is stored and reported as a level-up', async () => {
    const userId = await insertTestUser(db);
    const first = await record(userId, 'sleep_logged', 'night-0'); // 20 + first_sleep 10
    expect(first).toMatchObject({ totalXp: 30, level: 1, leveledUp: false });
    let outcome = first;
    for (let i = 1; outcome.totalXp < 100; i += 1) {
      outcome = await record(userId, 'tracker_entry_logged', `entry-${i}`);
    }
    expect(outcome).toMatchObject({ totalXp: 100, level: 2, leveledUp: true });
    expect(await db('user_progress').where({ user_id: userId }).first('level')).toEqual({ level: 2 });
  });

  it('when XP reaches level 5, then the level achievement unlocks in the same recording', async () => {
    const userId = await insertTestUser(db);
    await db('user_progress').insert({ user_id: userId, total_xp: 395, level: 4 });
    const outcome = await record(userId, 'water_logged', 'glass-1'); // 2 + first_water 10 → 407
    expect(outcome).toMatchObject({ totalXp: 407, level: 5, leveledUp: true });
    expect(outcome.achievementsUnlocked).toEqual(['first_water', 'level_5']);
  });

  it('when an achievement’s own XP lifts the level, then the level achievement follows in the same recording', async () => {
    const userId = await insertTestUser(db);
    await db('user_progress').insert({ user_id: userId, total_xp: 385, level: 4 });
    // 385 + 5 for the mood = 390 (still level 4); first_mood's 10 XP makes 400 = level 5.
    const outcome = await record(userId, 'mood_logged', 'mood-1');
    expect(outcome).toMatchObject({ totalXp: 400, level: 5, leveledUp: true });
    expect(outcome.achievementsUnlocked).toEqual(['first_mood', 'level_5']);
  });
});

describe('streaks in the user’s local days', () => {
  it('when food is logged at 23:30 local in New York, then it counts for that local day, not the UTC one', async () => {
    const userId = await insertTestUser(db, { timezone: 'America/New_York' });
    clock.set('2026-03-15T16:00:00Z');
    await record(userId, 'food_logged', 'late-dinner', '2026-03-15T03:30:00Z'); // 23:30 on the 14th
    await record(userId, 'food_logged', 'lunch', '2026-03-15T16:00:00Z'); // noon on the 15th
    expect(await streakRow(userId, 'nutrition')).toMatchObject({ current: 2, lastDay: '2026-03-15' });
  });

  it('when the day starts at 04:00, then a 02:00 snack belongs to the day before', async () => {
    const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm', dayStartHour: 4 });
    clock.set('2026-06-10T12:00:00Z');
    await record(userId, 'food_logged', 'dinner', '2026-06-09T17:00:00Z');
    await record(userId, 'food_logged', 'snack', '2026-06-10T00:00:00Z'); // 02:00 local on the 10th
    expect(await streakRow(userId, 'nutrition')).toMatchObject({ current: 1, lastDay: '2026-06-09' });
  });

  it('when two logs fall on the same local day, then the streak does not move', async () => {
    const userId = await insertTestUser(db);
    await record(userId, 'water_logged', 'w1');
    await record(userId, 'water_logged', 'w2');
    expect(await streakRow(userId, 'hydration')).toMatchObject({ current: 1 });
  });

  it('when a run reaches 7 days, then 50 XP is paid once and the week achievement unlocks', async () => {
    const userId = await insertTestUser(db);
    const outcomes = await logFoodDaily(userId, '2026-03-01', 8);
    const seventh = outcomes[6];
    expect(seventh?.streakMilestones).toEqual([
      { domain: 'nutrition', days: 7, bonusXp: 50 },
      { domain: 'overall', days: 7, bonusXp: 50 },
    ]);
    expect(seventh?.achievementsUnlocked).toEqual(['streak_nutrition_7']);
    expect(outcomes[7]?.streakMilestones).toEqual([]);
    const bonuses = await db('xp_events')
      .where({ user_id: userId, action: 'streak_milestone' })
      .orderBy('idempotency_key');
    expect(bonuses.map((b) => [b.idempotency_key, b.xp])).toEqual([
      ['streak:nutrition:2026-03-01:7', 50],
      ['streak:overall:2026-03-01:7', 50],
    ]);
  });

  it('when missed days fit the two freezes, then the streak carries on; beyond them it restarts without losing XP', async () => {
    const userId = await insertTestUser(db);
    await logFoodDaily(userId, '2026-03-01', 3, 'a'); // 1st-3rd
    clock.set('2026-03-05T12:00:00Z'); // the 4th missed: one freeze
    await record(userId, 'food_logged', 'b');
    expect(await streakRow(userId, 'nutrition')).toMatchObject({ current: 4, freezesLeft: 1 });
    clock.set('2026-03-07T12:00:00Z'); // the 6th missed: the second freeze
    await record(userId, 'food_logged', 'c');
    expect(await streakRow(userId, 'nutrition')).toMatchObject({ current: 5, freezesLeft: 0 });
    const xpBeforeBreak = await totalXp(userId);
    clock.set('2026-03-09T12:00:00Z'); // the 8th missed, no freeze left
    const afterBreak = await record(userId, 'food_logged', 'd');
    expect(await streakRow(userId, 'nutrition')).toMatchObject({
      current: 1,
      longest: 5,
      runStartedOn: '2026-03-09',
      freezesLeft: 0,
    });
    expect(afterBreak.totalXp).toBe(xpBeforeBreak + 5);
  });

  it('when a new month starts, then the freezes refill on the next log', async () => {
    const userId = await insertTestUser(db);
    await logFoodDaily(userId, '2026-03-26', 2); // 26th, 27th
    clock.set('2026-03-30T12:00:00Z'); // 28th, 29th missed: both freezes
    await record(userId, 'food_logged', 'x');
    expect(await streakRow(userId, 'nutrition')).toMatchObject({ current: 3, freezesLeft: 0 });
    clock.set('2026-04-02T12:00:00Z'); // 31st and 1st missed: April's freezes cover them
    await record(userId, 'food_logged', 'y');
    expect(await streakRow(userId, 'nutrition')).toMatchObject({ current: 4, freezesLeft: 0 });
    const refilled = await db('streaks')
      .where({ user_id: userId, domain: 'nutrition' })
      .first(db.raw('freezes_refilled_on::text as day'));
    expect(refilled.day).toBe('2026-04-02');
  });

  it('when a broken streak runs to 7 days again, then the milestone pays again for the new run', async () => {
    const userId = await insertTestUser(db);
    await logFoodDaily(userId, '2026-01-01', 7, 'run1');
    await logFoodDaily(userId, '2026-01-20', 7, 'run2');
    const bonuses = await db('xp_events')
      .where({ user_id: userId, action: 'streak_milestone' })
      .andWhere('idempotency_key', 'like', 'streak:nutrition:%')
      .orderBy('idempotency_key');
    expect(bonuses.map((b) => b.idempotency_key)).toEqual([
      'streak:nutrition:2026-01-01:7',
      'streak:nutrition:2026-01-20:7',
    ]);
  });

  it('when a log is backdated, then the streak is not broken and the XP is still paid', async () => {
    const userId = await insertTestUser(db);
    await logFoodDaily(userId, '2026-03-01', 5);
    const backdated = await record(userId, 'food_logged', 'forgotten', '2026-02-10T12:00:00Z');
    expect(backdated.xpAwarded).toBe(5);
    expect(await streakRow(userId, 'nutrition')).toMatchObject({ current: 5, lastDay: '2026-03-05' });
  });

  it('when a log is dated in the future, then it counts for today and never moves the streak ahead', async () => {
    const userId = await insertTestUser(db);
    await record(userId, 'exercise_logged', 'run', '2027-01-01T00:00:00Z');
    expect(await streakRow(userId, 'exercise')).toMatchObject({ current: 1, lastDay: '2026-03-10' });
  });
});

describe('concurrent recordings', () => {
  it('when 10 first meals are recorded at once in separate transactions, then the achievement and its XP are paid exactly once', async () => {
    const userId = await insertTestUser(db);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => record(userId, 'food_logged', `parallel-${i}`)),
    );
    expect(outcomes.flatMap((o) => o.achievementsUnlocked).sort()).toEqual(['first_meal', 'meals_10']);
    expect(
      await db('user_achievements').where({ user_id: userId, achievement_id: 'first_meal' }),
    ).toHaveLength(1);
    expect(
      await db('xp_events').where({ user_id: userId, idempotency_key: 'achievement:first_meal' }),
    ).toHaveLength(1);
    expect(await totalXp(userId)).toBe(10 * 5 + 10 + 25);
    expect(await streakRow(userId, 'nutrition')).toMatchObject({ current: 1 });
  });

  it('when the same source is recorded 5 times at once, then it pays once', async () => {
    const userId = await insertTestUser(db);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => record(userId, 'sleep_logged', 'night-1')),
    );
    expect(outcomes.map((o) => o.xpAwarded).sort((a, b) => a - b)).toEqual([0, 0, 0, 0, 30]);
    expect(await totalXp(userId)).toBe(30);
  });

  it('when different sources of one user are recorded at once, then every one counts (no lost updates)', async () => {
    const userId = await insertTestUser(db);
    const actions: ActivityAction[] = ['water_logged', 'food_logged', 'sleep_logged', 'exercise_logged'];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => record(userId, actions[i % 4] as ActivityAction, `mixed-${i}`)),
    );
    // 5 each of water 2, food 5, sleep 20, exercise 15 = 210; first-of-each achievements 4 x 10 = 40.
    expect(await totalXp(userId)).toBe(250);
    const progress = await db('user_progress').where({ user_id: userId }).first('level');
    expect(progress.level).toBe(3);
    for (const domain of ['nutrition', 'sleep', 'hydration', 'exercise', 'overall']) {
      expect(await streakRow(userId, domain)).toMatchObject({ current: 1 });
    }
  });
});
