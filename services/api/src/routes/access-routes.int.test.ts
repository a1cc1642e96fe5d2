import { startTestApi, type TestApi, type TestUser } from '../testing/test-api.js';

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

describe('access routes', () => {
  let t: TestApi;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    t = await startTestApi();
    admin = await t.createUser({ role: 'admin' });
    alice = await t.createUser({ displayName: 'Alice' });
    bob = await t.createUser({ displayName: 'Bob' });
  });
  afterAll(() => t.close());

  it('when no key, a malformed key or a wrong key is presented, then it is 401 with the same message', async () => {
    for (const key of [undefined, 'nonsense', 'ha_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const result = await t.call<ErrorBody>('GET', '/v1/users/me', key ? { key } : {});
      expect(result.status).toBe(401);
      expect(result.body.error).toEqual({
        code: 'unauthorized',
        message: 'A valid API key is required',
        details: null,
      });
    }
  });

  it('when a key is sent as X-API-Key, then it works like the Bearer header', async () => {
    const result = await t.call<{ id: string }>('GET', '/v1/users/me', {
      headers: { 'x-api-key': alice.key },
    });
    expect(result.status).toBe(200);
    expect(result.body.id).toBe(alice.userId);
  });

  it("when a user asks for another user's data, then it is a 404 as if the user did not exist", async () => {
    for (const path of [
      `/v1/users/${bob.userId}`,
      `/v1/users/${bob.userId}/api-keys`,
      `/v1/users/${bob.userId}/profile`,
    ]) {
      const result = await t.call<ErrorBody>('GET', path, { key: alice.key });
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe('not_found');
    }
  });

  it('when an admin acts on a user, then it may; unknown or malformed ids are 404', async () => {
    expect((await t.call('GET', `/v1/users/${bob.userId}/profile`, { key: admin.key })).status).toBe(200);
    expect(
      (await t.call('GET', '/v1/users/00000000-0000-4000-8000-000000000000', { key: admin.key })).status,
    ).toBe(404);
    expect((await t.call('GET', '/v1/users/not-a-uuid', { key: admin.key })).status).toBe(400);
  });

  it('when a user creates a key, then it is shown once, works, is listed without its secret and can be revoked', async () => {
    const created = await t.call<{ key: string; info: { id: string; scope: string } }>(
      'POST',
      '/v1/users/me/api-keys',
      {
        key: alice.key,
        body: { name: 'phone', scope: 'admin' },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.info.scope).toBe('user');
    expect((await t.call('GET', '/v1/users/me', { key: created.body.key })).status).toBe(200);
    const list = await t.call<{ keys: Array<Record<string, unknown>> }>('GET', '/v1/users/me/api-keys', {
      key: alice.key,
    });
    expect(list.body.keys).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(list.body.keys.every((key) => !('keyHash' in key) && !('key_hash' in key))).toBe(true);
    const revoked = await t.call('DELETE', `/v1/users/me/api-keys/${created.body.info.id}`, {
      key: alice.key,
    });
    expect(revoked.status).toBe(204);
    expect((await t.call('GET', '/v1/users/me', { key: created.body.key })).status).toBe(401);
    expect(
      (await t.call('DELETE', `/v1/users/me/api-keys/${created.body.info.id}`, { key: alice.key })).status,
    ).toBe(404);
  });

  it("when a user tries to revoke another user's key, then nothing happens", async () => {
    const bobKeys = await t.call<{ keys: Array<{ id: string }> }>('GET', '/v1/users/me/api-keys', {
      key: bob.key,
    });
    const bobKeyId = bobKeys.body.keys[0]?.id;
    expect((await t.call('DELETE', `/v1/users/me/api-keys/${bobKeyId}`, { key: alice.key })).status).toBe(
      404,
    );
    expect((await t.call('GET', '/v1/users/me', { key: bob.key })).status).toBe(200);
  });

  it('when a user calls admin routes, then it is 403; an admin can create users, invites and allow-list entries', async () => {
    expect((await t.call('GET', '/v1/users', { key: alice.key })).status).toBe(403);
    expect((await t.call('POST', '/v1/admin/invites', { key: alice.key, body: {} })).status).toBe(403);
    const created = await t.call<{ id: string; displayName: string }>('POST', '/v1/users', {
      key: admin.key,
      body: { displayName: 'Zoë 🥑', telegramId: 424242 },
    });
    expect(created.status).toBe(201);
    expect(created.body.displayName).toBe('Zoë 🥑');
    const duplicate = await t.call<ErrorBody>('POST', '/v1/users', {
      key: admin.key,
      body: { displayName: 'X', telegramId: 424242 },
    });
    expect(duplicate.status).toBe(409);
    const invite = await t.call<{ code: string; invite: { maxUses: number } }>('POST', '/v1/admin/invites', {
      key: admin.key,
      body: { maxUses: 2 },
    });
    expect(invite.status).toBe(201);
    expect(invite.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(
      (await t.call('PUT', '/v1/admin/allow-list/777', { key: admin.key, body: { note: 'friend' } })).status,
    ).toBe(204);
    const allowed = await t.call<{ entries: Array<{ telegramId: number }> }>('GET', '/v1/admin/allow-list', {
      key: admin.key,
    });
    expect(allowed.body.entries.map((entry) => entry.telegramId)).toContain(777);
  });

  it('when a body is invalid, then the 400 names the failing fields', async () => {
    const result = await t.call<ErrorBody>('POST', '/v1/users', {
      key: admin.key,
      body: { displayName: '', extra: 1 },
    });
    expect(result.status).toBe(400);
    const paths = (result.body.error.details as Array<{ path: string }>).map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['body.displayName', 'body']));
  });
});
