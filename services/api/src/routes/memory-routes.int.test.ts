import { startTestApi, type TestApi, type TestUser } from '../testing/test-api.js';

// PGlite migrations are slow on a busy machine.
jest.setTimeout(60_000);

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

interface MemoryBody {
  id: string;
  userId: string;
  category: string;
  content: string;
  source: string;
}

describe('memory routes', () => {
  let t: TestApi;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    t = await startTestApi();
    admin = await t.createUser({ role: 'admin' });
    alice = await t.createUser();
    bob = await t.createUser();
  });
  afterAll(() => t.close());

  async function remember(user: TestUser, category: string, content: string) {
    return t.call<{ memory: MemoryBody; created: boolean }>('POST', '/v1/users/me/memories', {
      key: user.key,
      body: { category, content },
    });
  }

  it('when a fact is added, then it is 201 with source api; the same fact again is 200 with the stored one', async () => {
    const first = await remember(alice, 'condition', 'Allergic to peanuts 🥜');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      created: true,
      memory: {
        userId: alice.userId,
        category: 'condition',
        content: 'Allergic to peanuts 🥜',
        source: 'api',
      },
    });
    const again = await remember(alice, 'condition', '  Allergic   to peanuts 🥜 ');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ created: false, memory: first.body.memory });
  });

  it('when facts are listed, then they are paged and filtered by category', async () => {
    await remember(alice, 'habit', 'Runs every morning');
    await remember(alice, 'preference', 'Prefers oat milk in coffee ☕');
    const all = await t.call<{ items: MemoryBody[]; total: number }>('GET', '/v1/users/me/memories?limit=2', {
      key: alice.key,
    });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items).toHaveLength(2);
    const habits = await t.call<{ items: MemoryBody[] }>('GET', '/v1/users/me/memories?category=habit', {
      key: alice.key,
    });
    expect(habits.body.items.map((item) => item.content)).toEqual(['Runs every morning']);
  });

  it('when the list query is malformed, then it is 400 naming the field', async () => {
    for (const query of ['category=mood', 'limit=0', 'limit=100000', 'offset=-1', 'unknown=1']) {
      const result = await t.call<ErrorBody>('GET', `/v1/users/me/memories?${query}`, { key: alice.key });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
    }
  });

  it('when facts are searched, then matches come back best first; a missing q is 400', async () => {
    const found = await t.call<{ items: MemoryBody[] }>(
      'GET',
      '/v1/users/me/memories/search?q=peanut%20butter',
      {
        key: alice.key,
      },
    );
    expect(found.status).toBe(200);
    expect(found.body.items.map((item) => item.content)).toEqual(['Allergic to peanuts 🥜']);
    const none = await t.call<{ items: MemoryBody[] }>('GET', '/v1/users/me/memories/search?q=weather', {
      key: alice.key,
    });
    expect(none.body.items).toEqual([]);
    expect((await t.call('GET', '/v1/users/me/memories/search', { key: alice.key })).status).toBe(400);
  });

  it('when relevant facts are asked for a message, then matches come first and recent ones are the fallback', async () => {
    const relevant = await t.call<{ items: MemoryBody[] }>(
      'GET',
      `/v1/users/me/memories/relevant?message=${encodeURIComponent('Can I have a coffee?')}&limit=5`,
      { key: alice.key },
    );
    expect(relevant.body.items.map((item) => item.content)).toEqual(['Prefers oat milk in coffee ☕']);
    const fallback = await t.call<{ items: MemoryBody[] }>(
      'GET',
      '/v1/users/me/memories/relevant?message=hej&limit=1',
      {
        key: alice.key,
      },
    );
    expect(fallback.body.items).toHaveLength(1);
  });

  it('when the fact body is invalid, empty, too long or huge, then it is refused', async () => {
    for (const body of [
      { category: 'goal' },
      { category: 'goal', content: '' },
      { category: 'goal', content: 'x'.repeat(2001) },
      { category: 'goal', content: 'x'.repeat(9000) },
      { category: 'mood', content: 'ok' },
      { category: 'goal', content: 'ok', source: 'hacker' },
      { category: 'goal', content: 'ok', extra: true },
    ]) {
      const result = await t.call<ErrorBody>('POST', '/v1/users/me/memories', { key: alice.key, body });
      expect(result.status).toBe(400);
    }
    const huge = await t.call('POST', '/v1/users/me/memories', {
      key: alice.key,
      rawBody: JSON.stringify({ category: 'goal', content: 'x'.repeat(3_000_000) }),
    });
    expect(huge.status).toBe(413);
    expect(
      (await t.call('POST', '/v1/users/me/memories', { key: alice.key, rawBody: '{"category":' })).status,
    ).toBe(400);
  });

  it("when a user touches another user's memories, then it is 404 and nothing changes", async () => {
    const secret = await remember(bob, 'condition', 'Bob private fact');
    const id = secret.body.memory.id;
    expect((await t.call('GET', `/v1/users/${bob.userId}/memories`, { key: alice.key })).status).toBe(404);
    expect(
      (
        await t.call('POST', `/v1/users/${bob.userId}/memories`, {
          key: alice.key,
          body: { category: 'goal', content: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.call('DELETE', `/v1/users/${bob.userId}/memories/${id}`, { key: alice.key })).status,
    ).toBe(404);
    expect((await t.call('DELETE', `/v1/users/me/memories/${id}`, { key: alice.key })).status).toBe(404);
    expect((await t.call('DELETE', `/v1/users/${bob.userId}/memories`, { key: alice.key })).status).toBe(404);
    expect((await t.call('GET', `/v1/users/${bob.userId}/messages`, { key: alice.key })).status).toBe(404);
    const bobs = await t.call<{ total: number }>('GET', '/v1/users/me/memories', { key: bob.key });
    expect(bobs.body.total).toBe(1);
  });

  it('when no key is given, then every memory route is 401', async () => {
    for (const [method, path] of [
      ['GET', '/v1/users/me/memories'],
      ['POST', '/v1/users/me/memories'],
      ['DELETE', '/v1/users/me/memories'],
      ['GET', '/v1/users/me/messages'],
    ] as const) {
      expect((await t.call(method, path)).status).toBe(401);
    }
  });

  it("when an admin acts on a user's memories, then it may", async () => {
    const added = await t.call<{ created: boolean }>('POST', `/v1/users/${bob.userId}/memories`, {
      key: admin.key,
      body: { category: 'goal', content: 'Added by admin', source: 'agent' },
    });
    expect(added.status).toBe(201);
    const list = await t.call<{ total: number }>('GET', `/v1/users/${bob.userId}/memories`, {
      key: admin.key,
    });
    expect(list.body.total).toBe(2);
  });

  it('when one fact is forgotten, then it is 204 and gone; forgetting it again is 404; a malformed id is 400', async () => {
    const { body } = await remember(alice, 'other', 'Temporary');
    expect(
      (await t.call('DELETE', `/v1/users/me/memories/${body.memory.id}`, { key: alice.key })).status,
    ).toBe(204);
    expect(
      (await t.call('DELETE', `/v1/users/me/memories/${body.memory.id}`, { key: alice.key })).status,
    ).toBe(404);
    expect((await t.call('DELETE', '/v1/users/me/memories/not-a-uuid', { key: alice.key })).status).toBe(400);
  });

  it('when all facts are forgotten, then the count comes back and other users keep theirs', async () => {
    const user = await t.createUser();
    await remember(user, 'goal', 'one');
    await remember(user, 'goal', 'two');
    const result = await t.call<{ deleted: number }>('DELETE', '/v1/users/me/memories', { key: user.key });
    expect(result).toMatchObject({ status: 200, body: { deleted: 2 } });
    expect(
      (await t.call<{ total: number }>('GET', '/v1/users/me/memories', { key: bob.key })).body.total,
    ).toBe(2);
  });

  it('when messages are appended, read and cleared, then the conversation follows', async () => {
    const user = await t.createUser();
    const posted = await t.call<{ message: { role: string; content: string }; pruned: number }>(
      'POST',
      '/v1/users/me/messages',
      { key: user.key, body: { role: 'user', content: 'Hej 👋, what should I eat?' } },
    );
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      pruned: 0,
      message: { role: 'user', content: 'Hej 👋, what should I eat?' },
    });
    await t.call('POST', '/v1/users/me/messages', {
      key: user.key,
      body: { role: 'assistant', content: 'Oats.' },
    });
    const recent = await t.call<{ items: Array<{ role: string }> }>('GET', '/v1/users/me/messages?limit=10', {
      key: user.key,
    });
    expect(recent.body.items.map((item) => item.role)).toEqual(['user', 'assistant']);
    expect(
      (
        await t.call('POST', '/v1/users/me/messages', {
          key: user.key,
          body: { role: 'robot', content: 'x' },
        })
      ).status,
    ).toBe(400);
    expect((await t.call('GET', '/v1/users/me/messages?limit=0', { key: user.key })).status).toBe(400);
    const cleared = await t.call<{ deleted: number }>('DELETE', '/v1/users/me/messages', { key: user.key });
    expect(cleared.body).toEqual({ deleted: 2 });
  });
});
