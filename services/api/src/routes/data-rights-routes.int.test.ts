import { startTestApi, type TestApi, type TestUser } from '../testing/test-api.js';

// PGlite migrations are slow on a busy machine.
jest.setTimeout(60_000);

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

interface ExportBody {
  format: string;
  user: { id: string };
  apiKeys: Array<Record<string, unknown>>;
  memories: Array<{ content: string }>;
  foodEntries: unknown[];
}

describe('data rights routes', () => {
  let t: TestApi;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    t = await startTestApi();
    admin = await t.createUser({ role: 'admin' });
    alice = await t.createUser();
    bob = await t.createUser();
    await t.db('user_profiles').where('user_id', alice.userId).update({ timezone: 'Europe/Stockholm' });
    await t.db('food_entries').insert({
      user_id: alice.userId,
      status: 'confirmed',
      meal: 'dinner',
      source: 'text',
      items: JSON.stringify([
        {
          foodName: 'Salmon, "smoked", sliced 🐟',
          grams: 85,
          nutrients: { kcal: 99, proteinG: 15.5, fatG: 3.7, carbsG: 0, fiberG: 0, sugarG: 0, sodiumMg: 667 },
          source: 'usda-sr28',
        },
      ]),
      eaten_at: '2026-01-15T22:30:00Z',
      confirmed_at: '2026-01-15T22:30:00Z',
    });
    await t.call('POST', '/v1/users/me/memories', {
      key: alice.key,
      body: { category: 'goal', content: 'Eat more fish' },
    });
  });
  afterAll(() => t.close());

  async function auditRows(userId: string) {
    return t
      .db('audit_events')
      .where('target_id', userId)
      .orderBy('id')
      .select('action', 'actor_type', 'actor_id', 'outcome');
  }

  it('when the privacy notice is asked for without a key, then it explains storage, rights and the disclaimer', async () => {
    const result = await t.call<{ version: string; text: string }>('GET', '/v1/privacy');
    expect(result.status).toBe(200);
    expect(result.body.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const phrase of [
      'WHAT WE STORE',
      'WHERE IT IS STORED',
      'HOW LONG',
      'Export',
      'Delete',
      'NOT MEDICAL ADVICE',
      'NOT FOR EMERGENCIES',
    ]) {
      expect(result.body.text).toContain(phrase);
    }
  });

  it('when a user exports, then the JSON holds their data, no key hashes, and is offered as a download', async () => {
    const result = await t.call<ExportBody>('GET', '/v1/users/me/export', { key: alice.key });
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toMatch(/application\/json/);
    expect(result.headers.get('content-disposition')).toBe(
      `attachment; filename="health-agent-export-${alice.userId}.json"`,
    );
    expect(result.body.format).toBe('health-agent.user-export');
    expect(result.body.user.id).toBe(alice.userId);
    expect(result.body.memories.map((memory) => memory.content)).toEqual(['Eat more fish']);
    expect(result.body.foodEntries).toHaveLength(1);
    expect(result.body.apiKeys).toHaveLength(1);
    expect(result.body.apiKeys[0]).not.toHaveProperty('keyHash');
    expect(result.text).not.toContain(alice.key);
  });

  it('when the food diary is exported, then it is CSV with a row per item, local time and quoting', async () => {
    const result = await t.call('GET', '/v1/users/me/export/food.csv', { key: alice.key });
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(result.headers.get('content-disposition')).toContain('food-diary-');
    const lines = result.text.split('\r\n');
    expect(lines[0]).toBe(
      'entry_id,eaten_at_utc,eaten_at_local,local_day,timezone,meal,food_name,grams,kcal,protein_g,fat_g,carbs_g,fiber_g,sugar_g,sodium_mg,source',
    );
    expect(lines[1]).toMatch(
      /^[0-9a-f-]{36},2026-01-15T22:30:00Z,2026-01-15T23:30:00\+01:00,2026-01-15,Europe\/Stockholm,dinner,"Salmon, ""smoked"", sliced 🐟",85,99,15.5,3.7,0,0,0,667,usda-sr28$/,
    );
    expect(lines).toHaveLength(3);
  });

  it('when a user exports or deletes another user, then it is 404 and nothing is audited as theirs', async () => {
    for (const [method, path] of [
      ['GET', `/v1/users/${bob.userId}/export`],
      ['GET', `/v1/users/${bob.userId}/export/food.csv`],
      ['DELETE', `/v1/users/${bob.userId}?confirm=${bob.userId}`],
    ] as const) {
      const result = await t.call<ErrorBody>(method, path, { key: alice.key });
      expect(result.status).toBe(404);
    }
    expect(await auditRows(bob.userId)).toEqual([]);
    expect((await t.call('GET', '/v1/users/me', { key: bob.key })).status).toBe(200);
  });

  it('when no key is given, then export and delete are 401', async () => {
    expect((await t.call('GET', '/v1/users/me/export')).status).toBe(401);
    expect((await t.call('GET', '/v1/users/me/export/food.csv')).status).toBe(401);
    expect((await t.call('DELETE', '/v1/users/me')).status).toBe(401);
  });

  it('when deletion is asked without the right confirm, then it is 400 explaining the second step', async () => {
    const user = await t.createUser();
    const missing = await t.call<ErrorBody>('DELETE', '/v1/users/me', { key: user.key });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/cannot be undone.*confirm set to the user id/);
    expect(missing.body.error.details).toEqual([
      { path: 'confirm', message: `must equal the user id ${user.userId}` },
    ]);
    for (const confirm of ['me', 'yes', bob.userId, user.userId.toUpperCase()]) {
      const result = await t.call('DELETE', '/v1/users/me', { key: user.key, body: { confirm } });
      expect(result.status).toBe(400);
    }
    const tooLong = await t.call('DELETE', '/v1/users/me', {
      key: user.key,
      body: { confirm: 'x'.repeat(500) },
    });
    expect(tooLong.status).toBe(400);
    expect((await t.call('GET', '/v1/users/me', { key: user.key })).status).toBe(200);
  });

  it('when a user confirms the deletion, then everything is gone, the key stops working and the audit stays', async () => {
    const user = await t.createUser();
    await t.call('POST', '/v1/users/me/memories', {
      key: user.key,
      body: { category: 'goal', content: 'bye 👋' },
    });
    await t.call('POST', '/v1/users/me/messages', {
      key: user.key,
      body: { role: 'user', content: 'hello' },
    });
    await t.call('GET', '/v1/users/me/export', { key: user.key });

    const result = await t.call<{ deleted: boolean; userId: string; deletedRows: Record<string, number> }>(
      'DELETE',
      `/v1/users/me?confirm=${user.userId}`,
      { key: user.key },
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      deleted: true,
      userId: user.userId,
      deletedRows: { users: 1, memories: 1, conversation_messages: 1, api_keys: 1, user_profiles: 1 },
    });
    expect((await t.call('GET', '/v1/users/me', { key: user.key })).status).toBe(401);
    expect(await t.db('memories').where('user_id', user.userId)).toEqual([]);
    expect(await auditRows(user.userId)).toEqual([
      { action: 'user.export', actor_type: 'user', actor_id: user.userId, outcome: 'success' },
      { action: 'user.delete', actor_type: 'user', actor_id: user.userId, outcome: 'success' },
    ]);
  });

  it('when an admin exports and deletes a user with confirm in the body, then both are audited as the admin', async () => {
    const user = await t.createUser();
    expect((await t.call('GET', `/v1/users/${user.userId}/export`, { key: admin.key })).status).toBe(200);
    const deleted = await t.call('DELETE', `/v1/users/${user.userId}`, {
      key: admin.key,
      body: { confirm: user.userId },
    });
    expect(deleted.status).toBe(200);
    expect(await auditRows(user.userId)).toEqual([
      { action: 'user.export', actor_type: 'admin', actor_id: admin.userId, outcome: 'success' },
      { action: 'user.delete', actor_type: 'admin', actor_id: admin.userId, outcome: 'success' },
    ]);
    const again = await t.call('DELETE', `/v1/users/${user.userId}`, {
      key: admin.key,
      body: { confirm: user.userId },
    });
    expect(again.status).toBe(404);
  });
});
