import type { Knex } from 'knex';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-backends.js';
import { gamificationRepository as repo } from './gamification-repository.js';

let testDb: TestDatabase;
let db: Knex;
const now = new Date('2026-03-10T12:00:00Z');

jest.setTimeout(60_000);

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});

afterAll(async () => {
  await testDb.cleanup();
});

describe('gamification repository', () => {
  it('when the migration has run, then at least 20 achievements are seeded and every criteria is understood', async () => {
    const achievements = await repo.listAchievements(db);
    expect(achievements.length).toBeGreaterThanOrEqual(20);
    expect(achievements.filter((a) => a.criteria === null)).toEqual([]);
    expect(new Set(achievements.map((a) => a.criteria?.type))).toEqual(new Set(['count', 'streak', 'level']));
  });

  it('when 10 transactions award the same achievement at once, then the primary key lets exactly one through', async () => {
    const userId = await insertTestUser(db);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction((trx) => repo.insertUserAchievement(trx, userId, 'first_meal', now)),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db('user_achievements').where({ user_id: userId })).toHaveLength(1);
  });

  it('when 10 transactions pay the same idempotency key at once, then it is paid once', async () => {
    const userId = await insertTestUser(db);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction((trx) =>
          repo.insertXpEvent(trx, {
            userId,
            action: 'food_logged',
            xp: 5,
            key: 'food_logged:x',
            details: {},
            createdAt: now,
          }),
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('when 20 transactions add XP at once without any other lock, then the atomic update loses none', async () => {
    const userId = await insertTestUser(db);
    await Promise.all(
      Array.from({ length: 20 }, () => db.transaction((trx) => repo.addXp(trx, userId, 7, now))),
    );
    expect(await repo.findProgress(db, userId)).toEqual({ totalXp: 140, level: 1 });
  });

  it('when a user has no profile row, then their day is the UTC day starting at midnight', async () => {
    const [user] = await db('users').insert({ display_name: 'No profile' }).returning('id');
    expect(await repo.daySettings(db, user.id)).toEqual({ timezone: 'UTC', dayStartHour: 0 });
  });

  it('when a daily challenge counts the same day twice, then the second time adds nothing', async () => {
    const userId = await insertTestUser(db);
    const challenge = await repo.insertChallenge(db, {
      userId,
      kind: 'log_food_days',
      title: 'Five days',
      target: 5,
      startedAt: now,
      endsAt: null,
    });
    expect(await repo.countChallengeDay(db, userId, challenge.id, '2026-03-10')).toBe(1);
    expect(await repo.countChallengeDay(db, userId, challenge.id, '2026-03-10')).toBeNull();
    expect(await repo.countChallengeDay(db, userId, challenge.id, '2026-03-11')).toBe(2);
  });

  it('when another user asks for a challenge by id, then it is not theirs to see or change', async () => {
    const owner = await insertTestUser(db);
    const stranger = await insertTestUser(db);
    const challenge = await repo.insertChallenge(db, {
      userId: owner,
      kind: 'custom',
      title: 'Mine',
      target: 1,
      startedAt: now,
      endsAt: null,
    });
    expect(await repo.findChallenge(db, stranger, challenge.id)).toBeNull();
    expect(await repo.countChallengeDay(db, stranger, challenge.id, '2026-03-10')).toBeNull();
    expect(await repo.listChallenges(db, stranger, { limit: 10 })).toEqual([]);
    expect((await repo.findChallenge(db, owner, challenge.id))?.progress).toBe(0);
  });
});
