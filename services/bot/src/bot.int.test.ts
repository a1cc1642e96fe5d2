import { BotHarness, type TestChat } from './testing/bot-harness.js';
import {
  callbackUpdate,
  contactUpdate,
  groupChat,
  textUpdate,
  voiceUpdate,
} from './testing/telegram-updates.js';

describe('bot guards, unknown input and errors', () => {
  let harness: BotHarness;
  let chat: TestChat;

  beforeAll(async () => {
    harness = await BotHarness.start();
    await harness.services.access.allowTelegramId(8001, 'guard tester', null);
    chat = harness.chat({ id: 8001, first_name: 'Guard' });
    await chat.send('/help');
  });
  afterAll(() => harness.close());

  const failures = () => harness.logs.filter((line) => line.level === 'error');

  it('when a command is sent in a group, then the bot refuses in one line and admits nobody', async () => {
    const person = { id: 8100, first_name: 'Grouper' };
    const group = groupChat(-4001);
    const refused = await harness.exchange(textUpdate(person, '/start', group), -4001);
    expect(refused.map((r) => r.text)).toEqual([
      'I only work in private chats: message me directly to use me.',
    ]);
    expect(await harness.exchange(textUpdate(person, 'what did everyone eat?', group), -4001)).toEqual([]);
    const groupMessage = harness.fake.lastMessageTo(-4001);
    if (!groupMessage) throw new Error('expected the refusal to be stored');
    const button = callbackUpdate(person, groupMessage, 'set:lang');
    const answered = await harness.exchange(button, -4001, button.callback_query?.id);
    expect(answered.map((r) => r.params.text)).toEqual([
      'I only work in private chats: message me directly to use me.',
    ]);
    expect(await harness.db('users').where({ telegram_id: 8100 }).first()).toBeUndefined();
  });

  it('when a message is edited, then it is ignored without a reply or an error', async () => {
    expect(await chat.edit(12, 'I meant 3 eggs')).toEqual([]);
    expect(await harness.chat({ id: 8200, first_name: 'Stranger' }).edit(1, '/start')).toEqual([]);
    expect(failures()).toEqual([]);
  });

  it('when stickers, voice, contacts or stray locations arrive, then the bot says honestly what it can read', async () => {
    expect((await chat.sendSticker())[0]?.text).toContain('I can only read text');
    expect((await chat.push(voiceUpdate(chat.person)))[0]?.text).toContain("can't listen");
    expect((await chat.push(contactUpdate(chat.person)))[0]?.text).toContain('I can only read text messages');
    expect((await chat.shareLocation(59.3, 18.1))[0]?.text).toContain('/settings');
  });

  it('when an unknown command is sent, then the bot names it and points to /help', async () => {
    expect((await chat.send('/frobnicate'))[0]?.text).toBe(
      "I don't know /frobnicate. /help lists what I can do.",
    );
    expect((await chat.send('/frobnicate@health_agent_test_bot now please'))[0]?.text).toBe(
      "I don't know /frobnicate. /help lists what I can do.",
    );
  });

  it('when a 5,000-character message or only emoji arrive, then the bot answers once and does not fail', async () => {
    // Which feature answers free text changes as features land; what holds is one short, honest reply.
    for (const text of ['chicken and rice '.repeat(300).slice(0, 5000), '🥗🍎👨‍👩‍👧‍👦', '   .   ']) {
      const replies = await chat.send(text);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.method).toBe('sendMessage');
      expect((replies[0]?.text ?? '').length).toBeLessThan(1000);
    }
    expect(failures()).toEqual([]);
  });

  it('when callbacks carry stale or forged data, then the button is called expired and nothing else happens', async () => {
    for (const data of [
      'zzz',
      'ob:abcdef12:units:metric',
      'ob:abcdef12:rate:9',
      'adm:users:-1',
      '💣'.repeat(16),
      'set:lang:xx',
    ]) {
      const replies = await chat.pressRaw(data);
      expect(replies).toEqual([
        expect.objectContaining({
          method: 'answerCallbackQuery',
          params: expect.objectContaining({ text: 'This button has expired.' }),
        }),
      ]);
    }
    expect(failures()).toEqual([]);
  });

  it('when a handler fails, then the error is logged with the update id and the user gets an apology in their language', async () => {
    await harness.services.access.allowTelegramId(8002, 'swedish', null);
    const swede = harness.chat({ id: 8002, first_name: 'Sven', language_code: 'sv' });
    await swede.send('/start');
    await harness.db.raw('ALTER TABLE user_profiles RENAME TO user_profiles_moved');
    let replies: Awaited<ReturnType<TestChat['send']>>;
    try {
      replies = await swede.send('/help');
    } finally {
      await harness.db.raw('ALTER TABLE user_profiles_moved RENAME TO user_profiles');
    }
    expect(replies.map((r) => r.text)).toEqual(['Förlåt, något gick fel hos mig. Försök igen om en stund.']);
    const [logged] = failures();
    expect(logged).toMatchObject({ msg: 'update failed', update_type: 'message', err: expect.any(Object) });
    expect(typeof logged?.update_id).toBe('number');
    expect(JSON.stringify(logged)).toContain('user_profiles');
    // The next update is handled normally, and the onboarding question from before is still there to cancel.
    expect((await swede.send('/cancel'))[0]?.text).toBe(
      'Okej, avbrutet. Vad vill du göra nu? /help visar allt.',
    );

    const metrics = await harness.registry.metrics();
    expect(metrics).toMatch(/bot_update_errors_total\{type="message",service="bot"\} 1/);
    expect(metrics).toMatch(/bot_updates_total\{type="callback_query",service="bot"\} \d+/);
    expect(metrics).toMatch(/bot_update_duration_seconds_count\{service="bot",type="message"\} \d+/);
    expect(metrics).toMatch(/bot_telegram_calls_total\{method="sendMessage",service="bot"\} \d+/);
  });
});
