import { BotHarness, type BotReply, type TestChat } from '../testing/bot-harness.js';

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

describe('/memory', () => {
  let harness: BotHarness;
  let chat: TestChat;
  let userId: string;

  beforeAll(async () => {
    harness = await BotHarness.start();
    await harness.services.access.allowTelegramId(7201, 'memory tester', null);
    chat = harness.chat({ id: 7201, first_name: 'Mona' });
    await chat.send('/help');
    userId = (await harness.db('users').where({ telegram_id: 7201 }).first()).id;
  });
  afterAll(() => harness.close());

  beforeEach(() => harness.services.memory.forgetAllFacts(userId));

  const remember = (category: 'profile' | 'goal' | 'habit' | 'preference', content: string) =>
    harness.services.memory.addFact(userId, { category, content });
  const facts = async () => (await harness.services.memory.listFacts(userId, { limit: 200 })).items;

  it('when nothing is remembered, then it says so', async () => {
    const [reply] = await chat.send('/memory');
    expect(reply?.text).toBe("I don't remember anything about you yet.");
    expect(reply?.buttons).toEqual([]);
  });

  it('when facts are remembered, then they are shown by category with a button per category', async () => {
    await remember('goal', 'Run a 5k before summer 🏃');
    await remember('profile', 'Works night shifts');
    await remember('preference', 'Vegetarian');
    for (let i = 1; i <= 4; i += 1) await remember('habit', `Habit ${i}`);
    const [reply] = await chat.send('/memory');
    const text = reply?.text ?? '';
    expect(text.split('\n\n')[0]).toBe('What I remember about you (7 facts):');
    expect(text).toContain('About you (1)\n• Works night shifts');
    expect(text).toContain('Goals (1)\n• Run a 5k before summer 🏃');
    expect(text).toContain('Habits (4)\n');
    expect(text).toContain('…and 1 more');
    // Categories keep the domain's order: profile, preference, goal, condition, habit, other.
    expect(text.indexOf('About you')).toBeLessThan(text.indexOf('Preferences'));
    expect(text.indexOf('Preferences')).toBeLessThan(text.indexOf('Goals'));
    expect(reply?.buttons.map((button) => button.text)).toEqual([
      'About you (1): see or forget',
      'Preferences (1): see or forget',
      'Goals (1): see or forget',
      'Habits (4): see or forget',
      'Forget everything',
    ]);
  });

  it('when a category is opened, paged and a fact forgotten, then the page follows and the fact is gone', async () => {
    for (let i = 1; i <= 10; i += 1) await remember('habit', `Habit ${i}`);
    await remember('goal', 'Sleep 8 hours');
    const [overview] = await chat.send('/memory');
    const opened = edited(await chat.press(dataOf(overview, 'Habits (10): see or forget')));
    expect(opened?.text?.split('\n')[0]).toBe('Habits, 1-8 of 10:');
    expect(opened?.buttons.map((button) => button.text)).toEqual([
      ...Array.from({ length: 8 }, (_, i) => `Forget ${i + 1}`),
      'Next »',
      '« Back',
    ]);
    const second = edited(await chat.press(dataOf(opened, 'Next »')));
    expect(second?.text?.split('\n')[0]).toBe('Habits, 9-10 of 10:');

    const target = second?.text?.split('\n')[1]?.replace(/^9\. /, '');
    const forgot = await chat.press(dataOf(second, 'Forget 9'));
    expect(callbackText(forgot)).toBe('Forgotten.');
    expect(edited(forgot)?.text?.split('\n')[0]).toBe('Habits, 9-9 of 9:');
    expect((await facts()).map((fact) => fact.content)).not.toContain(target);

    // Forgetting the last fact of a page shows the page before.
    const last = await chat.press(dataOf(edited(forgot), 'Forget 9'));
    expect(edited(last)?.text?.split('\n')[0]).toBe('Habits, 1-8 of 8:');
    // The same button again: that fact is already gone.
    expect(callbackText(await chat.press(dataOf(edited(forgot), 'Forget 9')))).toBe(
      'This button has expired.',
    );

    const back = edited(await chat.press(dataOf(edited(last), '« Back')));
    expect(back?.text).toContain('What I remember about you (9 facts):');
  });

  it('when a long fact is shown, then it is shortened in the list and kept whole in memory', async () => {
    await remember('goal', `${'🥦'.repeat(1999)}!`);
    const [overview] = await chat.send('/memory');
    expect(overview?.text).toContain(`• ${'🥦'.repeat(119)}…`);
    const page = edited(await chat.press(dataOf(overview, 'Goals (1): see or forget')));
    expect(page?.text).toContain(`1. ${'🥦'.repeat(299)}…`);
    expect([...((await facts())[0]?.content ?? '')]).toHaveLength(2000);
  });

  it('when everything is forgotten, then it asks first and Keep changes nothing', async () => {
    await remember('goal', 'Run a 5k');
    await remember('habit', 'Walks the dog');
    const [overview] = await chat.send('/memory');
    const asked = edited(await chat.press(dataOf(overview, 'Forget everything')));
    expect(asked?.text).toBe('Forget all 2 facts I remember about you? This cannot be undone.');
    const kept = edited(await chat.press(dataOf(asked, 'No, keep them')));
    expect(kept?.text).toContain('What I remember about you (2 facts):');
    expect(await facts()).toHaveLength(2);

    const again = edited(await chat.press(dataOf(kept, 'Forget everything')));
    const done = edited(await chat.press(dataOf(again, 'Yes, forget all 2')));
    expect(done?.text).toBe('Done: I forgot 2 facts about you.');
    expect(await facts()).toEqual([]);
    // With nothing left, the button says so.
    expect(edited(await chat.pressRaw('mem:all'))?.text).toBe("I don't remember anything about you yet.");
  });

  it('when memory buttons are forged or stale, then nothing is forgotten', async () => {
    await remember('habit', 'Walks the dog');
    const otherId = (
      await harness.db('users').insert({ display_name: 'Other', role: 'user' }).returning('id')
    )[0].id as string;
    const theirs = await harness.services.memory.addFact(otherId, {
      category: 'habit',
      content: 'Their secret',
    });
    await chat.send('/memory');
    const forged = [
      `mem:f:habit:0:${theirs.memory.id.replaceAll('-', '')}`,
      'mem:f:habit:0:00000000000040008000000000000000',
      'mem:f:habit:0:zzzz',
      'mem:c:secrets:0',
      `mem:all:${(Date.now() - 3_600_000).toString(36)}`,
      `mem:all:${(Date.now() + 3_600_000).toString(36)}`,
      'mem:',
    ];
    for (const data of forged) {
      expect([data, callbackText(await chat.pressRaw(data))]).toEqual([data, 'This button has expired.']);
    }
    expect(await facts()).toHaveLength(1);
    expect((await harness.services.memory.listFacts(otherId)).total).toBe(1);
  });
});
