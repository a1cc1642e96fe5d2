import { InputFile } from 'grammy';
import { BotHarness, type TestChat } from '../testing/bot-harness.js';
import { membershipUpdate } from '../testing/telegram-updates.js';
import { DeliveryDeferredError } from './delivery-deferred-error.js';

/** A 2x1 PNG: enough for the fake to read its dimensions. */
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000002000000010806000000f478d4fa0000000d4944415478da63f8cfc0f01f0007fe02fea0b4f0c30000000049454e44ae426082',
  'hex',
);

describe('sending that loses nothing', () => {
  let harness: BotHarness;
  let nextId = 9000;

  beforeAll(async () => {
    harness = await BotHarness.start({
      env: { TELEGRAM_MAX_RETRY_AFTER_SECONDS: '3', TELEGRAM_SEND_RETRIES: '3' },
    });
  });
  afterAll(() => harness.close());
  afterEach(() => harness.fake.clearFailures());

  /** A fresh admitted user who has written to the bot (so Telegram knows the chat). */
  async function member(): Promise<TestChat> {
    nextId += 1;
    await harness.services.access.allowTelegramId(nextId, 'delivery test', null);
    const chat = harness.chat({ id: nextId, first_name: `Member ${nextId}` });
    await chat.send('/cancel');
    return chat;
  }

  const sendsTo = (chatId: number) =>
    harness.fake.calls.filter((call) => call.method.startsWith('send') && call.params.chat_id === chatId);
  const pending = (chatId: number) =>
    harness.db('outbox_messages').where({ chat_id: chatId }).whereNull('sent_at').whereNull('abandoned_at');
  const statusOf = async (telegramId: number) =>
    (await harness.db('users').where({ telegram_id: telegramId }).first()).status as string;

  it('when Telegram answers 429 with retry_after, then the reply is sent again after that many seconds', async () => {
    const chat = await member();
    harness.fake.fail('sendMessage', { kind: 'rate_limited', retryAfter: 1 }, { chatId: chat.person.id });
    const replies = await chat.send('/cancel');
    expect(replies.map((r) => r.text)).toEqual([
      'There is nothing to cancel.',
      'There is nothing to cancel.',
    ]);
    const [limited, retried] = sendsTo(chat.person.id).slice(-2);
    expect(limited?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(await pending(chat.person.id)).toEqual([]);
  });

  it('when Telegram answers 5xx or drops the connection a few times, then the reply is retried until it goes through', async () => {
    const chat = await member();
    harness.fake.fail(
      'sendMessage',
      { kind: 'server_error', status: 502 },
      { chatId: chat.person.id, times: 2 },
    );
    harness.fake.fail('sendMessage', { kind: 'network' }, { chatId: chat.person.id });
    await chat.send('/cancel');
    expect(
      sendsTo(chat.person.id)
        .slice(-4)
        .map((call) => call.status),
    ).toEqual([502, 502, -1, 200]);
    expect(await pending(chat.person.id)).toEqual([]);
    expect(harness.logs.some((line) => line.msg === 'update failed')).toBe(false);
  });

  it('when sends keep failing, then replies wait in the outbox in order and the worker delivers them later', async () => {
    const chat = await member();
    harness.fake.fail(
      'sendMessage',
      { kind: 'server_error', status: 503 },
      { chatId: chat.person.id, times: 4 },
    );
    const first = await chat.send('/cancel');
    expect(first.map((r) => r.params.text)).toEqual(Array(4).fill('There is nothing to cancel.'));
    // Telegram is back, but the chat has a backlog: the next reply queues behind the first.
    const second = await chat.send('/frobnicate');
    expect(second).toEqual([]);
    const queued = await pending(chat.person.id).orderBy('seq');
    expect(queued.map((row) => row.payload.params.text)).toEqual([
      'There is nothing to cancel.',
      "I don't know /frobnicate. /help lists what I can do.",
    ]);
    expect(queued[0]?.last_error).toContain('503');
    // Nobody apologised for a reply that is only late.
    expect(harness.logs.some((line) => line.msg === 'update failed')).toBe(false);
    expect(harness.logs.some((line) => line.msg === 'reply queued in the outbox')).toBe(true);

    expect(await harness.outboxWorker.runOnce()).toMatchObject({ delivered: 1 });
    expect(await harness.outboxWorker.runOnce()).toMatchObject({ delivered: 1 });
    expect(
      sendsTo(chat.person.id)
        .slice(-2)
        .map((call) => [call.status, call.params.text]),
    ).toEqual([
      [200, 'There is nothing to cancel.'],
      [200, "I don't know /frobnicate. /help lists what I can do."],
    ]);
    expect(await pending(chat.person.id)).toEqual([]);
    // The backlog is gone, so replies go out directly again.
    expect((await chat.send('/cancel')).map((r) => r.method)).toEqual(['sendMessage']);
    expect(await harness.registry.metrics()).toMatch(
      /bot_outbox_events_total\{event="queued",service="bot"\} [1-9]/,
    );
  });

  it('when a 429 asks for a longer wait than allowed, then the message is queued rather than waited for', async () => {
    const chat = await member();
    harness.fake.fail('sendMessage', { kind: 'rate_limited', retryAfter: 60 }, { chatId: chat.person.id });
    const started = Date.now();
    await expect(
      harness.bot.api.sendMessage(chat.person.id, 'Time to drink water 💧'),
    ).rejects.toBeInstanceOf(DeliveryDeferredError);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await pending(chat.person.id)).map((row) => row.last_error)).toEqual([
      expect.stringContaining('429'),
    ]);
    expect(await harness.outboxWorker.runOnce()).toMatchObject({ delivered: 1 });
  });

  it('when the bot restarts with messages in the outbox, then the new process delivers them, files included', async () => {
    const chat = await member();
    harness.fake.fail(
      'sendPhoto',
      { kind: 'server_error', status: 500 },
      { chatId: chat.person.id, times: 4 },
    );
    await expect(
      harness.bot.api.sendPhoto(chat.person.id, new InputFile(png, 'calories-7d.png'), {
        caption: 'Your week 📈',
      }),
    ).rejects.toBeInstanceOf(DeliveryDeferredError);
    expect(await pending(chat.person.id)).toHaveLength(1);

    await harness.restart();
    expect(await harness.outboxWorker.runOnce()).toMatchObject({ delivered: 1 });
    const delivered = harness.fake.callsOf('sendPhoto').at(-1);
    expect(delivered?.status).toBe(200);
    expect(delivered?.params.caption).toBe('Your week 📈');
    expect(delivered?.files.photo?.filename).toBe('calories-7d.png');
    expect(delivered?.files.photo?.bytes.equals(png)).toBe(true);
    const result = delivered?.response as { result: { photo: Array<{ width: number }> } } | undefined;
    expect(result?.result.photo[0]?.width).toBe(2);
    expect(await pending(chat.person.id)).toEqual([]);
  });

  it('when the user has blocked the bot, then they are paused, nothing is queued, and writing again resumes them', async () => {
    const chat = await member();
    harness.fake.blockChat(chat.person.id);
    expect(await chat.send('/help')).toEqual([expect.objectContaining({ method: 'sendMessage' })]);
    expect(sendsTo(chat.person.id).at(-1)?.status).toBe(403);
    expect(await statusOf(chat.person.id)).toBe('paused');
    expect(await pending(chat.person.id)).toEqual([]);
    expect(harness.logs.some((line) => line.msg === 'update failed')).toBe(false);
    // Paused users get no reminders: the dispatcher's claim skips them.
    const user = await harness.db('users').where({ telegram_id: chat.person.id }).first();
    await harness.services.reminders.create(user.id, { kind: 'daily', message: 'Vitamins', time: '00:00' });
    await harness
      .db('reminders')
      .where({ user_id: user.id })
      .update({ next_run_at: new Date(Date.now() - 60_000) });
    const claimed = await harness.services.reminders.claimDueReminders(new Date(), 100, 'test', 60_000);
    expect(claimed.filter((reminder) => reminder.userId === user.id)).toEqual([]);

    harness.fake.unblockChat(chat.person.id);
    expect((await chat.send('/cancel')).map((r) => r.text)).toEqual(['There is nothing to cancel.']);
    expect(sendsTo(chat.person.id).at(-1)?.status).toBe(200);
    expect(await statusOf(chat.person.id)).toBe('active');
  });

  it('when Telegram reports that the user blocked or unblocked the bot, then they are paused or resumed at once', async () => {
    const chat = await member();
    const kicked = membershipUpdate(chat.person, 'kicked', harness.fake.bot);
    expect(await chat.push(kicked)).toEqual([]);
    expect(await statusOf(chat.person.id)).toBe('paused');
    expect(await chat.push(membershipUpdate(chat.person, 'member', harness.fake.bot))).toEqual([]);
    expect(await statusOf(chat.person.id)).toBe('active');
    // An admin's block is not lifted by an unblock in Telegram.
    await harness.db('users').where({ telegram_id: chat.person.id }).update({ status: 'blocked' });
    await chat.push(membershipUpdate(chat.person, 'member', harness.fake.bot));
    expect(await statusOf(chat.person.id)).toBe('blocked');
  });

  it('when a queued message meets a blocked chat or a refusal, then it is abandoned instead of retried', async () => {
    const blocked = await member();
    harness.fake.fail('sendMessage', { kind: 'server_error' }, { chatId: blocked.person.id, times: 4 });
    await expect(harness.bot.api.sendMessage(blocked.person.id, 'Reminder: walk')).rejects.toBeInstanceOf(
      DeliveryDeferredError,
    );
    harness.fake.blockChat(blocked.person.id);
    expect(await harness.outboxWorker.runOnce()).toMatchObject({ abandoned: 1 });
    expect(await statusOf(blocked.person.id)).toBe('paused');

    const refused = await member();
    harness.fake.fail('sendMessage', { kind: 'server_error' }, { chatId: refused.person.id, times: 4 });
    await expect(harness.bot.api.sendMessage(refused.person.id, 'Weekly summary')).rejects.toBeInstanceOf(
      DeliveryDeferredError,
    );
    harness.fake.fail(
      'sendMessage',
      { kind: 'bad_request', description: 'Bad Request: chat not found' },
      { chatId: refused.person.id },
    );
    expect(await harness.outboxWorker.runOnce()).toMatchObject({ abandoned: 1 });
    const row = await harness.db('outbox_messages').where({ chat_id: refused.person.id }).first();
    expect(row.abandoned_at).not.toBeNull();
    expect(row.last_error).toContain('chat not found');
  });

  it('when a queued message fails again, then it is scheduled for a later attempt', async () => {
    const chat = await member();
    harness.fake.fail('sendMessage', { kind: 'server_error' }, { chatId: chat.person.id, times: 8 });
    await expect(harness.bot.api.sendMessage(chat.person.id, 'Sleep log reminder')).rejects.toBeInstanceOf(
      DeliveryDeferredError,
    );
    expect(await harness.outboxWorker.runOnce()).toMatchObject({ retryScheduled: 1 });
    const [row] = await pending(chat.person.id);
    expect(row.attempts).toBe(1);
    expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 20_000);
  });

  it('when a text is longer than 4,096 characters, then it arrives in parts cut at paragraphs with the keyboard on the last', async () => {
    const chat = await member();
    const paragraphs = Array.from(
      { length: 30 },
      (_, i) => `Day ${i + 1}: ${Array(14).fill('oats, eggs and salad 🥗').join(' ')}`,
    );
    const text = paragraphs.join('\n\n');
    expect(text.length).toBeGreaterThan(8192);
    await harness.bot.api.sendMessage(chat.person.id, text, {
      reply_markup: { inline_keyboard: [[{ text: 'Done', callback_data: 'noop' }]] },
    });
    const parts = sendsTo(chat.person.id).slice(-3);
    expect(parts.map((call) => call.status)).toEqual([200, 200, 200]);
    for (const part of parts) {
      expect((part.params.text as string).length).toBeLessThanOrEqual(4096);
      expect(part.params.text as string).toMatch(/^Day \d+:/);
    }
    expect(parts.map((part) => part.params.text).join('\n\n')).toBe(text);
    expect(parts.map((part) => part.params.reply_markup === undefined)).toEqual([true, true, false]);
  });

  it('when Telegram cannot parse the Markdown or HTML, then the message is resent as plain text', async () => {
    const chat = await member();
    const markdown = await harness.bot.api.sendMessage(chat.person.id, 'Protein *high and fat_ok', {
      parse_mode: 'Markdown',
    });
    expect(markdown.text).toBe('Protein *high and fat_ok');
    const [refusedMarkdown, plainMarkdown] = sendsTo(chat.person.id).slice(-2);
    expect(refusedMarkdown?.status).toBe(400);
    expect(plainMarkdown?.params.parse_mode).toBeUndefined();

    const html = await harness.bot.api.sendMessage(
      chat.person.id,
      '<b>Goal</b> 1800 kcal & <i>under</i> < 2000',
      {
        parse_mode: 'HTML',
      },
    );
    expect(html.text).toBe('Goal 1800 kcal & under < 2000');
    const fine = await harness.bot.api.sendMessage(chat.person.id, '<b>Goal</b> met &amp; done', {
      parse_mode: 'HTML',
    });
    expect(fine.text).toBe('<b>Goal</b> met &amp; done');
    expect(sendsTo(chat.person.id).at(-1)?.params.parse_mode).toBe('HTML');
  });
});

describe('sending while Telegram is down for everyone', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await BotHarness.start({
      env: { BREAKER_FAILURE_THRESHOLD: '2', BREAKER_RESET_TIMEOUT_MS: '600000', TELEGRAM_SEND_RETRIES: '0' },
    });
  });
  afterAll(() => harness.close());

  it('when the breaker opens, then sends are queued at once without calling Telegram', async () => {
    await harness.services.access.allowTelegramId(9901, 'x', null);
    const chat = harness.chat({ id: 9901, first_name: 'Outage' });
    await chat.send('/cancel');
    harness.fake.fail('sendMessage', { kind: 'server_error', status: 503 }, { times: 2 });
    for (const text of ['one', 'two']) {
      await expect(harness.bot.api.sendMessage(9901, text)).rejects.toBeInstanceOf(DeliveryDeferredError);
    }
    const callsBefore = harness.fake.calls.length;
    await expect(harness.bot.api.sendMessage(9901, 'three')).rejects.toBeInstanceOf(DeliveryDeferredError);
    expect(harness.fake.calls.length).toBe(callsBefore);
    const queued = await harness.db('outbox_messages').where({ chat_id: 9901 }).orderBy('seq');
    expect(queued.map((row) => row.payload.params.text)).toEqual(['one', 'two', 'three']);
  });
});
