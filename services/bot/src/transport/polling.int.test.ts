import { BotHarness } from '../testing/bot-harness.js';
import { textUpdate } from '../testing/telegram-updates.js';

describe('long polling with the runner', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await BotHarness.start();
    for (const id of [3101, 3102]) await harness.services.access.allowTelegramId(id, 'polling', null);
    for (const id of [3101, 3102]) await harness.chat({ id, first_name: `P${id}` }).send('/cancel');
  });
  afterAll(() => harness.close());

  const replyTo = (chatId: number, text: string, after: number) =>
    harness.fake.waitForCall(
      (call) =>
        harness.fake.calls.indexOf(call) >= after &&
        call.method === 'sendMessage' &&
        call.params.chat_id === chatId &&
        call.params.text === text,
    );

  it('when a chat is slow, then other chats are answered meanwhile, and the slow chat keeps its order', async () => {
    harness.fake.slowDown('sendMessage', 1500, { chatId: 3101 });
    const slow = { id: 3101, first_name: 'Slow' };
    const quick = { id: 3102, first_name: 'Quick' };
    const from = harness.fake.calls.length;
    await harness.fake.pushUpdate(textUpdate(slow, '/cancel'));
    await harness.fake.pushUpdate(textUpdate(slow, '/frobnicate'));
    await harness.fake.pushUpdate(textUpdate(quick, '/cancel'));

    const quickReply = await replyTo(3102, 'There is nothing to cancel.', from);
    const slowFirst = await replyTo(3101, 'There is nothing to cancel.', from);
    const slowSecond = await replyTo(3101, "I don't know /frobnicate. /help lists what I can do.", from);
    // Concurrent across chats: the quick chat was answered while the slow one waited.
    expect(quickReply.answeredAt ?? Number.POSITIVE_INFINITY).toBeLessThan(slowFirst.answeredAt ?? 0);
    // Sequential within a chat: the second update started only after the first one's reply.
    expect(slowSecond.at).toBeGreaterThanOrEqual(slowFirst.answeredAt ?? Number.POSITIVE_INFINITY);
    harness.fake.clearFailures();
  });

  it('when the bot is restarted, then polling resumes after the last handled update without repeating it', async () => {
    const sendsBefore = harness.fake.callsOf('sendMessage').length;
    await harness.restart();
    const chat = harness.chat({ id: 3102, first_name: 'Quick' });
    expect((await chat.send('/cancel')).map((r) => r.text)).toEqual(['There is nothing to cancel.']);
    expect(harness.fake.callsOf('sendMessage').length).toBe(sendsBefore + 1);
    expect(harness.fake.callsOf('deleteWebhook').length).toBeGreaterThanOrEqual(2);
  });
});
