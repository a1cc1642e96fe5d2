import { ManualClock } from '@health-agent/core';
import { BotHarness, type BotReply, type TestChat } from '../testing/bot-harness.js';
import type { NewUpdate } from '../testing/fake-telegram-server.js';
import { photoUpdate } from '../testing/telegram-updates.js';

const START = '2026-05-07T12:00:00Z';
const HOUR = 60 * 60 * 1000;

function buttonData(replies: BotReply[], label: string): string {
  const found = replies.flatMap((reply) => reply.buttons).find((b) => b.text === label);
  if (!found?.data)
    throw new Error(`no button "${label}" in ${JSON.stringify(replies.map((r) => r.buttons))}`);
  return found.data;
}

function alertOf(replies: BotReply[]): { text: unknown; showAlert: unknown } | undefined {
  const answer = replies.find((reply) => reply.method === 'answerCallbackQuery');
  return answer ? { text: answer.params.text, showAlert: answer.params.show_alert } : undefined;
}

function sent(replies: BotReply[]): BotReply[] {
  return replies.filter((reply) => reply.method === 'sendMessage');
}

function edited(replies: BotReply[]): BotReply | undefined {
  return replies.find((reply) => reply.method === 'editMessageText');
}

function entryIdOf(replies: BotReply[]): string {
  return buttonData(replies, '✅ Confirm').slice('food:c:'.length);
}

describe('food logging in chat', () => {
  const clock = new ManualClock(START);
  let harness: BotHarness;
  let chat: TestChat;
  let userId: string;

  beforeAll(async () => {
    harness = await BotHarness.start({ clock });
    for (const id of [8101, 8102, 8103])
      await harness.services.access.allowTelegramId(id, 'food tester', null);
    chat = harness.chat({ id: 8101, first_name: 'Fay' });
    await chat.send('/help');
    userId = (await harness.db('users').where({ telegram_id: 8101 }).first()).id;
  });
  afterAll(() => harness.close());

  afterEach(async () => {
    // Each test starts without a pending question or leftover drafts.
    await chat.send('/cancel');
    await harness.db('food_entries').where({ user_id: userId, status: 'draft' }).delete();
  });

  /** The message a draft was shown in, as the bot sent it (with its buttons). */
  const draftMessageOf = (entryId: string) => chat.messageWithButton(`food:c:${entryId}`);
  const rows = (status?: 'draft' | 'confirmed') =>
    harness.db('food_entries').where({ user_id: userId, ...(status ? { status } : {}) });
  const rowCount = async (status?: 'draft' | 'confirmed') => (await rows(status)).length;
  const totalXp = async () =>
    Number((await harness.db('user_progress').where({ user_id: userId }).first())?.total_xp ?? 0);

  it('when "2 large eggs and 1 cup of cooked rice" is sent, then a draft of about 348 kcal is shown and saved only on Confirm, and it is in /today', async () => {
    const confirmedBefore = await rowCount('confirmed');
    const draft = await chat.send('2 large eggs and 1 cup of cooked rice');
    expect(sent(draft)).toHaveLength(1);
    expect(draft[0]?.text).toBe(
      [
        'Here is what I read (lunch):',
        '• 2 large eggs: 100 g, 143 kcal (Egg, whole, raw, fresh)',
        '• 1 cup of cooked rice: 158 g, 205 kcal (Rice, white, long-grain, regular, enriched, cooked)',
        '',
        'Total: 348 kcal · protein 17 g · carbohydrates 45 g · fat 10 g',
        '',
        'Nothing is saved until you press Confirm.',
      ].join('\n'),
    );
    expect(draft[0]?.buttons.map((b) => b.text)).toEqual(['✅ Confirm', '✏️ Correct', '✖️ Cancel']);
    const entryId = entryIdOf(draft);
    expect(draft[0]?.buttons.map((b) => b.data)).toEqual([
      `food:c:${entryId}`,
      `food:e:${entryId}`,
      `food:x:${entryId}`,
    ]);
    // A draft is not a saved meal: nothing confirmed, nothing counted today.
    expect(await rowCount('confirmed')).toBe(confirmedBefore);
    expect((await harness.services.food.dailySummary(userId)).entryCount).toBe(confirmedBefore);

    const xpBefore = await totalXp();
    const confirmed = await chat.press(`food:c:${entryId}`);
    expect(alertOf(confirmed)?.text).toBe('Saved.');
    const savedText = edited(confirmed)?.text ?? '';
    expect(savedText).toContain('Saved (lunch):');
    expect(savedText).toContain('Total: 348 kcal');
    expect(savedText).toMatch(/\+\d+ XP/);
    expect(edited(confirmed)?.buttons).toEqual([]);
    expect((await rows('confirmed')).map((row) => row.id)).toContain(entryId);
    expect(await totalXp()).toBeGreaterThan(xpBefore);

    const [today] = await chat.send('/today');
    expect(today?.text).toContain('Today, Thursday, May 7');
    expect(today?.text).toContain('Energy: 348 kcal');
    expect(today?.text).toContain('lunch: 348 kcal\n  12:00 2 large eggs and 1 cup of cooked rice: 348 kcal');
  });

  it('when Confirm is pressed again on a saved meal, then an alert says so and nothing is saved twice', async () => {
    const draft = await chat.send('1 apple');
    const entryId = entryIdOf(draft);
    await chat.press(`food:c:${entryId}`);
    const [count, xp] = [await rowCount('confirmed'), await totalXp()];
    const again = await chat.press(`food:c:${entryId}`, draftMessageOf(entryId));
    expect(alertOf(again)).toEqual({ text: 'This meal is already saved.', showAlert: true });
    expect(edited(again)).toBeUndefined();
    for (const data of [`food:x:${entryId}`, `food:e:${entryId}`]) {
      expect(alertOf(await chat.pressRaw(data))?.text).toBe('This meal is already saved.');
    }
    expect([await rowCount('confirmed'), await totalXp()]).toEqual([count, xp]);
  });

  it('when Correct is pressed and "it was 3 eggs" sent, then the eggs change, the rice stays and the new draft replaces the old', async () => {
    const draft = await chat.send('2 large eggs and 1 cup of cooked rice');
    const entryId = entryIdOf(draft);
    const original = draftMessageOf(entryId);
    const asked = await chat.press(`food:e:${entryId}`);
    expect(alertOf(asked)?.text).toBeUndefined();
    expect(sent(asked)[0]?.text).toContain('What should I change?');

    const corrected = await chat.send('it was 3 eggs');
    const retired = edited(corrected);
    expect(retired).toMatchObject({ text: 'Changed: the updated draft is below.', buttons: [] });
    expect(retired?.params.message_id).toBe(original.message_id);
    const updated = sent(corrected)[0];
    expect(updated?.text).toContain('• 3 eggs: 150 g, 215 kcal');
    expect(updated?.text).toContain('• 1 cup of cooked rice: 158 g, 205 kcal');
    expect(updated?.text).toContain('Total: 420 kcal');
    expect(entryIdOf(corrected)).toBe(entryId);
    expect(await rowCount('draft')).toBe(1);

    // Grams for one item, through a second correction.
    await chat.press(`food:e:${entryId}`);
    const grams = await chat.send('200g rice');
    expect(sent(grams)[0]?.text).toContain('• 1 cup of cooked rice: 200 g, 260 kcal');
    expect(sent(grams)[0]?.text).toContain('Total: 475 kcal');

    // The question is answered: the next text is a new meal, not another change.
    const next = await chat.send('1 banana');
    expect(entryIdOf(next)).not.toBe(entryId);

    const saved = await chat.press(`food:c:${entryId}`);
    expect(edited(saved)?.text).toContain('Total: 475 kcal');
    const entry = await harness.services.food.getEntry(userId, entryId);
    expect(entry.status).toBe('confirmed');
    expect(Math.round(entry.totals.kcal)).toBe(475);
  });

  it('when the correction removes a food and the old draft message cannot be edited, then the new draft still arrives', async () => {
    const draft = await chat.send('2 large eggs and 1 cup of cooked rice');
    const entryId = entryIdOf(draft);
    await chat.press(`food:e:${entryId}`);
    harness.fake.fail('editMessageText', {
      kind: 'bad_request',
      description: 'Bad Request: message to edit not found',
    });
    const removed = await chat.send('remove the rice');
    const updated = sent(removed)[0]?.text ?? '';
    expect(updated).toContain('• 2 large eggs: 100 g, 143 kcal');
    expect(updated).not.toContain('rice');
    expect(updated).toContain('Total: 143 kcal');
    expect(harness.logs.some((line) => line.msg === 'old food draft message not edited')).toBe(true);
  });

  it('when a meal is heavier than one entry may be, then the domain refusal is shown and nothing is stored', async () => {
    const before = await rowCount();
    const [reply] = await chat.send('4 kg cooked rice and 4 kg boiled potatoes and 4 kg cooked pasta');
    expect(reply?.text).toBe("I can't log that: 12000 g is more than 10000 g.");
    expect(await rowCount()).toBe(before);
  });

  it('when a correction is unclear, names no food or is refused, then the draft is unchanged and the question stays open until /cancel', async () => {
    const draft = await chat.send('2 large eggs and 1 cup of cooked rice');
    const entryId = entryIdOf(draft);
    await chat.press(`food:e:${entryId}`);
    expect((await chat.send('130 g'))[0]?.text).toContain('Which food should I change?');
    expect((await chat.send('blorp zzyzx'))[0]?.text).toBeDefined();
    const before = await harness.services.food.getEntry(userId, entryId);

    await chat.press(`food:e:${entryId}`);
    expect((await chat.send('3 qwertyfood and 2 zzyzx'))[0]?.text).toContain("couldn't find a food in that");
    expect((await chat.send('9000 g rice'))[0]?.text).toContain(
      "I can't make that change: must be at most 5000 g",
    );
    expect((await chat.send('x'.repeat(5000)))[0]?.text).toBe(
      'That is too long for one meal: please send at most 2000 characters.',
    );
    const after = await harness.services.food.getEntry(userId, entryId);
    expect(after.items.map((item) => item.grams)).toEqual(before.items.map((item) => item.grams));

    const [stopped] = await chat.send('/cancel');
    expect(stopped?.text).toContain('Okay, stopped.');
    expect(entryIdOf(await chat.send('200 g rice'))).not.toBe(entryId);
  });

  it('when Cancel is pressed, then the draft is gone, nothing was saved and its buttons are stale', async () => {
    const confirmed = await rowCount('confirmed');
    const draft = await chat.send('2 slices of pizza');
    const entryId = entryIdOf(draft);
    const message = draftMessageOf(entryId);
    const cancelled = await chat.press(`food:x:${entryId}`);
    expect(alertOf(cancelled)?.text).toBe('Cancelled.');
    expect(edited(cancelled)).toMatchObject({ text: 'Cancelled: nothing was saved.', buttons: [] });
    expect(await harness.db('food_entries').where({ id: entryId }).first()).toBeUndefined();
    for (const data of [`food:c:${entryId}`, `food:x:${entryId}`, `food:e:${entryId}`]) {
      expect(alertOf(await chat.press(data, message))).toEqual({
        text: 'This draft is gone: it was cancelled, or it is not yours. Log the meal again.',
        showAlert: true,
      });
    }
    expect(await rowCount('confirmed')).toBe(confirmed);
  });

  it('when Cancel or Confirm is pressed while a correction is pending, then the pending question ends with it', async () => {
    const draft = await chat.send('1 apple');
    const entryId = entryIdOf(draft);
    await chat.press(`food:e:${entryId}`);
    await chat.press(`food:x:${entryId}`);
    // Free text is a new meal again, not a change to the cancelled draft.
    expect(sent(await chat.send('1 banana'))[0]?.text).toContain('Here is what I read');
    expect((await chat.send('/cancel'))[0]?.text).toBe('There is nothing to cancel.');
  });

  it('when part of a message is not food, then the draft lists what was not found and invents nothing', async () => {
    const draft = await chat.send('2 eggs and 1 cup of xyzzy');
    const text = draft[0]?.text ?? '';
    expect(text).toContain('• 2 eggs: 100 g, 143 kcal');
    expect(text).toContain('Total: 143 kcal');
    expect(text).toContain('I couldn\'t find:\n• "1 cup of xyzzy": I don\'t know this food');
    expect(text).toContain('Press Correct and tell me the amount or the food');
    const [row] = await rows('draft');
    expect(row.items).toHaveLength(1);

    const noAmount = await chat.send('rice');
    expect(noAmount[0]?.text).toBe(
      [
        "I couldn't log that yet:",
        '• "rice": how much? Give grams, ml or cups, like "150 g rice"',
        'Send it again with the amount, like "150 g rice" or "1 cup of rice".',
      ].join('\n'),
    );
    expect(noAmount[0]?.buttons).toEqual([]);
  });

  it('when text is neither food nor a metric, then the answer is an honest "didn\'t understand" and nothing is stored', async () => {
    const before = await rowCount();
    for (const text of ['hello there', 'Tokyo', '🍳🍚', '🤷‍♀️ ¿qué?']) {
      const [reply] = await chat.send(text);
      expect(reply?.text).toBe(
        'Sorry, I didn\'t understand that. To log food, describe it with amounts, like "2 eggs and 1 cup of rice". /help lists what I can do.',
      );
      expect(reply?.buttons).toEqual([]);
    }
    expect(await rowCount()).toBe(before);
  });

  it('when a metric phrase is sent, then it is logged as that metric and not drafted as food', async () => {
    const before = await rowCount();
    const replies = await chat.send('drank 500 ml water');
    expect(replies.flatMap((reply) => reply.buttons).some((b) => b.data?.startsWith('food:'))).toBe(false);
    expect(replies[0]?.text).toContain('500 ml');
    expect(await rowCount()).toBe(before);
    const water = await harness.db('metric_entries').where({ user_id: userId, kind: 'water' });
    expect(water).toHaveLength(1);
  });

  it('when food comes with emoji or chat words, then the food is still read', async () => {
    const emoji = await chat.send('2 large eggs 🥚 and 1 cup of cooked rice 🍚');
    expect(emoji[0]?.text).toContain('Total: 348 kcal');
    const chatty = await chat.send('for breakfast I had a banana');
    expect(chatty[0]?.text).toContain('Here is what I read (breakfast):\n• a banana: 118 g, 105 kcal');
  });

  it('when a 5,000-character message is sent, then it is refused as too long and nothing is stored', async () => {
    const before = await rowCount();
    const [reply] = await chat.send(`2 eggs ${'and toast '.repeat(500)}`);
    expect(reply?.text).toBe('That is too long for one meal: please send at most 2000 characters.');
    expect(await rowCount()).toBe(before);
  });

  it('when /log is sent with or without food, then it drafts the food or asks what was eaten', async () => {
    expect((await chat.send('/log'))[0]?.text).toBe(
      'What did you eat? Describe it with amounts, like "2 eggs and 1 cup of rice" or "150 g chicken breast".',
    );
    const logged = await chat.send('/log 150 g chicken breast');
    expect(logged[0]?.text).toContain('• 150 g chicken breast: 150 g, 248 kcal');
    expect((await chat.send('/log hello'))[0]?.text).toContain("didn't understand");
  });

  it('when a photo is sent, then the bot asks for a description and no food entry of any kind is stored', async () => {
    const before = await rowCount();
    const fileId = harness.fake.addFile(Buffer.from('not really a jpeg'), 'photos/meal.jpg');
    const [reply] = await chat.sendPhoto(fileId);
    expect(reply?.text).toBe(
      'I can\'t see what is in photos yet. Please describe the meal in words, like "2 eggs and 1 cup of rice".',
    );
    expect(reply?.buttons).toEqual([]);
    expect(await rowCount()).toBe(before);
    expect(harness.fake.callsOf('getFile')).toHaveLength(0);
  });

  it('when a photo has a caption, then the caption is the description: a draft, not a saved entry', async () => {
    const confirmed = await rowCount('confirmed');
    const update = photoUpdate(chat.person, 'captioned-photo');
    const withCaption = { message: { ...update.message, caption: '1 cup of cooked rice' } } as NewUpdate;
    const replies = await chat.push(withCaption);
    expect(replies[0]?.text).toContain('• 1 cup of cooked rice: 158 g, 205 kcal');
    expect(replies[0]?.buttons.map((b) => b.text)).toEqual(['✅ Confirm', '✏️ Correct', '✖️ Cancel']);
    expect(await rowCount('confirmed')).toBe(confirmed);
    const nonsense = { message: { ...photoUpdate(chat.person, 'p2').message, caption: 'hello there' } };
    expect((await chat.push(nonsense as NewUpdate))[0]?.text).toContain('Please describe the meal in words');
  });

  it('when callback data is forged or garbage, then a short alert answers and nothing changes', async () => {
    const draft = await chat.send('1 apple');
    const entryId = entryIdOf(draft);
    const before = await rowCount();
    for (const data of [
      'food:c:garbage',
      'food:x:not-a-uuid',
      'food:e:00000000-0000-4000-8000-000000000000',
      "food:c:' OR 1=1 --",
      'food:q:whatever',
    ]) {
      const replies = await chat.pressRaw(data);
      expect(alertOf(replies)).toEqual({
        text: 'This draft is gone: it was cancelled, or it is not yours. Log the meal again.',
        showAlert: true,
      });
      expect(replies.filter((reply) => reply.method !== 'answerCallbackQuery')).toEqual([]);
    }
    expect(await rowCount()).toBe(before);
    expect((await harness.services.food.getEntry(userId, entryId)).status).toBe('draft');
  });

  it("when a callback carries another user's entry id, then it acts as if the entry did not exist", async () => {
    const other = harness.chat({ id: 8102, first_name: 'Oscar' });
    const theirs = entryIdOf(await other.send('2 large eggs'));
    const otherUserId = (await harness.db('users').where({ telegram_id: 8102 }).first()).id;
    for (const data of [`food:c:${theirs}`, `food:x:${theirs}`, `food:e:${theirs}`]) {
      expect(alertOf(await chat.pressRaw(data))?.text).toBe(
        'This draft is gone: it was cancelled, or it is not yours. Log the meal again.',
      );
    }
    // A correction question was not opened for their entry either.
    expect((await chat.send('/cancel'))[0]?.text).toBe('There is nothing to cancel.');
    const row = await harness.db('food_entries').where({ id: theirs }).first();
    expect(row).toMatchObject({ user_id: otherUserId, status: 'draft' });
  });

  it('when a draft is more than a day old, then Confirm and Correct answer that it expired and nothing is saved', async () => {
    const draft = await chat.send('1 apple');
    const entryId = entryIdOf(draft);
    await chat.press(`food:e:${entryId}`);
    clock.advance(25 * HOUR);
    try {
      const expired = 'This draft is more than a day old and can no longer be saved. Log the meal again.';
      // The pending correction is told too, and ends.
      expect((await chat.send('2 apples'))[0]?.text).toBe(expired);
      expect(alertOf(await chat.press(`food:c:${entryId}`))?.text).toBe(expired);
      expect(alertOf(await chat.press(`food:e:${entryId}`))?.text).toBe(expired);
      expect((await harness.services.food.getEntry(userId, entryId)).status).toBe('draft');
    } finally {
      clock.set(START);
    }
  });

  it('when the user reads imperial units, then food weights are shown in ounces too', async () => {
    await harness.services.access.allowTelegramId(8103, 'imperial', null);
    const imperial = harness.chat({ id: 8103, first_name: 'Ian' });
    await imperial.send('/help');
    const id = (await harness.db('users').where({ telegram_id: 8103 }).first()).id;
    await harness.services.profiles.updateProfile(id, { units: 'imperial' });
    const draft = await imperial.send('1 cup of cooked rice');
    expect(draft[0]?.text).toContain('• 1 cup of cooked rice: 5.6 oz (158 g), 205 kcal');
  });

  it('when the user speaks Swedish, then the draft and its buttons are in Swedish', async () => {
    await harness.services.profiles.updateProfile(userId, { language: 'sv' });
    try {
      const draft = await chat.send('1 apple');
      expect(draft[0]?.text).toContain('Så här läste jag det (lunch):');
      expect(draft[0]?.buttons.map((b) => b.text)).toEqual(['✅ Bekräfta', '✏️ Rätta', '✖️ Avbryt']);
    } finally {
      await harness.services.profiles.updateProfile(userId, { language: 'en' });
    }
  });
});
