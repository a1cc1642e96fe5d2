import type { Knex } from 'knex';
import { pino } from 'pino';
import { ManualClock } from '../clock/clock.js';
import { NotFoundError, ValidationError } from '../errors/index.js';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-backends.js';
import type { ActivityAction } from './activity.js';
import { createGamificationService, type GamificationService } from './gamification-service.js';
import { defaultXpTable } from './xp-table.js';

let testDb: TestDatabase;
let db: Knex;
const clock = new ManualClock('2026-03-10T12:00:00Z');
let service: GamificationService;

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

const unknownId = '00000000-0000-4000-8000-000000000000';

function record(userId: string, action: ActivityAction, sourceId: string, details?: Record<string, unknown>) {
  return db.transaction((trx) =>
    service.recordActivity(trx, {
      userId,
      action,
      sourceId,
      occurredAt: clock.now(),
      ...(details ? { details } : {}),
    }),
  );
}

describe('reading progress', () => {
  it('when a new user asks, then they are level 1 Bronze with 0 XP, five empty streaks and every achievement locked', async () => {
    const userId = await insertTestUser(db);
    const progress = await service.getProgress(userId);
    expect(progress).toMatchObject({
      userId,
      totalXp: 0,
      level: 1,
      tier: 'bronze',
      xpIntoLevel: 0,
      xpForNextLevel: 100,
      nextLevelAt: 100,
      recentXpEvents: [],
    });
    expect(progress.streaks.map((s) => [s.domain, s.currentDays, s.alive])).toEqual([
      ['nutrition', 0, false],
      ['sleep', 0, false],
      ['hydration', 0, false],
      ['exercise', 0, false],
      ['overall', 0, false],
    ]);
    expect(progress.achievements.length).toBeGreaterThanOrEqual(20);
    expect(progress.achievements.every((a) => !a.unlocked && a.awardedAt === null)).toBe(true);
    expect(progress.achievements.find((a) => a.id === 'meals_10')?.progress).toEqual({
      current: 0,
      target: 10,
    });
  });

  it('when a user has logged, then progress shows XP, tier, streaks, unlocked and locked achievements and recent events', async () => {
    const userId = await insertTestUser(db);
    await record(userId, 'food_logged', 'breakfast');
    clock.set('2026-03-10T12:05:00Z');
    await record(userId, 'food_logged', 'lunch');
    const progress = await service.getProgress(userId);
    expect(progress).toMatchObject({ totalXp: 20, level: 1, xpIntoLevel: 20 });
    expect(progress.streaks.find((s) => s.domain === 'nutrition')).toEqual({
      domain: 'nutrition',
      currentDays: 1,
      longestDays: 1,
      lastDay: '2026-03-10',
      freezesLeft: 2,
      alive: true,
    });
    const firstMeal = progress.achievements.find((a) => a.id === 'first_meal');
    expect(firstMeal).toMatchObject({ unlocked: true, awardedAt: '2026-03-10T12:00:00.000Z', xp: 10 });
    expect(firstMeal?.progress).toEqual({ current: 1, target: 1 });
    expect(progress.achievements.find((a) => a.id === 'meals_10')).toMatchObject({
      unlocked: false,
      progress: { current: 2, target: 10 },
    });
    // Newest first; the meal and its achievement share a timestamp.
    const keys = progress.recentXpEvents.map((e) => e.idempotencyKey);
    expect(keys[0]).toBe('food_logged:lunch');
    expect(keys.slice(1).sort()).toEqual(['achievement:first_meal', 'food_logged:breakfast']);
    expect(progress.recentXpEvents[0]).toMatchObject({
      action: 'food_logged',
      xp: 5,
      createdAt: '2026-03-10T12:05:00.000Z',
      details: { sourceId: 'lunch', localDay: '2026-03-10' },
    });
  });

  it('when a streak lapses beyond its freezes, then it shows 0 today while the longest run is kept', async () => {
    const userId = await insertTestUser(db);
    await record(userId, 'sleep_logged', 'night-1');
    clock.set('2026-03-12T12:00:00Z');
    expect((await service.listStreaks(userId)).find((s) => s.domain === 'sleep')).toMatchObject({
      currentDays: 1,
      alive: true,
    });
    clock.set('2026-03-14T12:00:00Z'); // 11th, 12th, 13th missed: three > two freezes
    expect((await service.listStreaks(userId)).find((s) => s.domain === 'sleep')).toMatchObject({
      currentDays: 0,
      longestDays: 1,
      alive: false,
    });
  });

  it('when one user has progress, then another user’s reads show none of it', async () => {
    const active = await insertTestUser(db);
    const other = await insertTestUser(db);
    await record(active, 'water_logged', 'glass');
    expect((await service.getProgress(other)).totalXp).toBe(0);
    expect(await service.listXpEvents(other)).toEqual([]);
    expect((await service.listAchievements(other)).some((a) => a.unlocked)).toBe(false);
  });

  it('when an achievement’s criteria are not understood, then it is listed locked without progress and never awarded', async () => {
    await db('achievements').insert({
      id: 'eat_under_1200',
      name: 'Never',
      description: 'A criteria type the product refuses to reward.',
      xp: 500,
      criteria: { type: 'kcal_below', kcal: 1200 },
    });
    const userId = await insertTestUser(db);
    await record(userId, 'food_logged', 'meal');
    const view = (await service.listAchievements(userId)).find((a) => a.id === 'eat_under_1200');
    expect(view).toMatchObject({ unlocked: false, awardedAt: null, progress: null });
    expect(
      await db('user_achievements').where({ user_id: userId, achievement_id: 'eat_under_1200' }),
    ).toHaveLength(0);
  });

  it('when the user does not exist or the id is malformed, then every read is not found', async () => {
    for (const id of [unknownId, 'not-a-uuid', '']) {
      await expect(service.getProgress(id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.listStreaks(id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.listAchievements(id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.listXpEvents(id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.listChallenges(id)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it('when XP events are paged, then they come newest first, limited, and before a cursor', async () => {
    const userId = await insertTestUser(db);
    for (let i = 0; i < 5; i += 1) {
      clock.set(new Date(Date.UTC(2026, 2, 10, 12, i)));
      await record(userId, 'steps_logged', `steps-${i}`);
    }
    const firstPage = await service.listXpEvents(userId, { limit: 2 });
    expect(firstPage.map((e) => e.idempotencyKey)).toEqual(['steps_logged:steps-4', 'steps_logged:steps-3']);
    const nextPage = await service.listXpEvents(userId, {
      limit: 2,
      before: firstPage[1]?.createdAt as string,
    });
    expect(nextPage.map((e) => e.idempotencyKey)).toEqual(['steps_logged:steps-2', 'steps_logged:steps-1']);
    expect(await service.listXpEvents(userId)).toHaveLength(5);
  });

  it('when the XP event query is out of range, then it is refused', async () => {
    const userId = await insertTestUser(db);
    for (const query of [{ limit: 0 }, { limit: 101 }, { limit: 2.5 }, { before: 'yesterday' }]) {
      await expect(service.listXpEvents(userId, query)).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('when a custom XP table is injected, then recordings pay from it; a broken one refuses to start', async () => {
    const generous = createGamificationService({
      db,
      clock,
      logger: pino({ level: 'silent' }),
      xpTable: { ...defaultXpTable, actions: { ...defaultXpTable.actions, weight_logged: 40 } },
    });
    const userId = await insertTestUser(db);
    const outcome = await generous.recordActivity(db, {
      userId,
      action: 'weight_logged',
      sourceId: 'w',
      occurredAt: clock.now(),
    });
    expect(outcome.xpAwarded).toBe(40 + 10);
    expect(() =>
      createGamificationService({
        db,
        clock,
        logger: pino({ level: 'silent' }),
        xpTable: { ...defaultXpTable, actions: { ...defaultXpTable.actions, weight_logged: -1 } },
      }),
    ).toThrow(/invalid XP table/);
  });
});

describe('challenges', () => {
  it('when a food-days challenge is started and food is logged on two days, then it completes and pays 25 XP through the recorder', async () => {
    const userId = await insertTestUser(db);
    const challenge = await service.startChallenge(userId, {
      kind: 'log_food_days',
      title: 'Two days of logging 🥗',
      target: 2,
    });
    expect(challenge).toMatchObject({
      status: 'active',
      progress: 0,
      target: 2,
      automatic: true,
      ended: false,
    });
    await record(userId, 'food_logged', 'day1-breakfast');
    await record(userId, 'food_logged', 'day1-lunch');
    expect((await service.getChallenge(userId, challenge.id)).progress).toBe(1);
    clock.set('2026-03-11T08:00:00Z');
    const outcome = await record(userId, 'food_logged', 'day2-breakfast');
    expect(outcome.achievementsUnlocked).toEqual(['challenge_complete']);
    expect(outcome.xpAwarded).toBe(5 + 25 + 25);
    const done = await service.getChallenge(userId, challenge.id);
    expect(done).toMatchObject({ status: 'completed', progress: 2, completedAt: '2026-03-11T08:00:00.000Z' });
    const paid = await db('xp_events').where({
      user_id: userId,
      idempotency_key: `challenge_completed:${challenge.id}`,
    });
    expect(paid).toHaveLength(1);
    expect(paid[0].xp).toBe(25);
    clock.set('2026-03-12T08:00:00Z');
    await record(userId, 'food_logged', 'day3');
    expect((await service.getChallenge(userId, challenge.id)).progress).toBe(2);
  });

  it('when water is logged with millilitres, then a water_ml challenge adds them up', async () => {
    const userId = await insertTestUser(db);
    const challenge = await service.startChallenge(userId, {
      kind: 'water_ml',
      title: 'Drink 1 l',
      target: 1000,
    });
    await record(userId, 'water_logged', 'g1', { ml: 400 });
    await record(userId, 'water_logged', 'g1', { ml: 400 }); // the same glass again: nothing
    await record(userId, 'water_logged', 'g2', { ml: 250.5 });
    expect((await service.getChallenge(userId, challenge.id)).progress).toBe(650.5);
    await record(userId, 'water_logged', 'g3', { ml: 500 });
    expect((await service.getChallenge(userId, challenge.id)).status).toBe('completed');
  });

  it('when a log is dated before the challenge’s first day or lacks the measured detail, then it does not count', async () => {
    const userId = await insertTestUser(db);
    const days = await service.startChallenge(userId, { kind: 'log_food_days', title: 'Days', target: 5 });
    const water = await service.startChallenge(userId, { kind: 'water_ml', title: 'Litres', target: 2000 });
    await db.transaction((trx) =>
      service.recordActivity(trx, {
        userId,
        action: 'food_logged',
        sourceId: 'last-week',
        occurredAt: new Date('2026-03-03T12:00:00Z'),
      }),
    );
    await record(userId, 'water_logged', 'glass-without-volume');
    expect((await service.getChallenge(userId, days.id)).progress).toBe(0);
    expect((await service.getChallenge(userId, water.id)).progress).toBe(0);
  });

  it('when a log falls after the challenge ended, then it does not count', async () => {
    const userId = await insertTestUser(db);
    const challenge = await service.startChallenge(userId, {
      kind: 'exercise_sessions',
      title: 'Three workouts',
      target: 3,
      endsAt: '2026-03-11T00:00:00Z',
    });
    await record(userId, 'exercise_logged', 'before-end');
    clock.set('2026-03-11T10:00:00Z');
    await record(userId, 'exercise_logged', 'after-end');
    const view = await service.getChallenge(userId, challenge.id);
    expect(view).toMatchObject({ progress: 1, status: 'active', ended: true });
    await expect(service.completeChallenge(userId, challenge.id)).rejects.toThrow(/ended|by itself/);
  });

  it('when a custom challenge gets manual progress up to its target, then it completes and pays once', async () => {
    const userId = await insertTestUser(db);
    const challenge = await service.startChallenge(userId, {
      kind: 'custom',
      title: 'Try 3 new veg',
      target: 3,
    });
    expect(challenge.automatic).toBe(false);
    expect(await service.addChallengeProgress(userId, challenge.id, { amount: 2 })).toMatchObject({
      progress: 2,
      status: 'active',
    });
    const completed = await service.addChallengeProgress(userId, challenge.id, { amount: 5 });
    expect(completed).toMatchObject({ status: 'completed', progress: 7 });
    await expect(service.addChallengeProgress(userId, challenge.id, { amount: 1 })).rejects.toThrow(
      /already completed/,
    );
    await expect(service.completeChallenge(userId, challenge.id)).rejects.toThrow(/already completed/);
    expect(
      await db('xp_events').where({
        user_id: userId,
        idempotency_key: `challenge_completed:${challenge.id}`,
      }),
    ).toHaveLength(1);
  });

  it('when a custom challenge is declared done, then it completes at its target and pays', async () => {
    const userId = await insertTestUser(db);
    const challenge = await service.startChallenge(userId, {
      kind: 'custom',
      title: 'Cook at home',
      target: 1,
    });
    const done = await service.completeChallenge(userId, challenge.id);
    expect(done).toMatchObject({ status: 'completed', progress: 1, completedAt: '2026-03-10T12:00:00.000Z' });
    expect((await service.getProgress(userId)).totalXp).toBe(25 + 25);
  });

  it('when an automatic challenge is progressed or completed by hand, then it is refused', async () => {
    const userId = await insertTestUser(db);
    const challenge = await service.startChallenge(userId, {
      kind: 'log_sleep_days',
      title: 'Sleep log',
      target: 5,
    });
    await expect(service.addChallengeProgress(userId, challenge.id, { amount: 5 })).rejects.toThrow(
      /by itself/,
    );
    await expect(service.completeChallenge(userId, challenge.id)).rejects.toThrow(/by itself/);
  });

  it('when a challenge is abandoned, then it stops progressing and cannot be abandoned or completed again', async () => {
    const userId = await insertTestUser(db);
    const challenge = await service.startChallenge(userId, {
      kind: 'log_water_days',
      title: 'Water',
      target: 3,
    });
    expect(await service.abandonChallenge(userId, challenge.id)).toMatchObject({ status: 'abandoned' });
    await record(userId, 'water_logged', 'glass');
    expect((await service.getChallenge(userId, challenge.id)).progress).toBe(0);
    await expect(service.abandonChallenge(userId, challenge.id)).rejects.toThrow(/already abandoned/);
    await expect(service.completeChallenge(userId, challenge.id)).rejects.toThrow(/already abandoned/);
  });

  it('when challenges are listed, then they come newest first and filter by status', async () => {
    const userId = await insertTestUser(db);
    const first = await service.startChallenge(userId, { kind: 'custom', title: 'First', target: 1 });
    clock.set('2026-03-10T13:00:00Z');
    const second = await service.startChallenge(userId, { kind: 'custom', title: 'Second', target: 1 });
    await service.abandonChallenge(userId, first.id);
    expect((await service.listChallenges(userId)).map((c) => c.id)).toEqual([second.id, first.id]);
    expect((await service.listChallenges(userId, { status: 'abandoned' })).map((c) => c.id)).toEqual([
      first.id,
    ]);
    expect(await service.listChallenges(userId, { status: 'completed' })).toEqual([]);
    expect(await service.listChallenges(userId, { limit: 1 })).toHaveLength(1);
    await expect(service.listChallenges(userId, { status: 'won' } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('when another user’s challenge id, an unknown id or a malformed id is used, then it is not found everywhere', async () => {
    const owner = await insertTestUser(db);
    const stranger = await insertTestUser(db);
    const challenge = await service.startChallenge(owner, { kind: 'custom', title: 'Private', target: 2 });
    for (const [userId, id] of [
      [stranger, challenge.id],
      [owner, unknownId],
      [owner, 'not-a-uuid'],
      [unknownId, challenge.id],
    ] as const) {
      await expect(service.getChallenge(userId, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.addChallengeProgress(userId, id, { amount: 1 })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(service.completeChallenge(userId, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.abandonChallenge(userId, id)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await service.getChallenge(owner, challenge.id)).toMatchObject({ status: 'active', progress: 0 });
    await expect(
      service.startChallenge(unknownId, { kind: 'custom', title: 'x', target: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('when a challenge is started with bad values, then each is refused with its field', async () => {
    const userId = await insertTestUser(db);
    const attempts: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'eat_less', title: 'x', target: 1 }, 'kind'],
      [{ kind: 'custom', title: '', target: 1 }, 'title'],
      [{ kind: 'custom', title: '   ', target: 1 }, 'title'],
      [{ kind: 'custom', title: 'x'.repeat(201), target: 1 }, 'title'],
      [{ kind: 'custom', title: 'tab\u0007bell', target: 1 }, 'title'],
      [{ kind: 'custom', title: 'x', target: 0 }, 'target'],
      [{ kind: 'custom', title: 'x', target: -3 }, 'target'],
      [{ kind: 'custom', title: 'x', target: 1e12 }, 'target'],
      [{ kind: 'custom', title: 'x', target: 0.001 }, 'target'],
      [{ kind: 'custom', title: 'x', target: '5' }, 'target'],
      [{ kind: 'log_food_days', title: 'x', target: 2.5 }, 'target'],
      [{ kind: 'log_food_days', title: 'x', target: 400 }, 'target'],
      [{ kind: 'custom', title: 'x', target: 1, endsAt: '2026-03-09T00:00:00Z' }, 'endsAt'],
      [{ kind: 'custom', title: 'x', target: 1, endsAt: '2028-01-01T00:00:00Z' }, 'endsAt'],
      [{ kind: 'custom', title: 'x', target: 1, endsAt: 'next week' }, 'endsAt'],
      [{ kind: 'log_food_days', title: 'x', target: 5, endsAt: '2026-03-13T00:00:00Z' }, 'target'],
      [{ kind: 'custom', title: 'x', target: 1, extra: true }, ''],
    ];
    for (const [input, path] of attempts) {
      const error = await service.startChallenge(userId, input as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path })]),
      );
    }
    expect(await service.listChallenges(userId)).toEqual([]);
  });

  it('when a title has unicode and emoji and a daily target fits exactly, then the challenge starts', async () => {
    const userId = await insertTestUser(db, { timezone: 'Asia/Tokyo' });
    const challenge = await service.startChallenge(userId, {
      kind: 'log_food_days',
      title: '  Ételnapló 🍣 三日間  ',
      target: 3,
      // 12:00Z is 21:00 in Tokyo: today (10th), 11th and 12th fit before midnight Tokyo on the 13th.
      endsAt: '2026-03-12T15:00:00Z',
    });
    expect(challenge).toMatchObject({ title: 'Ételnapló 🍣 三日間', endsAt: '2026-03-12T15:00:00.000Z' });
  });

  it('when the user already has 10 open challenges, then an 11th is refused until one closes', async () => {
    const userId = await insertTestUser(db);
    const started = [];
    for (let i = 0; i < 10; i += 1) {
      started.push(await service.startChallenge(userId, { kind: 'custom', title: `C${i}`, target: 5 }));
    }
    await expect(
      service.startChallenge(userId, { kind: 'custom', title: 'one too many', target: 5 }),
    ).rejects.toThrow(/At most 10/);
    await service.abandonChallenge(userId, started[0]?.id as string);
    await expect(
      service.startChallenge(userId, { kind: 'custom', title: 'now fits', target: 5 }),
    ).resolves.toBeDefined();
  });

  it('when manual progress is zero, negative or absurd, then it is refused', async () => {
    const userId = await insertTestUser(db);
    const challenge = await service.startChallenge(userId, { kind: 'custom', title: 'x', target: 5 });
    for (const amount of [0, -1, 1e10, Number.NaN]) {
      await expect(service.addChallengeProgress(userId, challenge.id, { amount })).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
  });

  it('when a custom challenge has ended, then manual progress is refused', async () => {
    const userId = await insertTestUser(db);
    const challenge = await service.startChallenge(userId, {
      kind: 'custom',
      title: 'x',
      target: 5,
      endsAt: '2026-03-10T13:00:00Z',
    });
    clock.set('2026-03-10T13:00:00Z');
    await expect(service.addChallengeProgress(userId, challenge.id, { amount: 1 })).rejects.toThrow(
      /has ended/,
    );
  });

  it('when two manual progress calls race to the target, then the challenge completes and pays exactly once', async () => {
    const userId = await insertTestUser(db);
    const challenge = await service.startChallenge(userId, { kind: 'custom', title: 'Race', target: 2 });
    const results = await Promise.allSettled([
      service.addChallengeProgress(userId, challenge.id, { amount: 2 }),
      service.addChallengeProgress(userId, challenge.id, { amount: 2 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      await db('xp_events').where({
        user_id: userId,
        idempotency_key: `challenge_completed:${challenge.id}`,
      }),
    ).toHaveLength(1);
  });
});
