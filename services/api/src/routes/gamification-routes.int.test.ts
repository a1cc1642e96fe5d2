import { type ActivityAction, ManualClock } from '@health-agent/core';
import { startTestApi, type TestApi, type TestUser } from '../testing/test-api.js';

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; message: string }> | null };
}

interface ChallengeBody {
  id: string;
  title: string;
  status: string;
  progress: number;
  target: number;
  completedAt: string | null;
}

jest.setTimeout(60_000);

describe('gamification routes', () => {
  const clock = new ManualClock('2026-03-10T12:00:00Z');
  let t: TestApi;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApi({ clock });
    alice = await t.createUser();
    bob = await t.createUser();
    admin = await t.createUser({ role: 'admin' });
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set('2026-03-10T12:00:00Z'));

  /** Logging routes belong to other features; they call the recorder exactly like this. */
  function log(user: TestUser, action: ActivityAction, sourceId: string, occurredAt = clock.now()) {
    return t.db.transaction((trx) =>
      t.services.gamification.recordActivity(trx, { userId: user.userId, action, sourceId, occurredAt }),
    );
  }

  async function startChallenge(user: TestUser, body: unknown) {
    return t.call<ChallengeBody>('POST', '/v1/users/me/challenges', { key: user.key, body });
  }

  it('when a user with no activity reads progress, then it is level 1 Bronze with every achievement locked', async () => {
    const fresh = await t.createUser();
    const result = await t.call<{
      totalXp: number;
      tier: string;
      achievements: Array<{ unlocked: boolean }>;
    }>('GET', '/v1/users/me/progress', { key: fresh.key });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ totalXp: 0, level: 1, tier: 'bronze', xpForNextLevel: 100 });
    expect(result.body.achievements.length).toBeGreaterThanOrEqual(20);
    expect(result.body.achievements.some((a) => a.unlocked)).toBe(false);
  });

  it('when a user has logged, then progress, streaks, achievements and XP events show it', async () => {
    await log(alice, 'food_logged', 'alice-breakfast');
    const progress = await t.call<{ totalXp: number; recentXpEvents: unknown[] }>(
      'GET',
      '/v1/users/me/progress',
      {
        key: alice.key,
      },
    );
    expect(progress.body).toMatchObject({ userId: alice.userId, totalXp: 15 });
    expect(progress.body.recentXpEvents).toHaveLength(2);

    const streaks = await t.call<Array<{ domain: string; currentDays: number }>>(
      'GET',
      '/v1/users/me/streaks',
      {
        key: alice.key,
      },
    );
    expect(streaks.body.map((s) => [s.domain, s.currentDays])).toEqual([
      ['nutrition', 1],
      ['sleep', 0],
      ['hydration', 0],
      ['exercise', 0],
      ['overall', 1],
    ]);

    const achievements = await t.call<Array<{ id: string; unlocked: boolean; awardedAt: string | null }>>(
      'GET',
      `/v1/users/${alice.userId}/achievements`,
      { key: alice.key },
    );
    expect(achievements.body.find((a) => a.id === 'first_meal')).toMatchObject({
      unlocked: true,
      awardedAt: '2026-03-10T12:00:00.000Z',
    });

    const events = await t.call<Array<{ action: string }>>('GET', '/v1/users/me/xp-events?limit=1', {
      key: alice.key,
    });
    expect(events.status).toBe(200);
    expect(events.body).toHaveLength(1);
  });

  it('when food is logged at 23:30 in New York, then the streak counts it for that local day', async () => {
    const nyc = await t.createUser();
    await t.call('PATCH', '/v1/users/me/profile', { key: nyc.key, body: { timezone: 'America/New_York' } });
    clock.set('2026-03-15T04:00:00Z');
    await log(nyc, 'food_logged', 'late-dinner', new Date('2026-03-15T03:30:00Z'));
    const streaks = await t.call<Array<{ domain: string; lastDay: string }>>('GET', '/v1/users/me/streaks', {
      key: nyc.key,
    });
    expect(streaks.body.find((s) => s.domain === 'nutrition')?.lastDay).toBe('2026-03-14');
  });

  it('when a user reads another user’s progress, streaks, achievements, events or challenges, then it is a 404', async () => {
    for (const path of ['progress', 'streaks', 'achievements', 'xp-events', 'challenges']) {
      const result = await t.call<ErrorBody>('GET', `/v1/users/${alice.userId}/${path}`, { key: bob.key });
      expect(result.status).toBe(404);
    }
    const write = await t.call('POST', `/v1/users/${alice.userId}/challenges`, {
      key: bob.key,
      body: { kind: 'custom', title: 'Sneaky', target: 1 },
    });
    expect(write.status).toBe(404);
    expect((await t.services.gamification.listChallenges(alice.userId)).map((c) => c.title)).not.toContain(
      'Sneaky',
    );
  });

  it('when an admin reads a user’s progress, then it is served; an unknown user is a 404', async () => {
    const result = await t.call<{ userId: string }>('GET', `/v1/users/${alice.userId}/progress`, {
      key: admin.key,
    });
    expect(result.status).toBe(200);
    expect(result.body.userId).toBe(alice.userId);
    const unknown = await t.call('GET', '/v1/users/00000000-0000-4000-8000-000000000000/progress', {
      key: admin.key,
    });
    expect(unknown.status).toBe(404);
  });

  it('when no key or a wrong key is presented, then it is a 401', async () => {
    expect((await t.call('GET', '/v1/users/me/progress')).status).toBe(401);
    expect((await t.call('GET', '/v1/users/me/progress', { key: 'ha_not_a_real_key' })).status).toBe(401);
  });

  it('when the XP event query is out of range, then the 400 names the field', async () => {
    for (const query of ['limit=0', 'limit=1000', 'limit=abc', 'before=yesterday', 'colour=blue']) {
      const result = await t.call<ErrorBody>('GET', `/v1/users/me/xp-events?${query}`, { key: alice.key });
      expect(result.status).toBe(400);
      expect(result.body.error.details?.[0]?.path).toMatch(/^query/);
    }
  });

  it('when a challenge runs its course over HTTP, then it starts, progresses, completes once and pays XP', async () => {
    const carol = await t.createUser();
    const started = await startChallenge(carol, { kind: 'custom', title: '  Stretch daily 🧘‍♀️ ', target: 3 });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ title: 'Stretch daily 🧘‍♀️', status: 'active', progress: 0 });
    const id = started.body.id;

    const partial = await t.call<ChallengeBody>('POST', `/v1/users/me/challenges/${id}/progress`, {
      key: carol.key,
      body: { amount: 1.5 },
    });
    expect(partial.body).toMatchObject({ progress: 1.5, status: 'active' });

    const done = await t.call<ChallengeBody>('POST', `/v1/users/me/challenges/${id}/complete`, {
      key: carol.key,
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      progress: 3,
      completedAt: '2026-03-10T12:00:00.000Z',
    });

    const again = await t.call<ErrorBody>('POST', `/v1/users/me/challenges/${id}/complete`, {
      key: carol.key,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');

    const read = await t.call<ChallengeBody>('GET', `/v1/users/me/challenges/${id}`, { key: carol.key });
    expect(read.body.status).toBe('completed');
    const list = await t.call<ChallengeBody[]>('GET', '/v1/users/me/challenges?status=completed', {
      key: carol.key,
    });
    expect(list.body.map((c) => c.id)).toEqual([id]);
    const progress = await t.call<{ totalXp: number }>('GET', '/v1/users/me/progress', { key: carol.key });
    expect(progress.body.totalXp).toBe(25 + 25); // challenge_completed + the Challenger achievement
  });

  it('when an automatic challenge is progressed by hand or abandoned twice, then it is a 409', async () => {
    const started = await startChallenge(alice, { kind: 'log_food_days', title: 'Week of logs', target: 7 });
    const id = started.body.id;
    const manual = await t.call('POST', `/v1/users/me/challenges/${id}/progress`, {
      key: alice.key,
      body: { amount: 7 },
    });
    expect(manual.status).toBe(409);
    const abandoned = await t.call<ChallengeBody>('POST', `/v1/users/me/challenges/${id}/abandon`, {
      key: alice.key,
    });
    expect(abandoned.body.status).toBe('abandoned');
    expect((await t.call('POST', `/v1/users/me/challenges/${id}/abandon`, { key: alice.key })).status).toBe(
      409,
    );
  });

  it('when another user’s challenge id is used on any challenge route, then it is a 404 and nothing changes', async () => {
    const started = await startChallenge(alice, { kind: 'custom', title: 'Alice only', target: 2 });
    const id = started.body.id;
    const attempts: Array<[string, string, unknown]> = [
      ['GET', `/v1/users/me/challenges/${id}`, undefined],
      ['POST', `/v1/users/me/challenges/${id}/progress`, { amount: 1 }],
      ['POST', `/v1/users/me/challenges/${id}/complete`, undefined],
      ['POST', `/v1/users/me/challenges/${id}/abandon`, undefined],
      ['GET', `/v1/users/${alice.userId}/challenges/${id}`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      expect((await t.call(method, path, { key: bob.key, body })).status).toBe(404);
    }
    const unchanged = await t.services.gamification.getChallenge(alice.userId, id);
    expect(unchanged).toMatchObject({ status: 'active', progress: 0 });
  });

  it('when a challenge id is not a UUID, then the 400 names it; an unknown UUID is a 404', async () => {
    const malformed = await t.call<ErrorBody>('GET', '/v1/users/me/challenges/42', { key: alice.key });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details?.[0]?.path).toBe('params.challengeId');
    const unknown = await t.call('GET', '/v1/users/me/challenges/00000000-0000-4000-8000-000000000000', {
      key: alice.key,
    });
    expect(unknown.status).toBe(404);
  });

  it('when a challenge body is malformed, negative, zero, absurd or in the past, then the 400 names the field', async () => {
    const attempts: Array<[unknown, string]> = [
      [{ kind: 'eat_less', title: 'x', target: 1 }, 'body.kind'],
      [{ kind: 'custom', title: '', target: 1 }, 'body.title'],
      [{ kind: 'custom', title: 'x', target: -1 }, 'body.target'],
      [{ kind: 'custom', title: 'x', target: 0 }, 'body.target'],
      [{ kind: 'custom', title: 'x', target: 1e15 }, 'body.target'],
      [{ kind: 'custom', title: 'x', target: 1, endsAt: 'tomorrow' }, 'body.endsAt'],
      [{ kind: 'custom', title: 'x', target: 1, admin: true }, 'body'],
    ];
    for (const [body, path] of attempts) {
      const result = await startChallenge(bob, body);
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ error: { code: 'validation_failed' } });
      expect((result.body as unknown as ErrorBody).error.details?.map((d) => d.path)).toContain(path);
    }
    const past = await startChallenge(bob, {
      kind: 'custom',
      title: 'x',
      target: 1,
      endsAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    const broken = await t.call('POST', '/v1/users/me/challenges', {
      key: bob.key,
      rawBody: '{"kind": "cus',
    });
    expect(broken.status).toBe(400);
    const huge = await t.call('POST', '/v1/users/me/challenges', {
      key: bob.key,
      body: { kind: 'custom', title: 'x'.repeat(200_000), target: 1 },
    });
    expect(huge.status).toBe(413);
    expect(await t.services.gamification.listChallenges(bob.userId)).toEqual([]);
  });
});
