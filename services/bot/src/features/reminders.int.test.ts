import { createLogger, ManualClock } from '@health-agent/core';
import { answerData } from '../reminders/reminder-callback-data.js';
import { ReminderDispatcher } from '../reminders/reminder-dispatcher.js';
import { createReminderMetrics } from '../reminders/reminder-metrics.js';
import { BotHarness, type BotReply, type TestChat } from '../testing/bot-harness.js';

const clock = new ManualClock('2026-03-28T11:00:00Z');

function callbackText(replies: BotReply[]): unknown {
  return replies.find((reply) => reply.method === 'answerCallbackQuery')?.params.text;
}

function dataOf(replies: BotReply[], label: string): string {
  const found = replies.flatMap((reply) => reply.buttons).find((button) => button.text === label);
  if (!found?.data)
    throw new Error(`no button "${label}" in ${JSON.stringify(replies.map((r) => r.buttons))}`);
  return found.data;
}

describe('/remind and reminder buttons', () => {
  let harness: BotHarness;
  let chat: TestChat;
  let userId: string;
  let dispatcher: ReminderDispatcher;

  beforeAll(async () => {
    harness = await BotHarness.start({ clock });
    await harness.services.access.allowTelegramId(7101, 'reminders tester', null);
    chat = harness.chat({ id: 7101, first_name: 'Rita' });
    await chat.send('/help');
    userId = (await harness.db('users').where({ telegram_id: 7101 }).first()).id;
    await harness.services.profiles.updateProfile(userId, { timezone: 'Europe/Stockholm' });
    dispatcher = new ReminderDispatcher({
      reminders: harness.services.reminders,
      profiles: harness.services.profiles,
      api: harness.bot.api,
      clock,
      logger: createLogger({ level: 'silent', service: 'test' }),
      metrics: createReminderMetrics(harness.registry),
      claimerId: 'reminders-test',
      intervalMs: 60_000,
    });
  });
  afterAll(() => harness.close());

  beforeEach(async () => {
    clock.set('2026-03-28T11:00:00Z');
    for (const reminder of await harness.services.reminders.list(userId)) {
      await harness.services.reminders.delete(userId, reminder.id);
    }
  });

  const reminders = () => harness.services.reminders.list(userId);

  function sentReminders(): Array<{ text: string; buttons: string[] }> {
    return harness.fake
      .callsOf('sendMessage')
      .filter((call) => call.params.chat_id === 7101 && String(call.params.text).startsWith('⏰'))
      .map((call) => ({
        text: call.params.text as string,
        buttons: (
          (call.params.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> })
            .inline_keyboard ?? []
        )
          .flat()
          .map((button) => button.callback_data),
      }));
  }

  it('when the short syntax is used, then daily, weekly and one-time reminders are set in the user zone', async () => {
    const [vitamins] = await chat.send('/remind 08:00 mon-fri take vitamins 💊');
    expect(vitamins?.text).toBe(
      'Reminder set: "take vitamins 💊", Mon–Fri at 08:00.\nNext time: Mon, Mar 30, 08:00.',
    );
    expect(vitamins?.buttons).toEqual([{ text: 'My reminders', data: 'rem:ls' }]);
    expect((await chat.send('/remind 21:30 daily stretch'))[0]?.text).toContain(
      '"stretch", every day at 21:30',
    );
    expect((await chat.send('/remind sun 10:00 weekly plan'))[0]?.text).toContain(
      '"weekly plan", every Sun at 10:00',
    );
    expect((await chat.send('/remind once 2026-12-24 18:00 call mum'))[0]?.text).toContain(
      '"call mum", once,',
    );

    const stored = await reminders();
    const byMessage = Object.fromEntries(stored.map((reminder) => [reminder.message, reminder]));
    expect(byMessage['take vitamins 💊']).toMatchObject({
      kind: 'daily',
      timeOfDay: '08:00',
      weekdays: [1, 2, 3, 4, 5],
    });
    // Sunday 29 March is the switch to summer time: 08:00 in Stockholm is 06:00 UTC from then on.
    expect(byMessage['take vitamins 💊']?.nextRunAt?.toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect(byMessage.stretch).toMatchObject({ kind: 'daily', weekdays: [1, 2, 3, 4, 5, 6, 7] });
    expect(byMessage['weekly plan']).toMatchObject({ kind: 'weekly', timeOfDay: '10:00', weekdays: [7] });
    expect(byMessage['call mum']?.runAt?.toISOString()).toBe('2026-12-24T17:00:00.000Z');
  });

  it('when the input is wrong, then the reply names what is wrong and nothing is saved', async () => {
    const cases: Array<[string, string]> = [
      ['/remind 25:00 mon-fri take vitamins', '"25:00" is not a time I can use'],
      ['/remind 08:00 mon-fry take vitamins', '"mon-fry" are not days I know'],
      ['/remind once 2026-02-30 18:00 x', '"2026-02-30" is not a date I can use'],
      ['/remind 08:00 mon-fri', 'What should I remind you of?'],
      [
        '/remind once 2026-03-28 09:00 too late',
        'That time has already passed in your time zone (Europe/Stockholm)',
      ],
      ['/remind delete two', 'by its number in /remind list'],
      ['/remind take vitamins', 'Set a reminder like this:'],
      [
        `/remind 08:00 ${'x'.repeat(5000)}`,
        "I can't set that reminder: the text must be at most 500 characters.",
      ],
    ];
    for (const [input, expected] of cases) {
      const [reply] = await chat.send(input);
      expect([input.slice(0, 40), reply?.text]).toEqual([
        input.slice(0, 40),
        expect.stringContaining(expected),
      ]);
    }
    expect(await reminders()).toEqual([]);
  });

  it('when /remind is sent alone, then the usage with examples and the user zone is shown', async () => {
    const [usage] = await chat.send('/remind');
    expect(usage?.text).toContain('/remind 08:00 mon-fri take vitamins');
    expect(usage?.text).toContain('/remind once 2026-12-24 18:00 call mum');
    expect(usage?.text).toContain('(Europe/Stockholm)');
  });

  it('when reminders are listed and deleted by number or button, then the list follows', async () => {
    expect((await chat.send('/remind list'))[0]?.text).toBe(
      'You have no reminders. /remind shows how to set one.',
    );
    // Numbers follow the order of creation.
    await chat.send('/remind 08:00 mon-fri take vitamins');
    clock.advance(1000);
    await chat.send('/remind 21:30 daily stretch');
    clock.advance(1000);
    const created = await chat.send('/remind sun 10:00 weekly plan');

    const [list] = await chat.press('rem:ls', harness.fake.lastMessageTo(7101));
    expect(list).toMatchObject({ method: 'answerCallbackQuery' });
    const listed = (await chat.send('/remind list'))[0];
    expect(listed?.text).toBe(
      [
        'Your reminders (times in Europe/Stockholm):',
        '1. take vitamins\nMon–Fri at 08:00; next Mon, Mar 30, 08:00',
        '2. stretch\nevery day at 21:30; next Sat, Mar 28, 21:30',
        '3. weekly plan\nevery Sun at 10:00; next Sun, Mar 29, 10:00',
        'Tap a number to delete that reminder.',
      ].join('\n\n'),
    );
    expect(listed?.buttons.map((button) => button.text)).toEqual(['🗑 1', '🗑 2', '🗑 3']);
    expect(created[0]?.buttons[0]?.data).toBe('rem:ls');

    const pressed = await chat.press(dataOf([listed as BotReply], '🗑 2'));
    expect(callbackText(pressed)).toBe('Reminder deleted.');
    const edited = pressed.find((reply) => reply.method === 'editMessageText');
    expect(edited?.text).toContain('1. take vitamins');
    expect(edited?.text).toContain('2. weekly plan');
    expect(edited?.text).not.toContain('stretch');

    expect((await chat.send('/remind delete 2'))[0]?.text).toBe('Deleted reminder 2: "weekly plan".');
    expect((await chat.send('/remind delete 9'))[0]?.text).toBe(
      'There is no reminder 9: you have 1. /remind list shows them.',
    );
    expect((await reminders()).map((reminder) => reminder.message)).toEqual(['take vitamins']);
    // The delete button of a reminder already gone is stale.
    expect(callbackText(await chat.press(dataOf([listed as BotReply], '🗑 2')))).toBe(
      'This button has expired.',
    );
  });

  it('when the list has more than a page, then it pages with buttons', async () => {
    for (let i = 1; i <= 17; i += 1) {
      clock.advance(1000);
      await harness.services.reminders.create(userId, { kind: 'daily', message: `r${i}`, time: '09:00' });
    }
    const [first] = await chat.send('/remind list');
    expect(first?.text).toContain('15. r15');
    expect(first?.text).not.toContain('16. r16');
    const next = await chat.press(dataOf([first as BotReply], 'Next »'));
    const page = next.find((reply) => reply.method === 'editMessageText');
    expect(page?.text).toContain('16. r16');
    expect(page?.text).toContain('17. r17');
    expect(page?.buttons.map((button) => button.text)).toEqual(['🗑 16', '🗑 17', '« Previous']);
  });

  it('when a reminder comes due across the switch to summer time, then it arrives at 08:00 local and Done pays XP', async () => {
    await chat.send('/remind 08:00 daily take vitamins');
    const reminder = (await reminders())[0];
    if (!reminder) throw new Error('no reminder');

    clock.set('2026-03-29T05:59:00Z'); // 07:59 summer time
    expect((await dispatcher.runOnce()).sent).toBe(0);
    clock.set('2026-03-29T06:00:00Z'); // 08:00 summer time
    expect((await dispatcher.runOnce()).sent).toBe(1);
    clock.set('2026-03-29T07:00:00Z'); // 08:00 by the winter clock: nothing more
    expect((await dispatcher.runOnce()).sent).toBe(0);

    const sent = sentReminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toBe('⏰ Reminder: take vitamins');
    const occurrence = new Date('2026-03-29T06:00:00Z');
    expect(sent[0]?.buttons).toEqual([
      answerData('done', reminder.id, occurrence),
      answerData('skip', reminder.id, occurrence),
      answerData('snooze', reminder.id, occurrence),
    ]);

    clock.set('2026-03-29T07:10:00Z');
    const done = await chat.press(answerData('done', reminder.id, occurrence));
    expect(callbackText(done)).toMatch(/^\+\d+ XP$/);
    const edited = done.find((reply) => reply.method === 'editMessageText');
    expect(edited?.text).toMatch(/^✅ Done: take vitamins \(\+\d+ XP\)/);
    expect(edited?.buttons).toEqual([]);
    const progress = await harness.services.gamification.getProgress(userId);
    expect(progress.totalXp).toBeGreaterThanOrEqual(10);
    const xpEvents = await harness.services.gamification.listXpEvents(userId);
    expect(xpEvents.some((event) => event.action === 'reminder_done')).toBe(true);

    // Pressing Done again, or Skip on an answered reminder, changes nothing.
    const again = await chat.press(
      answerData('done', reminder.id, occurrence),
      harness.fake.messageOf(7101, edited?.params.message_id as number),
    );
    expect(callbackText(again)).toBe('This reminder is already answered or can no longer be changed.');
    expect(callbackText(await chat.pressRaw(answerData('skip', reminder.id, occurrence)))).toBe(
      'This reminder is already answered or can no longer be changed.',
    );
    expect((await harness.services.gamification.getProgress(userId)).totalXp).toBe(progress.totalXp);
  });

  it('when Snooze is pressed, then the reminder comes again 30 minutes later and Skip ends it', async () => {
    await chat.send('/remind 21:30 daily stretch');
    const reminder = (await reminders())[0];
    if (!reminder) throw new Error('no reminder');
    const occurrence = new Date('2026-03-28T20:30:00Z'); // 21:30 winter time
    clock.set(occurrence);
    await dispatcher.runOnce();
    const snoozed = await chat.press(answerData('snooze', reminder.id, occurrence));
    expect(snoozed.find((reply) => reply.method === 'editMessageText')?.text).toBe(
      '😴 Snoozed until 22:00: stretch',
    );
    clock.set('2026-03-28T20:59:00Z');
    expect((await dispatcher.runOnce()).sent).toBe(0);
    clock.set('2026-03-28T21:00:00Z');
    expect((await dispatcher.runOnce()).sent).toBe(1);
    const refire = new Date('2026-03-28T21:00:00Z');
    const skipped = await chat.press(answerData('skip', reminder.id, refire));
    expect(skipped.find((reply) => reply.method === 'editMessageText')?.text).toBe('⏭ Skipped: stretch');
    // Snoozing the answered first occurrence is refused.
    expect(callbackText(await chat.pressRaw(answerData('snooze', reminder.id, occurrence)))).toBe(
      'This reminder is already answered or can no longer be changed.',
    );
    // The next regular time is the next evening, 21:30 summer time.
    expect((await reminders())[0]?.nextRunAt?.toISOString()).toBe('2026-03-29T19:30:00.000Z');
  });

  it('when reminders are paused, finished or long, then the list says so and shortens the text', async () => {
    const long = `${'🧘'.repeat(200)} breathe`;
    await chat.send(`/remind 07:00 ${long}`);
    clock.advance(1000);
    await chat.send('/remind once 2026-03-28 13:00 call mum');
    clock.advance(1000);
    await chat.send('/remind 09:00 weekdays stand up');
    const [longOne, once, standUp] = await reminders().then((all) =>
      [...all].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    );
    await harness.services.reminders.disable(userId, standUp?.id as string);
    clock.set('2026-03-28T12:00:00Z');
    await dispatcher.runOnce();
    const listed = (await chat.send('/remind list'))[0]?.text ?? '';
    expect(listed).toContain(`1. ${'🧘'.repeat(119)}…\nevery day at 07:00`);
    expect(listed).toMatch(/2\. call mum\nonce, .*; done, it will not come again/);
    expect(listed).toContain('3. stand up\nMon–Fri at 09:00; paused');
    expect(longOne?.message).toBe(long);
    expect(once?.kind).toBe('once');
  });

  it('when the stored time zone is not a real zone, then reminders work in UTC rather than fail', async () => {
    await harness.db('user_profiles').where({ user_id: userId }).update({ timezone: 'Mars/Olympus' });
    try {
      expect((await chat.send('/remind 08:00 daily water'))[0]?.text).toContain(
        'Next time: Sun, Mar 29, 08:00.',
      );
      expect((await chat.send('/remind list'))[0]?.text).toContain('Your reminders (times in UTC):');
    } finally {
      await harness.db('user_profiles').where({ user_id: userId }).update({ timezone: 'Europe/Stockholm' });
    }
  });

  it('when the reminder limit is reached, then the refusal says so', async () => {
    for (let i = 0; i < 100; i += 1) {
      await harness.services.reminders.create(userId, { kind: 'daily', message: `r${i}`, time: '09:00' });
    }
    expect((await chat.send('/remind 10:00 one more'))[0]?.text).toBe(
      "I can't set that reminder: a user can have at most 100 reminders.",
    );
  });

  it('when Snooze would outlast the next regular time, then the reminder comes at that time instead', async () => {
    await chat.send('/remind 08:00 daily take vitamins');
    const reminder = (await reminders())[0];
    if (!reminder) throw new Error('no reminder');
    const occurrence = new Date('2026-03-29T06:00:00Z');
    clock.set(occurrence);
    await dispatcher.runOnce();
    clock.set('2026-03-30T05:45:00Z'); // 07:45 the next morning
    const snoozed = await chat.press(answerData('snooze', reminder.id, occurrence));
    expect(snoozed.find((reply) => reply.method === 'editMessageText')?.text).toBe(
      '😴 Your next regular reminder at 08:00 comes sooner, so I will remind you then: take vitamins',
    );
  });

  it('when reminder buttons are forged or stale, then nothing is recorded and the button is called expired', async () => {
    await chat.send('/remind 08:00 daily take vitamins');
    const mine = (await reminders())[0];
    if (!mine) throw new Error('no reminder');
    const otherId = (
      await harness.db('users').insert({ display_name: 'Other', role: 'user' }).returning('id')
    )[0].id as string;
    await harness.db('user_profiles').insert({ user_id: otherId, timezone: 'UTC', day_start_hour: 0 });
    const theirs = await harness.services.reminders.create(otherId, {
      kind: 'daily',
      message: 'theirs',
      time: '09:00',
    });

    const forged = [
      'rem:garbage',
      'rem:d:zz:1',
      answerData('done', theirs.id, new Date('2026-03-29T09:00:00Z')),
      answerData('done', mine.id, new Date('2026-03-29T06:00:00Z')), // never sent
      answerData('snooze', '00000000-0000-4000-8000-000000000000', new Date(0)),
      'rem:x:00000000000040008000000000000000:0',
      `rem:x:${theirs.id.replaceAll('-', '')}:0`,
      `rem:d:${mine.id.replaceAll('-', '')}:${'z'.repeat(11)}`,
    ];
    for (const data of forged) {
      expect([data, callbackText(await chat.pressRaw(data))]).toEqual([data, 'This button has expired.']);
    }
    expect(await harness.services.reminders.list(otherId)).toHaveLength(1);
    expect(await reminders()).toHaveLength(1);
    const events = await harness.db('reminder_events').whereIn('reminder_id', [mine.id, theirs.id]);
    expect(events).toEqual([]);
  });

  it('when a Swedish user sets and receives a reminder, then it speaks Swedish', async () => {
    await harness.services.profiles.updateProfile(userId, { language: 'sv' });
    try {
      const [set] = await chat.send('/remind 08:00 mån-fre ta vitaminer');
      expect(set?.text).toBe(
        'Påminnelse inställd: "ta vitaminer", mån–fre kl. 08:00.\nNästa gång: mån 30 mars 08:00.',
      );
      expect((await chat.send('/remind 25:00 x'))[0]?.text).toContain('"25:00" är ingen tid');
      clock.set('2026-03-30T06:00:00Z');
      await dispatcher.runOnce();
      const last = harness.fake.lastMessageTo(7101);
      expect(last?.text).toBe('⏰ Påminnelse: ta vitaminer');
      expect(last?.reply_markup?.inline_keyboard.flat().map((button) => button.text)).toEqual([
        '✅ Klart',
        '⏭ Hoppa över',
        '😴 Snooza 30 min',
      ]);
    } finally {
      await harness.services.profiles.updateProfile(userId, { language: 'en' });
    }
  });
});
