import type { Knex } from 'knex';
import { ManualClock } from '../clock/clock.js';
import { ValidationError } from '../errors/index.js';
import { createLogger } from '../logging/logger.js';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase } from '../testing/test-backends.js';
import { createOutboxService, type OutboxService } from './outbox-service.js';

describe('outbox service', () => {
  let db: Knex;
  let cleanup: () => Promise<void>;
  let clock: ManualClock;
  let outbox: OutboxService;
  let nextChat = 1000;

  beforeAll(async () => {
    ({ db, cleanup } = await createTestDatabase());
  });
  afterAll(() => cleanup());

  beforeEach(() => {
    clock = new ManualClock('2026-11-26T10:00:00Z');
    outbox = createOutboxService({
      db,
      clock,
      logger: createLogger({ level: 'silent', service: 'test' }),
      maxAttempts: 3,
      retryBaseMs: 1000,
      retryMaxMs: 3000,
    });
    nextChat += 100;
  });

  const message = (chatId: number, text: string) => ({
    chatId,
    payload: { method: 'sendMessage', params: { chat_id: chatId, text } },
    reason: 'telegram answered 502',
  });
  const claim = (claimerId = 'worker-a', limit = 500) =>
    outbox.claimDue({ limit, leaseMs: 60_000, claimerId });

  it('when a message is queued for a known Telegram user, then it is pending, tied to the user and keeps its reason', async () => {
    const userId = await insertTestUser(db, { telegramId: nextChat });
    const queued = await outbox.enqueue(message(nextChat, 'héllo 🥗'));
    expect(queued).toMatchObject({
      userId,
      chatId: nextChat,
      channel: 'telegram',
      attempts: 0,
      lastError: 'telegram answered 502',
      payload: { method: 'sendMessage', params: { chat_id: nextChat, text: 'héllo 🥗' } },
      sentAt: null,
      abandonedAt: null,
    });
    expect(await outbox.hasPending(nextChat)).toBe(true);
    expect(await outbox.hasPending(nextChat + 1)).toBe(false);
    const unknown = await outbox.enqueue(message(nextChat + 1, 'to a stranger'));
    expect(unknown.userId).toBeNull();
  });

  it('when a chat has several queued messages, then workers get them one at a time in queue order', async () => {
    const chat = nextChat;
    for (const text of ['part 1', 'part 2', 'part 3']) await outbox.enqueue(message(chat, text));
    const texts = async (claimed: Array<{ payload: Record<string, unknown> }>) =>
      claimed.map((m) => (m.payload.params as { text: string }).text);

    const first = await claim();
    expect(await texts(first.filter((m) => m.chatId === chat))).toEqual(['part 1']);
    // The head is claimed, so nothing else of the chat is eligible, for this worker or another.
    expect((await claim('worker-b')).filter((m) => m.chatId === chat)).toEqual([]);
    await outbox.markSent(first.find((m) => m.chatId === chat)!.id, 'worker-a');
    const second = (await claim('worker-b')).filter((m) => m.chatId === chat);
    expect(await texts(second)).toEqual(['part 2']);
    expect(second[0]!.attempts).toBe(1);
  });

  it('when two workers claim at the same time, then no message goes to both', async () => {
    const chats = Array.from({ length: 12 }, (_, i) => nextChat + i);
    for (const chat of chats) await outbox.enqueue(message(chat, `for ${chat}`));
    const [a, b] = await Promise.all([claim('worker-a', 500), claim('worker-b', 500)]);
    const ids = [...a, ...b].filter((m) => chats.includes(m.chatId)).map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(12);
  });

  it('when sending keeps failing, then attempts back off and the message is abandoned after the last one', async () => {
    const chat = nextChat;
    const { id } = await outbox.enqueue(message(chat, 'flaky'));
    const mine = async () => (await claim()).find((m) => m.id === id);

    expect(await mine()).toBeDefined();
    expect(await outbox.markFailed(id, 'worker-a', '502')).toEqual({
      abandoned: false,
      nextAttemptAt: new Date('2026-11-26T10:00:01Z'),
    });
    expect(await mine()).toBeUndefined();
    clock.advance(1000);
    expect(await mine()).toBeDefined();
    expect((await outbox.markFailed(id, 'worker-a', '502')).nextAttemptAt).toEqual(
      new Date('2026-11-26T10:00:03Z'),
    );
    clock.advance(2000);
    expect((await mine())?.attempts).toBe(3);
    expect(await outbox.markFailed(id, 'worker-a', 'still 502')).toEqual({
      abandoned: true,
      nextAttemptAt: null,
    });
    clock.advance(3_600_000);
    expect(await mine()).toBeUndefined();
    expect(await outbox.hasPending(chat)).toBe(false);
    const row = await db('outbox_messages').where({ id }).first();
    expect(row.last_error).toBe('still 502');
    expect(row.abandoned_at).not.toBeNull();
  });

  it('when a worker lost its claim, then its outcome is not recorded', async () => {
    const { id } = await outbox.enqueue(message(nextChat, 'slow worker'));
    expect((await claim('worker-a')).some((m) => m.id === id)).toBe(true);
    clock.advance(61_000);
    expect((await claim('worker-b')).some((m) => m.id === id)).toBe(true);
    expect(await outbox.markSent(id, 'worker-a')).toBe(false);
    expect(await outbox.abandon(id, 'worker-a', 'nope')).toBe(false);
    expect(await outbox.markFailed(id, 'worker-a', '502')).toEqual({ abandoned: false, nextAttemptAt: null });
    expect(await outbox.markSent(id, 'worker-b')).toBe(true);
    expect(await outbox.markSent(id, 'worker-b')).toBe(false);
    expect(await outbox.markFailed('00000000-0000-0000-0000-000000000000', 'worker-b', 'x')).toEqual({
      abandoned: false,
      nextAttemptAt: null,
    });
  });

  it('when the recipient blocked the bot, then the user is paused, their queue dropped, and writing again resumes them', async () => {
    const chat = nextChat;
    const userId = await insertTestUser(db, { telegramId: chat });
    await outbox.enqueue(message(chat, 'one'));
    await outbox.enqueue(message(chat, 'two'));
    expect(await outbox.markRecipientUnreachable(chat, 'Forbidden: bot was blocked by the user')).toEqual({
      paused: true,
      abandoned: 2,
    });
    expect((await db('users').where({ id: userId }).first()).status).toBe('paused');
    expect(await outbox.hasPending(chat)).toBe(false);
    expect(await outbox.markRecipientUnreachable(chat, 'again')).toEqual({ paused: false, abandoned: 0 });
    expect(await outbox.markRecipientReachable(chat)).toBe(true);
    expect(await outbox.markRecipientReachable(chat)).toBe(false);
    expect((await db('users').where({ id: userId }).first()).status).toBe('active');
  });

  it('when an admin blocked the user, then delivery outcomes never unblock them', async () => {
    const chat = nextChat;
    const userId = await insertTestUser(db, { telegramId: chat });
    await db('users').where({ id: userId }).update({ status: 'blocked' });
    expect((await outbox.markRecipientUnreachable(chat, 'blocked')).paused).toBe(false);
    expect(await outbox.markRecipientReachable(chat)).toBe(false);
    expect((await db('users').where({ id: userId }).first()).status).toBe('blocked');
  });

  it('when the user is deleted, then their queued messages go with them', async () => {
    const chat = nextChat;
    const userId = await insertTestUser(db, { telegramId: chat });
    await outbox.enqueue(message(chat, 'bye'));
    const before = await outbox.pendingCount();
    await db('users').where({ id: userId }).delete();
    expect(await outbox.hasPending(chat)).toBe(false);
    expect(await outbox.pendingCount()).toBe(before - 1);
  });

  it('when input is malformed, then it is refused', async () => {
    await expect(outbox.enqueue({ chatId: 0, payload: {}, reason: 'x' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(outbox.enqueue({ chatId: 1.5, payload: {}, reason: 'x' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(outbox.enqueue({ chatId: 5, payload: {}, reason: '' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(outbox.hasPending(Number.NaN)).rejects.toBeInstanceOf(ValidationError);
    await expect(outbox.markRecipientReachable(0)).rejects.toBeInstanceOf(ValidationError);
    await expect(outbox.claimDue({ limit: 0, leaseMs: 60_000, claimerId: 'w' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const long = await outbox.enqueue({ chatId: nextChat, payload: { a: 1 }, reason: 'e'.repeat(5000) });
    expect(long.lastError).toHaveLength(1000);
  });
});
