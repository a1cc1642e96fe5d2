import { ManualClock } from '@health-agent/core';
import { startTestApi, type TestApi, type TestUser } from '../testing/test-api.js';

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; message: string }> | null };
}

interface EntryBody {
  id: string;
  userId: string;
  kind: string;
  value: number;
  unit: string;
  note: string | null;
  details: Record<string, unknown>;
  recordedAt: string;
  localDay: string;
}

interface LoggedBody {
  entry: EntryBody;
  activity: { xpAwarded: number; totalXp: number };
  notices: string[];
}

jest.setTimeout(60_000);

const paths = (body: ErrorBody) => (body.error.details ?? []).map((detail) => detail.path);

describe('metrics routes', () => {
  const clock = new ManualClock('2026-03-15T12:00:00Z');
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
  beforeEach(() => clock.set('2026-03-15T12:00:00Z'));

  const log = (user: TestUser, body: unknown, userId = 'me') =>
    t.call<LoggedBody & ErrorBody>('POST', `/v1/users/${userId}/metrics`, { key: user.key, body });

  it('when water is logged, then it is 201 with the entry in ml, its local day and the XP earned', async () => {
    const result = await log(alice, { kind: 'water', amount: 250, note: 'efter löpningen 🏃‍♀️' });
    expect(result.status).toBe(201);
    expect(result.body.entry).toMatchObject({
      userId: alice.userId,
      kind: 'water',
      value: 250,
      unit: 'ml',
      note: 'efter löpningen 🏃‍♀️',
      recordedAt: '2026-03-15T12:00:00.000Z',
      localDay: '2026-03-15',
    });
    expect(result.body.activity.xpAwarded).toBeGreaterThan(0);
    const progress = await t.services.gamification.getProgress(alice.userId);
    expect(progress.totalXp).toBe(result.body.activity.totalXp);
  });

  it('when imperial units are spelled out, then values are stored metric', async () => {
    const water = await log(alice, { kind: 'water', amount: 8, unit: 'fl_oz' });
    expect(water.body.entry).toMatchObject({ value: 237, unit: 'ml' });
    const weight = await log(alice, { kind: 'weight', amount: 180, unit: 'lb' });
    expect(weight.body.entry).toMatchObject({ value: 81.647, unit: 'kg' });
  });

  it('when exercise is logged before any weight, then kcal use 70 kg and a notice says so', async () => {
    const result = await log(bob, { kind: 'exercise', activity: 'cycling', durationMinutes: 60 });
    expect(result.status).toBe(201);
    expect(result.body.entry.details).toMatchObject({
      kcal: 525,
      bodyWeightKg: 70,
      bodyWeightSource: 'default',
    });
    expect(result.body.notices.join(' ')).toMatch(/default body weight of 70 kg/);
  });

  it('when sleep gives bedtime and wake time across midnight, then the duration is derived', async () => {
    const result = await log(bob, { kind: 'sleep', bedtime: '23:15', wakeTime: '06:45', quality: 7 });
    expect(result.status).toBe(201);
    expect(result.body.entry).toMatchObject({
      value: 450,
      unit: 'min',
      details: { durationSource: 'bed_and_wake' },
    });
  });

  it('when values are negative, zero, absurd, of an unknown kind or in the future, then the 400 names the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ kind: 'water', amount: -250 }, 'body.amount'],
      [{ kind: 'water', amount: 0 }, 'body.amount'],
      [{ kind: 'water', amount: 50_000 }, 'body.amount'],
      [{ kind: 'weight', amount: 1000 }, 'body.amount'],
      [{ kind: 'steps', count: 1e9 }, 'body.count'],
      [{ kind: 'sleep', durationMinutes: 25 * 60 }, 'body.durationMinutes'],
      [{ kind: 'mood', score: 11 }, 'body.score'],
      [{ kind: 'cholesterol', amount: 5 }, 'body.kind'],
      [{ kind: 'water', amount: '250' }, 'body.amount'],
    ];
    for (const [body, path] of cases) {
      const result = await log(alice, body);
      expect(result.status).toBe(400);
      expect(paths(result.body)).toContain(path);
    }
    const future = await log(alice, { kind: 'water', amount: 250, recordedAt: '2026-03-15T12:30:00Z' });
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([{ path: 'recordedAt', message: 'must not be in the future' }]);
    const skewed = await log(alice, { kind: 'water', amount: 1, recordedAt: '2026-03-15T12:04:00Z' });
    expect(skewed.status).toBe(201);
  });

  it('when the body is malformed JSON or huge, then it is 400 or 413 and nothing is stored', async () => {
    const user = await t.createUser();
    const broken = await t.call<ErrorBody>('POST', '/v1/users/me/metrics', {
      key: user.key,
      rawBody: '{"kind":',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('malformed_json');
    const huge = await log(user, { kind: 'water', amount: 250, note: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    expect(await t.services.healthMetrics.list(user.userId)).toEqual([]);
  });

  it('when no key is given, then every metrics route is 401', async () => {
    for (const [method, path] of [
      ['POST', '/v1/users/me/metrics'],
      ['GET', '/v1/users/me/metrics'],
      ['GET', '/v1/users/me/metrics/weight/trend'],
      ['GET', '/v1/users/me/metrics/daily'],
      ['DELETE', `/v1/users/me/metrics/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`],
    ] as const) {
      expect(
        (await t.call(method, path, method === 'POST' ? { body: { kind: 'steps', count: 1 } } : {})).status,
      ).toBe(401);
    }
  });

  it("when a user uses another user's id in the path, then every metrics route is 404 and nothing changes", async () => {
    const bobsEntry = await log(bob, { kind: 'steps', count: 4321 });
    for (const [method, path, body] of [
      ['POST', `/v1/users/${bob.userId}/metrics`, { kind: 'steps', count: 1 }],
      ['GET', `/v1/users/${bob.userId}/metrics`, undefined],
      ['GET', `/v1/users/${bob.userId}/metrics/weight/trend`, undefined],
      ['GET', `/v1/users/${bob.userId}/metrics/daily`, undefined],
      ['DELETE', `/v1/users/${bob.userId}/metrics/${bobsEntry.body.entry.id}`, undefined],
    ] as const) {
      expect((await t.call(method, path, { key: alice.key, ...(body ? { body } : {}) })).status).toBe(404);
    }
    // Bob's entry id under Alice's own path looks like a missing one.
    const viaOwnPath = await t.call('DELETE', `/v1/users/me/metrics/${bobsEntry.body.entry.id}`, {
      key: alice.key,
    });
    expect(viaOwnPath.status).toBe(404);
    const bobs = await t.services.healthMetrics.list(bob.userId, { kind: 'steps' });
    expect(bobs.map((entry) => entry.value)).toEqual([4321]);
  });

  it('when an admin acts on a user, then it may log and read for them', async () => {
    const logged = await log(admin, { kind: 'medication', name: 'Metformin', dose: '500 mg' }, bob.userId);
    expect(logged.status).toBe(201);
    expect(logged.body.entry.userId).toBe(bob.userId);
    const listed = await t.call<{ entries: EntryBody[] }>(
      'GET',
      `/v1/users/${bob.userId}/metrics?kind=medication`,
      {
        key: admin.key,
      },
    );
    expect(listed.body.entries.map((entry) => entry.details.name)).toEqual(['Metformin']);
  });

  it('when entries are listed, then the query filters by kind, range and limit; bad queries are 400', async () => {
    const user = await t.createUser();
    await log(user, { kind: 'water', amount: 100, recordedAt: '2026-03-10T08:00:00Z' });
    await log(user, { kind: 'water', amount: 200, recordedAt: '2026-03-12T08:00:00Z' });
    await log(user, { kind: 'mood', score: 6, tags: ['😌'] });
    const all = await t.call<{ entries: EntryBody[] }>('GET', '/v1/users/me/metrics', { key: user.key });
    expect(all.body.entries.map((entry) => entry.kind)).toEqual(['mood', 'water', 'water']);
    const water = await t.call<{ entries: EntryBody[] }>(
      'GET',
      '/v1/users/me/metrics?kind=water&from=2026-03-11T00:00:00Z&to=2026-03-13T00:00:00Z&limit=5',
      { key: user.key },
    );
    expect(water.body.entries.map((entry) => entry.value)).toEqual([200]);
    for (const query of ['kind=blood', 'limit=0', 'limit=abc', 'from=yesterday', 'extra=1']) {
      const bad = await t.call<ErrorBody>('GET', `/v1/users/me/metrics?${query}`, { key: user.key });
      expect(bad.status).toBe(400);
    }
    const reversed = await t.call<ErrorBody>(
      'GET',
      '/v1/users/me/metrics?from=2026-03-13T00:00:00Z&to=2026-03-11T00:00:00Z',
      { key: user.key },
    );
    expect(reversed.status).toBe(400);
    expect(paths(reversed.body)).toEqual(['to']);
  });

  it('when an entry is deleted, then it is 204 and then 404; a malformed id is 400', async () => {
    const user = await t.createUser();
    const logged = await log(user, { kind: 'steps', count: 100 });
    const malformed = await t.call<ErrorBody>('DELETE', '/v1/users/me/metrics/42', { key: user.key });
    expect(malformed.status).toBe(400);
    expect(paths(malformed.body)).toEqual(['params.entryId']);
    const deleted = await t.call('DELETE', `/v1/users/me/metrics/${logged.body.entry.id}`, { key: user.key });
    expect(deleted.status).toBe(204);
    const again = await t.call('DELETE', `/v1/users/me/metrics/${logged.body.entry.id}`, { key: user.key });
    expect(again.status).toBe(404);
  });

  it('when weights are logged over days, then the trend reports the 7-day moving average and the change', async () => {
    const user = await t.createUser();
    for (const [day, amount] of [
      ['10', 80],
      ['11', 79],
      ['13', 78.5],
    ] as const) {
      await log(user, { kind: 'weight', amount, recordedAt: `2026-03-${day}T07:00:00Z` });
    }
    const trend = await t.call<{ points: unknown[]; change: unknown; from: string; to: string }>(
      'GET',
      '/v1/users/me/metrics/weight/trend?from=2026-03-11&to=2026-03-15',
      { key: user.key },
    );
    expect(trend.status).toBe(200);
    expect(trend.body).toEqual({
      from: '2026-03-11',
      to: '2026-03-15',
      points: [
        { day: '2026-03-11', weightKg: 79, movingAverageKg: 79.5, daysInAverage: 2 },
        { day: '2026-03-13', weightKg: 78.5, movingAverageKg: 79.17, daysInAverage: 3 },
      ],
      change: { movingAverageKg: -0.33, weightKg: -0.5 },
    });
    const invalid = await t.call('GET', '/v1/users/me/metrics/weight/trend?from=2026-02-30', {
      key: user.key,
    });
    expect(invalid.status).toBe(400);
    const tooLong = await t.call('GET', '/v1/users/me/metrics/weight/trend?from=2020-01-01', {
      key: user.key,
    });
    expect(tooLong.status).toBe(400);
  });

  it('when water is logged at 23:30 local time, then the daily totals count it for that local day', async () => {
    const user = await t.createUser();
    await t.call('PATCH', '/v1/users/me/profile', { key: user.key, body: { timezone: 'America/New_York' } });
    // 23:30 in New York on 14 March is 03:30 UTC on the 15th.
    const late = await log(user, { kind: 'water', amount: 400, recordedAt: '2026-03-15T03:30:00Z' });
    expect(late.body.entry.localDay).toBe('2026-03-14');
    await log(user, { kind: 'steps', count: 9000, recordedAt: '2026-03-15T11:00:00Z' });
    const daily = await t.call<{ days: Array<{ day: string; waterMl: number; steps: number }> }>(
      'GET',
      '/v1/users/me/metrics/daily?from=2026-03-14&to=2026-03-15',
      { key: user.key },
    );
    expect(daily.status).toBe(200);
    expect(daily.body.days.map((day) => [day.day, day.waterMl, day.steps])).toEqual([
      ['2026-03-14', 400, 0],
      ['2026-03-15', 0, 9000],
    ]);
    const today = await t.call<{ days: Array<{ day: string }> }>('GET', '/v1/users/me/metrics/daily', {
      key: user.key,
    });
    expect(today.body.days.map((day) => day.day)).toEqual(['2026-03-15']);
    const reversed = await t.call('GET', '/v1/users/me/metrics/daily?from=2026-03-15&to=2026-03-14', {
      key: user.key,
    });
    expect(reversed.status).toBe(400);
  });
});
