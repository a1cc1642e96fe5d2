import { EXPORT_FORMAT, FOOD_CSV_COLUMNS, ManualClock } from '@health-agent/core';
import { BotHarness, type BotReply, type TestChat } from '../testing/bot-harness.js';

const clock = new ManualClock('2026-03-02T09:00:00Z');

function callbackText(replies: BotReply[]): unknown {
  return replies.find((reply) => reply.method === 'answerCallbackQuery')?.params.text;
}

function edited(replies: BotReply[]): BotReply | undefined {
  return replies.find((reply) => reply.method === 'editMessageText');
}

function dataOf(reply: BotReply | undefined, label: string): string {
  const found = reply?.buttons.find((button) => button.text === label);
  if (!found?.data) throw new Error(`no button "${label}" in ${JSON.stringify(reply?.buttons)}`);
  return found.data;
}

describe('/export and /delete', () => {
  let harness: BotHarness;
  let ids = 7300;

  beforeAll(async () => {
    let flows = 0;
    harness = await BotHarness.start({ clock, newFlowId: () => `flow${++flows}` });
  });
  afterAll(() => harness.close());

  async function member(language?: 'sv'): Promise<{ chat: TestChat; userId: string; telegramId: number }> {
    const telegramId = ids++;
    await harness.services.access.allowTelegramId(telegramId, 'data rights tester', null);
    const chat = harness.chat({ id: telegramId, first_name: 'Dana' });
    await chat.send('/help');
    const userId = (await harness.db('users').where({ telegram_id: telegramId }).first()).id as string;
    if (language) await harness.services.profiles.updateProfile(userId, { language });
    return { chat, userId, telegramId };
  }

  const exists = async (userId: string) =>
    (await harness.db('users').where({ id: userId }).first()) !== undefined;

  it('when /export is sent, then a JSON file with everything and a food CSV arrive as documents', async () => {
    const { chat, userId } = await member();
    await harness.services.reminders.create(userId, { kind: 'daily', message: 'vitamins 💊', time: '08:00' });
    await harness.services.memory.addFact(userId, { category: 'goal', content: 'Run a 5k' });
    const replies = await chat.send('/export');
    const documents = replies.filter((reply) => reply.method === 'sendDocument');
    expect(documents.map((reply) => reply.text)).toEqual([
      'Everything I store about you, as JSON.',
      'Your food diary, as CSV (opens in any spreadsheet).',
    ]);
    const calls = harness.fake.callsOf('sendDocument').slice(-2);
    expect(calls.map((call) => call.files.document?.filename)).toEqual([
      'health-agent-export-2026-03-02.json',
      'food-diary-2026-03-02.csv',
    ]);
    const exported = JSON.parse(calls[0]?.files.document?.bytes.toString('utf8') ?? '{}');
    expect(exported).toMatchObject({ format: EXPORT_FORMAT, user: { id: userId } });
    expect(exported.reminders.map((reminder: { message: string }) => reminder.message)).toEqual([
      'vitamins 💊',
    ]);
    expect(exported.memories.map((memory: { content: string }) => memory.content)).toEqual(['Run a 5k']);
    const csv = calls[1]?.files.document?.bytes.toString('utf8') ?? '';
    expect(csv.split(/\r?\n/)[0]).toBe(FOOD_CSV_COLUMNS.join(','));
    const audits = await harness.services.audit.list(
      { scope: 'admin' },
      { targetId: userId, action: 'user.export' },
    );
    expect(audits.events).toHaveLength(2);
  });

  it('when deletion is confirmed with the button and the typed word, then everything goes and the person starts over', async () => {
    const { chat, userId, telegramId } = await member();
    await harness.services.reminders.create(userId, { kind: 'daily', message: 'vitamins', time: '08:00' });
    const [warning] = await chat.send('/delete');
    expect(warning?.text).toContain('This deletes everything I store about you');
    expect(warning?.buttons.map((button) => button.text)).toEqual([
      'Yes, delete all my data',
      'No, keep my data',
    ]);
    const asked = await chat.press(dataOf(warning, 'Yes, delete all my data'));
    expect(edited(asked)?.text).toBe(
      'Last step: type DELETE to delete all your data now, or /cancel to keep it.',
    );
    expect(await exists(userId)).toBe(true);

    const [deleted] = await chat.send('delete');
    expect(deleted?.text).toBe(
      'All your data is deleted. Goodbye! If you write to me again, I will meet you as a new person.',
    );
    expect(await exists(userId)).toBe(false);
    expect(await harness.db('reminders').where({ user_id: userId })).toEqual([]);
    // The old button is stale now.
    expect(callbackText(await chat.press(dataOf(warning, 'Yes, delete all my data')))).toBe(
      'This button has expired.',
    );

    // Writing again, they are a new person: a new account and onboarding from the start.
    const again = await chat.send('/start');
    expect(again.map((reply) => reply.text).join('\n')).toContain("Let's set you up");
    const fresh = await harness.db('users').where({ telegram_id: telegramId }).first();
    expect(fresh.id).not.toBe(userId);
    expect(await harness.services.reminders.list(fresh.id)).toEqual([]);
  });

  it('when the person says No, types another word, or cancels, then nothing is deleted', async () => {
    const { chat, userId } = await member();
    const [first] = await chat.send('/delete');
    expect(edited(await chat.press(dataOf(first, 'No, keep my data')))?.text).toBe(
      'Okay, nothing was deleted.',
    );

    const [second] = await chat.send('/delete');
    await chat.press(dataOf(second, 'Yes, delete all my data'));
    expect((await chat.send('yes please 🙏'))[0]?.text).toBe(
      'That was not the confirmation word, so nothing was deleted. Send /delete to start again.',
    );
    // The question is over: the word alone does nothing now.
    expect((await chat.send('DELETE'))[0]?.text).not.toContain('All your data is deleted');

    const [third] = await chat.send('/delete');
    await chat.press(dataOf(third, 'Yes, delete all my data'));
    expect((await chat.send('/cancel'))[0]?.text).toBe('Okay, stopped. What next? /help lists everything.');
    expect((await chat.send('DELETE'))[0]?.text).not.toContain('All your data is deleted');
    expect((await chat.send('x'.repeat(5000)))[0]?.text).toBeDefined();
    expect(await exists(userId)).toBe(true);
  });

  it('when the typed word comes after the confirmation window, then nothing is deleted', async () => {
    const { chat, userId } = await member();
    const [warning] = await chat.send('/delete');
    await chat.press(dataOf(warning, 'Yes, delete all my data'));
    clock.advance(11 * 60_000);
    expect((await chat.send('DELETE'))[0]?.text).toBe(
      'The deletion request expired and nothing was deleted. Send /delete to start again.',
    );
    expect(await exists(userId)).toBe(true);
    // A button older than the window is stale too.
    const [late] = await chat.send('/delete');
    clock.advance(11 * 60_000);
    expect(callbackText(await chat.press(dataOf(late, 'Yes, delete all my data')))).toBe(
      'This button has expired.',
    );
    expect(await exists(userId)).toBe(true);
  });

  it('when deletion buttons are forged, then they are refused', async () => {
    const { chat, userId } = await member();
    await chat.send('/delete');
    for (const data of ['del:someoneelse:yes', 'del:flow999:yes', 'del::yes', 'del:x:maybe']) {
      expect([data, callbackText(await chat.pressRaw(data))]).toEqual([data, 'This button has expired.']);
    }
    expect(await exists(userId)).toBe(true);
  });

  it('when a Swedish speaker deletes, then the word is RADERA (DELETE works too)', async () => {
    const { chat, userId } = await member('sv');
    const [warning] = await chat.send('/delete');
    const asked = edited(await chat.press(dataOf(warning, 'Ja, radera alla mina data')));
    expect(asked?.text).toBe(
      'Sista steget: skriv RADERA för att radera alla dina data nu, eller /cancel för att behålla dem.',
    );
    expect((await chat.send('radera'))[0]?.text).toContain('Alla dina data är raderade.');
    expect(await exists(userId)).toBe(false);
  });
});
