import { ManualClock } from '@health-agent/core';
import { startTestApi, type TestApi, type TestUser } from '../testing/test-api.js';

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; message: string }> | null };
}

interface ReminderBody {
  id: string;
  userId: string;
  kind: string;
  message: string;
  timeOfDay: string | null;
  weekdays: number[];
  runAt: string | null;
  enabled: boolean;
  pausedReason: string | null;
  nextRunAt: string | null;
}

interface StatsFigures {
  sent: number;
  done: number;
  skipped: number;
  snoozed: number;
  completionRate: number | null;
  averageResponseMinutes: number | null;
}

jest.setTimeout(60_000);

const paths = (body: ErrorBody) => (body.error.details ?? []).map((detail) => detail.path);

describe('reminders routes', () => {
  const clock = new ManualClock('2026-03-02T10:00:00Z'); // a Monday
  let t: TestApi;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApi({ clock });
    alice = await t.createUser();
    bob = await t.createUser();
    admin = await t.createUser({ role: 'admin' });
    const profile = await t.call('PATCH', '/v1/users/me/profile', {
      key: alice.key,
      body: { timezone: 'Europe/Stockholm' },
    });
    expect(profile.status).toBe(200);
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set('2026-03-02T10:00:00Z'));

  function create(user: TestUser, body: unknown) {
    return t.call<ReminderBody & ErrorBody>('POST', '/v1/users/me/reminders', { key: user.key, body });
  }

  /** What the bot's dispatcher does: claim what is due and mark it sent. */
  async function dispatch(at: string) {
    clock.set(at);
    const claimed = await t.services.reminders.claimDueReminders(new Date(at), 100, 'route-test', 60_000);
    for (const reminder of claimed) {
      await t.services.reminders.markSent(reminder.id, reminder.scheduledFor, 'route-test');
    }
    return claimed;
  }

  it('when a daily reminder with emoji is created, then it comes back with its next run in the user timezone', async () => {
    const created = await create(alice, { kind: 'daily', message: 'Drick vatten 💧🥤', time: '08:00' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      userId: alice.userId,
      kind: 'daily',
      message: 'Drick vatten 💧🥤',
      timeOfDay: '08:00',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      enabled: true,
      nextRunAt: '2026-03-03T07:00:00.000Z', // 08:00 CET tomorrow: 11:00 local has passed it today
    });
    const read = await t.call<ReminderBody>('GET', `/v1/users/me/reminders/${created.body.id}`, {
      key: alice.key,
    });
    expect(read.body).toEqual(created.body);
    const list = await t.call<{ reminders: ReminderBody[] }>('GET', '/v1/users/me/reminders', {
      key: alice.key,
    });
    expect(list.body.reminders.map((r) => r.id)).toContain(created.body.id);
  });

  it('when weekly and one-time reminders are created, then their next runs follow the weekday and the instant', async () => {
    const weekly = await create(alice, { kind: 'weekly', message: 'Weigh in ⚖️', time: '07:30', weekday: 6 });
    expect(weekly.status).toBe(201);
    expect(weekly.body.nextRunAt).toBe('2026-03-07T06:30:00.000Z');
    const once = await create(alice, {
      kind: 'once',
      message: 'Dentist 🦷',
      runAt: '2026-03-04T09:00:00+01:00',
    });
    expect(once.body).toMatchObject({
      runAt: '2026-03-04T08:00:00.000Z',
      nextRunAt: '2026-03-04T08:00:00.000Z',
    });
  });

  it.each([
    ['25:00', 'body.time'],
    ['7:5', 'body.time'],
    ['24:00', 'body.time'],
  ])('when the time is %j, then the reminder is refused with the field named', async (time, path) => {
    const result = await create(alice, { kind: 'daily', message: 'x', time });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('validation_failed');
    expect(paths(result.body)).toEqual([path]);
  });

  it('when weekdays are empty or out of range, then the reminder is refused', async () => {
    const empty = await create(alice, { kind: 'daily', message: 'x', time: '08:00', weekdays: [] });
    expect(empty.status).toBe(400);
    expect(paths(empty.body)).toEqual(['body.weekdays']);
    const eight = await create(alice, { kind: 'daily', message: 'x', time: '08:00', weekdays: [1, 8] });
    expect(eight.status).toBe(400);
    const weeklyWithout = await create(alice, { kind: 'weekly', message: 'x', time: '08:00' });
    expect(paths(weeklyWithout.body)).toEqual(['body.weekday']);
  });

  it('when the message is empty, over 500 characters or huge, then it is refused; 500 emoji fit', async () => {
    for (const message of ['', '   ', 'a'.repeat(501)]) {
      const result = await create(alice, { kind: 'daily', message, time: '08:00' });
      expect(result.status).toBe(400);
      expect(paths(result.body)).toEqual(['body.message']);
    }
    const huge = await create(alice, { kind: 'daily', message: 'x'.repeat(2_000_000), time: '08:00' });
    expect(huge.status).toBe(413);
    const emoji = await create(alice, { kind: 'daily', message: '🍎'.repeat(500), time: '08:00' });
    expect(emoji.status).toBe(201);
    expect(emoji.body.message).toBe('🍎'.repeat(500));
  });

  it('when a one-time reminder is in the past or without an offset, then it is refused', async () => {
    const past = await create(alice, { kind: 'once', message: 'x', runAt: '2026-03-01T09:00:00Z' });
    expect(past.status).toBe(400);
    expect(paths(past.body)).toEqual(['runAt']);
    const local = await create(alice, { kind: 'once', message: 'x', runAt: '2026-03-04T09:00:00' });
    expect(local.status).toBe(400);
    expect(paths(local.body)).toEqual(['body.runAt']);
  });

  it('when the body is malformed JSON or has unknown fields, then it is refused', async () => {
    const malformed = await t.call<ErrorBody>('POST', '/v1/users/me/reminders', {
      key: alice.key,
      rawBody: '{"kind":',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');
    const unknown = await create(alice, { kind: 'daily', message: 'x', time: '08:00', cron: '* * * * *' });
    expect(unknown.status).toBe(400);
  });

  it('when there is no key, then every reminder route answers 401', async () => {
    expect((await t.call('GET', '/v1/users/me/reminders')).status).toBe(401);
    expect((await t.call('POST', '/v1/users/me/reminders', { body: { kind: 'daily' } })).status).toBe(401);
    expect((await t.call('GET', '/v1/users/me/reminders/stats')).status).toBe(401);
  });

  it("when another user's reminder is touched by id, then every route answers 404 and nothing changes", async () => {
    const mine = await create(alice, { kind: 'daily', message: 'Alice only', time: '09:00' });
    const id = mine.body.id;
    const attempts: Array<[string, string, unknown]> = [
      ['GET', `/v1/users/me/reminders/${id}`, undefined],
      ['PATCH', `/v1/users/me/reminders/${id}`, { message: 'pwned' }],
      ['DELETE', `/v1/users/me/reminders/${id}`, undefined],
      ['POST', `/v1/users/me/reminders/${id}/disable`, {}],
      ['POST', `/v1/users/me/reminders/${id}/enable`, undefined],
      ['POST', `/v1/users/me/reminders/${id}/done`, {}],
      ['POST', `/v1/users/me/reminders/${id}/skip`, { reason: 'x' }],
      ['POST', `/v1/users/me/reminders/${id}/snooze`, { minutes: 5 }],
      ['GET', `/v1/users/me/reminders/stats?reminderId=${id}`, undefined],
      ['GET', `/v1/users/${alice.userId}/reminders`, undefined],
      ['GET', `/v1/users/${alice.userId}/reminders/${id}`, undefined],
      ['POST', `/v1/users/${alice.userId}/reminders`, { kind: 'daily', message: 'x', time: '08:00' }],
    ];
    for (const [method, path, body] of attempts) {
      const result = await t.call<ErrorBody>(method, path, { key: bob.key, ...(body ? { body } : {}) });
      expect([method, path, result.status]).toEqual([method, path, 404]);
    }
    const after = await t.call<ReminderBody>('GET', `/v1/users/me/reminders/${id}`, { key: alice.key });
    expect(after.body).toEqual(mine.body);
    const bobs = await t.call<{ reminders: ReminderBody[] }>('GET', '/v1/users/me/reminders', {
      key: bob.key,
    });
    expect(bobs.body.reminders).toEqual([]);
    // An admin key may act on any user.
    const asAdmin = await t.call<ReminderBody>('GET', `/v1/users/${alice.userId}/reminders/${id}`, {
      key: admin.key,
    });
    expect(asAdmin.status).toBe(200);
  });

  it('when the reminder id is not a UUID, then it is refused as a bad request', async () => {
    const result = await t.call<ErrorBody>('GET', '/v1/users/me/reminders/123', { key: alice.key });
    expect(result.status).toBe(400);
    expect(paths(result.body)).toEqual(['params.reminderId']);
  });

  it('when a reminder is changed, disabled, enabled and deleted, then each step shows in its next run', async () => {
    const created = await create(bob, { kind: 'daily', message: 'Walk 🚶', time: '12:00' });
    const id = created.body.id;
    const moved = await t.call<ReminderBody>('PATCH', `/v1/users/me/reminders/${id}`, {
      key: bob.key,
      body: { time: '18:30', weekdays: [6, 7] },
    });
    expect(moved.body).toMatchObject({
      timeOfDay: '18:30',
      weekdays: [6, 7],
      nextRunAt: '2026-03-07T18:30:00.000Z',
    });
    const empty = await t.call<ErrorBody>('PATCH', `/v1/users/me/reminders/${id}`, {
      key: bob.key,
      body: {},
    });
    expect(empty.status).toBe(400);
    const badTime = await t.call<ErrorBody>('PATCH', `/v1/users/me/reminders/${id}`, {
      key: bob.key,
      body: { time: '7:5' },
    });
    expect(paths(badTime.body)).toEqual(['body.time']);
    const disabled = await t.call<ReminderBody>('POST', `/v1/users/me/reminders/${id}/disable`, {
      key: bob.key,
      body: { reason: 'holiday 🏝️' },
    });
    expect(disabled.body).toMatchObject({ enabled: false, pausedReason: 'holiday 🏝️', nextRunAt: null });
    const enabled = await t.call<ReminderBody>('POST', `/v1/users/me/reminders/${id}/enable`, {
      key: bob.key,
    });
    expect(enabled.body).toMatchObject({ enabled: true, nextRunAt: '2026-03-07T18:30:00.000Z' });
    const deleted = await t.call('DELETE', `/v1/users/me/reminders/${id}`, { key: bob.key });
    expect(deleted.status).toBe(204);
    expect((await t.call('GET', `/v1/users/me/reminders/${id}`, { key: bob.key })).status).toBe(404);
  });

  it('when a sent reminder is done, skipped and snoozed, then the answers, XP and statistics follow', async () => {
    const user = await t.createUser();
    const water = await create(user, { kind: 'daily', message: 'Water', time: '10:30' });
    const walk = await create(user, { kind: 'daily', message: 'Walk', time: '11:00' });
    const early = await t.call<ErrorBody>('POST', `/v1/users/me/reminders/${water.body.id}/done`, {
      key: user.key,
      body: {},
    });
    expect(early.status).toBe(409);

    await dispatch('2026-03-02T10:30:00Z');
    clock.set('2026-03-02T10:42:00Z');
    const done = await t.call<{
      withinMinutes: number;
      activity: { xpAwarded: number };
      event: { action: string };
    }>('POST', `/v1/users/me/reminders/${water.body.id}/done`, { key: user.key });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ withinMinutes: 12, event: { action: 'done' } });
    // 10 for the reminder, +5 for acting within 30 minutes (any first-time achievement comes on top).
    const progress = await t.call<{
      recentXpEvents: Array<{ action: string; xp: number; idempotencyKey: string }>;
    }>('GET', '/v1/users/me/progress', { key: user.key });
    const reminderXp = progress.body.recentXpEvents.filter((event) => event.action === 'reminder_done');
    expect(reminderXp.map((event) => event.xp)).toEqual([15]);
    expect(done.body.activity.xpAwarded).toBeGreaterThanOrEqual(15);
    const twice = await t.call('POST', `/v1/users/me/reminders/${water.body.id}/done`, { key: user.key });
    expect(twice.status).toBe(409);

    await dispatch('2026-03-02T11:00:00Z');
    clock.set('2026-03-02T11:02:00Z');
    for (const minutes of [0, -5, 1441, 2.5, '10']) {
      const bad = await t.call('POST', `/v1/users/me/reminders/${walk.body.id}/snooze`, {
        key: user.key,
        body: { minutes },
      });
      expect([minutes, bad.status]).toEqual([minutes, 400]);
    }
    const snoozed = await t.call<{ snoozedUntil: string; reminder: ReminderBody }>(
      'POST',
      `/v1/users/me/reminders/${walk.body.id}/snooze`,
      { key: user.key, body: { minutes: 30 } },
    );
    expect(snoozed.status).toBe(200);
    expect(snoozed.body.snoozedUntil).toBe('2026-03-02T11:32:00.000Z');
    expect(snoozed.body.reminder.nextRunAt).toBe('2026-03-02T11:32:00.000Z');
    await dispatch('2026-03-02T11:32:00Z');
    clock.set('2026-03-02T11:40:00Z');
    const skipped = await t.call<{ event: { action: string; reason: string } }>(
      'POST',
      `/v1/users/me/reminders/${walk.body.id}/skip`,
      { key: user.key, body: { reason: 'Raining 🌧️' } },
    );
    expect(skipped.body.event).toMatchObject({ action: 'skipped', reason: 'Raining 🌧️' });
    const walkAfter = await t.call<ReminderBody>('GET', `/v1/users/me/reminders/${walk.body.id}`, {
      key: user.key,
    });
    expect(walkAfter.body.nextRunAt).toBe('2026-03-03T11:00:00.000Z');

    clock.set('2026-03-03T00:00:00Z');
    const stats = await t.call<{
      overall: StatsFigures;
      reminders: Array<StatsFigures & { reminderId: string }>;
    }>('GET', '/v1/users/me/reminders/stats', { key: user.key });
    expect(stats.status).toBe(200);
    expect(stats.body.overall).toMatchObject({
      sent: 3,
      done: 1,
      skipped: 1,
      snoozed: 1,
      completionRate: 0.5,
      averageResponseMinutes: 10,
    });
    const one = await t.call<{ reminders: Array<{ reminderId: string }> }>(
      'GET',
      `/v1/users/me/reminders/stats?reminderId=${water.body.id}&from=2026-03-01T00:00:00Z`,
      { key: user.key },
    );
    expect(one.body.reminders.map((r) => r.reminderId)).toEqual([water.body.id]);
    const badPeriod = await t.call<ErrorBody>('GET', '/v1/users/me/reminders/stats?from=yesterday', {
      key: user.key,
    });
    expect(badPeriod.status).toBe(400);
    const reversed = await t.call<ErrorBody>(
      'GET',
      '/v1/users/me/reminders/stats?from=2026-03-05T00:00:00Z&to=2026-03-01T00:00:00Z',
      { key: user.key },
    );
    expect(reversed.status).toBe(400);
  });
});
