import { ManualClock } from '@health-agent/core';
import { startTestApi, type TestApi, type TestUser } from '../testing/test-api.js';

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; message: string }> | null };
}

interface TrackerBody {
  id: string;
  userId: string;
  name: string;
  description: string;
  fields: Array<Record<string, unknown>>;
  archivedAt: string | null;
}

interface EntryBody {
  id: string;
  trackerId: string;
  values: Record<string, unknown>;
  note: string | null;
  recordedAt: string;
}

jest.setTimeout(60_000);

const paths = (body: ErrorBody) => (body.error.details ?? []).map((detail) => detail.path).sort();

const migraine = {
  name: 'Migrän 🤯',
  description: 'Headache diary',
  fields: [
    { key: 'pain', label: 'Smärta', type: 'rating', required: true },
    { key: 'hours', type: 'number', unit: 'h', min: 0, max: 72 },
    { key: 'medicated', type: 'boolean' },
    { key: 'notes', type: 'text', maxLength: 50 },
    { key: 'lay_down', type: 'duration' },
    { key: 'trigger', type: 'single_select', options: ['stress', 'sleep', 'food'] },
    { key: 'symptoms', type: 'multi_select', options: ['aura', 'nausea', 'light'] },
  ],
};

describe('trackers routes', () => {
  const clock = new ManualClock('2026-03-15T12:00:00Z');
  let t: TestApi;
  let alice: TestUser;
  let bob: TestUser;
  let aliceTracker: TrackerBody;
  let bobTracker: TrackerBody;
  let bobEntry: EntryBody;

  beforeAll(async () => {
    t = await startTestApi({ clock });
    alice = await t.createUser();
    bob = await t.createUser();
    const created = await t.call<{ tracker: TrackerBody }>('POST', '/v1/users/me/trackers', {
      key: alice.key,
      body: migraine,
    });
    aliceTracker = created.body.tracker;
    bobTracker = (
      await t.call<{ tracker: TrackerBody }>('POST', '/v1/users/me/trackers', {
        key: bob.key,
        body: migraine,
      })
    ).body.tracker;
    bobEntry = (
      await t.call<{ entry: EntryBody }>('POST', `/v1/users/me/trackers/${bobTracker.id}/entries`, {
        key: bob.key,
        body: { values: { pain: 8 } },
      })
    ).body.entry;
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set('2026-03-15T12:00:00Z'));

  it('when a tracker is created, then it is 201 with defaults filled in and the XP earned', async () => {
    const user = await t.createUser();
    const result = await t.call<{ tracker: TrackerBody; activity: { xpAwarded: number } }>(
      'POST',
      '/v1/users/me/trackers',
      { key: user.key, body: migraine },
    );
    expect(result.status).toBe(201);
    expect(result.body.tracker).toMatchObject({ userId: user.userId, name: 'Migrän 🤯', archivedAt: null });
    expect(result.body.tracker.fields[0]).toEqual({
      key: 'pain',
      label: 'Smärta',
      type: 'rating',
      required: true,
      min: 1,
      max: 10,
    });
    expect(result.body.activity.xpAwarded).toBeGreaterThanOrEqual(0);
    const listed = await t.call<{ trackers: TrackerBody[] }>('GET', '/v1/users/me/trackers', {
      key: user.key,
    });
    expect(listed.body.trackers.map((tracker) => tracker.id)).toEqual([result.body.tracker.id]);
  });

  it('when a definition is invalid, then the 400 names the failing field', async () => {
    const cases: Array<[unknown, string]> = [
      [
        {
          name: 'Dup',
          fields: [
            { key: 'a', type: 'boolean' },
            { key: 'a', type: 'text' },
          ],
        },
        'body.fields.1.key',
      ],
      [{ name: 'Keys', fields: [{ key: 'Bad Key', type: 'boolean' }] }, 'body.fields.0.key'],
      [{ name: 'Range', fields: [{ key: 'n', type: 'number', min: 5, max: 1 }] }, 'body.fields.0.max'],
      [
        { name: 'Select', fields: [{ key: 's', type: 'single_select', options: ['one'] }] },
        'body.fields.0.options',
      ],
      [{ name: 'Type', fields: [{ key: 'x', type: 'colour' }] }, 'body.fields.0.type'],
      [{ name: '', fields: [{ key: 'x', type: 'boolean' }] }, 'body.name'],
      [{ name: 'None', fields: [] }, 'body.fields'],
    ];
    for (const [body, path] of cases) {
      const result = await t.call<ErrorBody>('POST', '/v1/users/me/trackers', { key: alice.key, body });
      expect(result.status).toBe(400);
      expect(paths(result.body)).toContain(path);
    }
  });

  it('when the name is taken in any case, then it is 409', async () => {
    const result = await t.call<ErrorBody>('POST', '/v1/users/me/trackers', {
      key: alice.key,
      body: { ...migraine, name: 'MIGRÄN 🤯' },
    });
    expect(result.status).toBe(409);
  });

  it('when an entry fits the fields, then it is 201 and listed newest first within a range', async () => {
    const first = await t.call<{ entry: EntryBody }>(
      'POST',
      `/v1/users/me/trackers/${aliceTracker.id}/entries`,
      {
        key: alice.key,
        body: {
          values: {
            pain: 6,
            hours: 3,
            medicated: true,
            notes: 'mörkt rum 🌑',
            trigger: 'Stress',
            symptoms: ['aura'],
          },
          note: 'afternoon',
          recordedAt: '2026-03-14T15:00:00Z',
        },
      },
    );
    expect(first.status).toBe(201);
    expect(first.body.entry.values).toEqual({
      pain: 6,
      hours: 3,
      medicated: true,
      notes: 'mörkt rum 🌑',
      trigger: 'stress',
      symptoms: ['aura'],
    });
    await t.call('POST', `/v1/users/me/trackers/${aliceTracker.id}/entries`, {
      key: alice.key,
      body: { values: { pain: 2 } },
    });
    const all = await t.call<{ entries: EntryBody[] }>(
      'GET',
      `/v1/users/me/trackers/${aliceTracker.id}/entries`,
      {
        key: alice.key,
      },
    );
    expect(all.body.entries.map((entry) => entry.values.pain)).toEqual([2, 6]);
    const ranged = await t.call<{ entries: EntryBody[] }>(
      'GET',
      `/v1/users/me/trackers/${aliceTracker.id}/entries?from=2026-03-14T00:00:00Z&to=2026-03-15T00:00:00Z&limit=10`,
      { key: alice.key },
    );
    expect(ranged.body.entries.map((entry) => entry.values.pain)).toEqual([6]);
    const badQuery = await t.call('GET', `/v1/users/me/trackers/${aliceTracker.id}/entries?limit=-1`, {
      key: alice.key,
    });
    expect(badQuery.status).toBe(400);
  });

  it('when values break the schema, then the 400 names each failing field and nothing is stored', async () => {
    const user = await t.createUser();
    const { tracker } = (
      await t.call<{ tracker: TrackerBody }>('POST', '/v1/users/me/trackers', {
        key: user.key,
        body: migraine,
      })
    ).body;
    const result = await t.call<ErrorBody>('POST', `/v1/users/me/trackers/${tracker.id}/entries`, {
      key: user.key,
      body: {
        values: { pain: 0, hours: -2, medicated: 'yes', notes: 'x'.repeat(51), trigger: 'weather', mood: 5 },
      },
    });
    expect(result.status).toBe(400);
    expect(paths(result.body)).toEqual([
      'values.hours',
      'values.medicated',
      'values.mood',
      'values.notes',
      'values.pain',
      'values.trigger',
    ]);
    const missing = await t.call<ErrorBody>('POST', `/v1/users/me/trackers/${tracker.id}/entries`, {
      key: user.key,
      body: { values: { hours: 1 } },
    });
    expect(missing.body.error.details).toEqual([{ path: 'values.pain', message: 'is required' }]);
    const future = await t.call<ErrorBody>('POST', `/v1/users/me/trackers/${tracker.id}/entries`, {
      key: user.key,
      body: { values: { pain: 1 }, recordedAt: '2026-03-16T00:00:00Z' },
    });
    expect(future.status).toBe(400);
    const notAnObject = await t.call<ErrorBody>('POST', `/v1/users/me/trackers/${tracker.id}/entries`, {
      key: user.key,
      body: { values: [1, 2] },
    });
    expect(notAnObject.status).toBe(400);
    expect(paths(notAnObject.body)).toEqual(['body.values']);
    expect(await t.services.trackers.listEntries(user.userId, tracker.id)).toEqual([]);
  });

  it('when a tracker is renamed and archived, then it leaves the default list and takes no entries (409)', async () => {
    const user = await t.createUser();
    const { tracker } = (
      await t.call<{ tracker: TrackerBody }>('POST', '/v1/users/me/trackers', {
        key: user.key,
        body: { name: 'Water quality', fields: [{ key: 'clear', type: 'boolean', required: true }] },
      })
    ).body;
    const renamed = await t.call<TrackerBody>('PATCH', `/v1/users/me/trackers/${tracker.id}`, {
      key: user.key,
      body: { name: 'Well water', description: 'From the well 💧' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Well water', description: 'From the well 💧' });
    const empty = await t.call('PATCH', `/v1/users/me/trackers/${tracker.id}`, { key: user.key, body: {} });
    expect(empty.status).toBe(400);
    const fieldsChange = await t.call('PATCH', `/v1/users/me/trackers/${tracker.id}`, {
      key: user.key,
      body: { fields: [] },
    });
    expect(fieldsChange.status).toBe(400);

    const archived = await t.call<TrackerBody>('POST', `/v1/users/me/trackers/${tracker.id}/archive`, {
      key: user.key,
    });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toBe('2026-03-15T12:00:00.000Z');
    const active = await t.call<{ trackers: TrackerBody[] }>('GET', '/v1/users/me/trackers', {
      key: user.key,
    });
    expect(active.body.trackers).toEqual([]);
    const everything = await t.call<{ trackers: TrackerBody[] }>(
      'GET',
      '/v1/users/me/trackers?includeArchived=true',
      {
        key: user.key,
      },
    );
    expect(everything.body.trackers.map((item) => item.name)).toEqual(['Well water']);
    const logged = await t.call('POST', `/v1/users/me/trackers/${tracker.id}/entries`, {
      key: user.key,
      body: { values: { clear: true } },
    });
    expect(logged.status).toBe(409);
    const badFlag = await t.call('GET', '/v1/users/me/trackers?includeArchived=yes', { key: user.key });
    expect(badFlag.status).toBe(400);
  });

  it("when a user reaches another user's trackers or entries, then every route is 404 and nothing changes", async () => {
    const theirs = `/v1/users/me/trackers/${bobTracker.id}`;
    const cases: Array<[string, string, unknown]> = [
      ['GET', theirs, undefined],
      ['PATCH', theirs, { name: 'Stolen' }],
      ['POST', `${theirs}/archive`, undefined],
      ['POST', `${theirs}/entries`, { values: { pain: 1 } }],
      ['GET', `${theirs}/entries`, undefined],
      ['DELETE', `${theirs}/entries/${bobEntry.id}`, undefined],
      // Bob's entry through Alice's own tracker.
      ['DELETE', `/v1/users/me/trackers/${aliceTracker.id}/entries/${bobEntry.id}`, undefined],
      // Bob's user id in the path.
      ['GET', `/v1/users/${bob.userId}/trackers`, undefined],
      ['POST', `/v1/users/${bob.userId}/trackers`, migraine],
      ['GET', `/v1/users/${bob.userId}/trackers/${bobTracker.id}/entries`, undefined],
    ];
    for (const [method, path, body] of cases) {
      const result = await t.call(method, path, { key: alice.key, ...(body ? { body } : {}) });
      expect(`${method} ${path} ${result.status}`).toBe(`${method} ${path} 404`);
    }
    const bobs = await t.services.trackers.getTracker(bob.userId, bobTracker.id);
    expect(bobs).toMatchObject({ name: migraine.name, archivedAt: null });
    expect(await t.services.trackers.listEntries(bob.userId, bobTracker.id)).toHaveLength(1);
  });

  it('when ids are malformed or no key is given, then it is 400 or 401', async () => {
    const malformed = await t.call<ErrorBody>('GET', '/v1/users/me/trackers/42', { key: alice.key });
    expect(malformed.status).toBe(400);
    expect(paths(malformed.body)).toEqual(['params.trackerId']);
    const badEntry = await t.call<ErrorBody>('DELETE', `/v1/users/me/trackers/${aliceTracker.id}/entries/x`, {
      key: alice.key,
    });
    expect(badEntry.status).toBe(400);
    for (const [method, path] of [
      ['GET', '/v1/users/me/trackers'],
      ['POST', '/v1/users/me/trackers'],
      ['GET', `/v1/users/me/trackers/${aliceTracker.id}`],
      ['POST', `/v1/users/me/trackers/${aliceTracker.id}/entries`],
    ] as const) {
      expect((await t.call(method, path, method === 'POST' ? { body: {} } : {})).status).toBe(401);
    }
  });

  it('when an entry is deleted by its owner, then it is 204 and then 404', async () => {
    const logged = await t.call<{ entry: EntryBody }>(
      'POST',
      `/v1/users/me/trackers/${aliceTracker.id}/entries`,
      {
        key: alice.key,
        body: { values: { pain: 4 } },
      },
    );
    const path = `/v1/users/me/trackers/${aliceTracker.id}/entries/${logged.body.entry.id}`;
    expect((await t.call('DELETE', path, { key: alice.key })).status).toBe(204);
    expect((await t.call('DELETE', path, { key: alice.key })).status).toBe(404);
  });

  it('when the body is malformed JSON or huge, then it is 400 or 413', async () => {
    const broken = await t.call('POST', '/v1/users/me/trackers', { key: alice.key, rawBody: '{"name": "x"' });
    expect(broken.status).toBe(400);
    const huge = await t.call('POST', `/v1/users/me/trackers/${aliceTracker.id}/entries`, {
      key: alice.key,
      body: { values: { pain: 1 }, note: 'x'.repeat(200_000) },
    });
    expect(huge.status).toBe(413);
  });
});
