import { ManualClock } from '@health-agent/core';
import { BotHarness, type BotReply, type TestChat } from '../testing/bot-harness.js';

const texts = (replies: BotReply[]) => replies.map((reply) => reply.text);
const answerOf = (replies: BotReply[]) =>
  replies.find((reply) => reply.method === 'answerCallbackQuery')?.params.text;

describe('metric commands', () => {
  const clock = new ManualClock('2026-11-26T12:00:00Z');
  let harness: BotHarness;
  let flowIds = 0;

  beforeAll(async () => {
    harness = await BotHarness.start({ clock, newFlowId: () => `quiz${++flowIds}` });
  });
  afterAll(() => harness.close());

  /** An admitted user in their own chat, with the user id their entries are stored under. */
  async function person(telegramId: number, units: 'metric' | 'imperial' = 'metric') {
    await harness.services.access.allowTelegramId(telegramId, 'metrics tester', null);
    const chat = harness.chat({ id: telegramId, first_name: `Tester ${telegramId}` });
    await chat.send('/help');
    const userId = (await harness.db('users').where({ telegram_id: telegramId }).first()).id as string;
    if (units === 'imperial') await harness.services.profiles.updateProfile(userId, { units });
    return { chat, userId };
  }

  const entries = (
    userId: string,
    kind?: 'water' | 'weight' | 'sleep' | 'exercise' | 'mood' | 'steps' | 'medication',
  ) => harness.services.healthMetrics.list(userId, kind ? { kind } : {});

  describe('/water', () => {
    let chat: TestChat;
    let userId: string;
    beforeAll(async () => ({ chat, userId } = await person(8101)));

    it('when /water is sent alone, then one 250 ml glass is logged, the assumption stated and XP shown', async () => {
      // 2 XP for the water and 10 for the "First sip" achievement it unlocks.
      expect(texts(await chat.send('/water'))).toEqual([
        '💧 Logged 250 ml of water.\nI counted one glass as 250 ml.\n+12 XP\n🏆 New achievement unlocked! /achievements shows it.',
      ]);
      expect((await entries(userId, 'water')).map((entry) => entry.value)).toEqual([250]);
    });

    it('when amounts come in ml, glasses or ounces, then each is stored in ml', async () => {
      expect(texts(await chat.send('/water 500'))[0]).toMatch(/^💧 Logged 500 ml of water\.\n\+2 XP$/);
      expect(texts(await chat.send('/water 2 glasses'))[0]).toContain(
        '💧 Logged 500 ml of water.\nI counted one glass as 250 ml.',
      );
      expect(texts(await chat.send('/water 16 oz'))[0]).toContain('💧 Logged 473 ml of water.');
      expect(texts(await chat.send('/water 1,5 dl'))[0]).toContain('💧 Logged 150 ml of water.');
      const stored = await entries(userId, 'water');
      expect(stored.map((entry) => entry.value)).toEqual([150, 473, 500, 500, 250]);
      expect(stored[1]?.details).toEqual({ input: { amount: 16, unit: 'fl_oz' } });
    });

    it('when the amount is negative, zero or absurd, then the domain refusal names the field and nothing is stored', async () => {
      const before = (await entries(userId, 'water')).length;
      for (const text of ['/water -500', '/water 0 ml', '/water 999999', '/water 40 l']) {
        expect(texts(await chat.send(text))).toEqual([
          "I didn't log that: amount: water must be 1-10000 ml per entry.",
        ]);
      }
      expect((await entries(userId, 'water')).length).toBe(before);
    });

    it('when the amount is unreadable, emoji or 5,000 characters, then the usage is shown and nothing is stored', async () => {
      const before = (await entries(userId, 'water')).length;
      for (const text of ['/water lots', '/water 💧💧💧', `/water ${'9'.repeat(5000)}`, '/water 2 barrels']) {
        expect(texts(await chat.send(text))).toEqual([expect.stringContaining('Send /water with an amount')]);
      }
      expect((await entries(userId, 'water')).length).toBe(before);
    });

    it('when an imperial user sends a bare number, then it is fluid ounces and shown in ounces', async () => {
      const imperial = await person(8102, 'imperial');
      expect(texts(await imperial.chat.send('/water 16'))[0]).toContain('💧 Logged 16 fl oz of water.');
      expect((await entries(imperial.userId, 'water'))[0]?.value).toBe(473);
    });
  });

  describe('/weight', () => {
    it('when the first weight is logged, then it is confirmed and the trend is promised', async () => {
      const { chat, userId } = await person(8201);
      expect(texts(await chat.send('/weight 72,4'))).toEqual([
        '⚖️ Logged 72.4 kg.\nWeigh in on a few more days and I will show your 7-day trend.\n+15 XP\n🏆 New achievement unlocked! /achievements shows it.',
      ]);
      expect((await entries(userId, 'weight'))[0]?.value).toBe(72.4);
    });

    it('when earlier days have weights, then the 7-day average and the move this week follow the weigh-in', async () => {
      const { chat, userId } = await person(8202);
      for (const [daysAgo, kg] of [
        [6, 80],
        [4, 79.5],
        [2, 79],
      ] as const) {
        await harness.services.healthMetrics.log(userId, {
          kind: 'weight',
          amount: kg,
          recordedAt: new Date(clock.now().getTime() - daysAgo * 86_400_000),
        });
      }
      const [reply] = texts(await chat.send('/weight 78.5 kg'));
      // (80 + 79.5 + 79 + 78.5) / 4 = 79.25; the average moved from 80 to 79.25 this week.
      expect(reply).toBe(
        '⚖️ Logged 78.5 kg.\n7-day average: 79.3 kg (over your last 4 days with a weigh-in).\nThis week: -0.8 kg.\n+5 XP',
      );
    });

    it('when an imperial user sends pounds, then they are stored as kg and shown as pounds', async () => {
      const { chat, userId } = await person(8203, 'imperial');
      expect(texts(await chat.send('/weight 160'))[0]).toContain('⚖️ Logged 160 lb.');
      expect((await entries(userId, 'weight'))[0]?.value).toBeCloseTo(72.575, 3);
      expect(texts(await chat.send('/weight 72 kg'))[0]).toContain('⚖️ Logged 158.7 lb.');
    });

    it('when the weight is absurd, missing or not a number, then it is refused or explained and not stored', async () => {
      const { chat, userId } = await person(8204);
      expect(texts(await chat.send('/weight 5000'))).toEqual([
        "I didn't log that: amount: weight must be 20-400 kg.",
      ]);
      expect(texts(await chat.send('/weight -70'))).toEqual([
        "I didn't log that: amount: weight must be 20-400 kg.",
      ]);
      expect(texts(await chat.send('/weight'))).toEqual([
        expect.stringContaining('Send your weight after /weight'),
      ]);
      expect(texts(await chat.send('/weight heavy 🐘'))).toEqual([
        expect.stringContaining('Send your weight'),
      ]);
      expect(await entries(userId, 'weight')).toEqual([]);
    });
  });

  describe('/sleep quick form', () => {
    let chat: TestChat;
    let userId: string;
    beforeAll(async () => ({ chat, userId } = await person(8301)));

    it('when a duration and quality are given, then both are stored and confirmed', async () => {
      expect(texts(await chat.send('/sleep 7.5h quality 8'))[0]).toMatch(
        /^😴 Logged 7 h 30 min of sleep\.\nQuality 8\/10\.\n\+30 XP\n🏆 New achievement/,
      );
      const [entry] = await entries(userId, 'sleep');
      expect(entry).toMatchObject({ value: 450, details: { quality: 8, durationSource: 'given' } });
    });

    it('when bedtime and wake time are given, then the duration is computed across midnight', async () => {
      expect(texts(await chat.send('/sleep 23:30-07:00 q7'))[0]).toMatch(
        /^😴 Logged 7 h 30 min of sleep\.\nFrom 23:30 to 07:00\.\nQuality 7\/10\./,
      );
      const [entry] = await entries(userId, 'sleep');
      expect(entry).toMatchObject({
        value: 450,
        details: { bedtime: '23:30', wakeTime: '07:00', quality: 7 },
      });
    });

    it('when quality or duration are out of range, then the refusal names the field', async () => {
      const before = (await entries(userId, 'sleep')).length;
      expect(texts(await chat.send('/sleep 7h quality 11'))[0]).toMatch(/^I didn't log that: quality: /);
      expect(texts(await chat.send('/sleep 30h'))[0]).toMatch(/^I didn't log that: durationMinutes: /);
      expect(texts(await chat.send('/sleep -7h'))[0]).toMatch(/^I didn't log that: durationMinutes: /);
      expect(texts(await chat.send('/sleep 23:30-23:30'))[0]).toBe(
        "I didn't log that: wakeTime: wake time must differ from bedtime.",
      );
      expect(texts(await chat.send('/sleep well 😴'))[0]).toContain(
        'Send /sleep alone to answer with buttons',
      );
      expect((await entries(userId, 'sleep')).length).toBe(before);
    });
  });

  describe('/sleep quiz', () => {
    let chat: TestChat;
    let userId: string;
    beforeAll(async () => ({ chat, userId } = await person(8401)));

    it('when /sleep is sent alone, then a duration button, then a quality button log the night once', async () => {
      const [question] = await chat.send('/sleep');
      expect(question?.text).toBe('How long did you sleep? Tap a button, or type it like 7h20.');
      const id = /^sleep:(\w+):d:/.exec(question?.buttons[0]?.data ?? '')?.[1] as string;
      expect(question?.buttons.map((b) => b.text)).toEqual([
        '5 h',
        '6 h',
        '6 h 30 min',
        '7 h',
        '7 h 30 min',
        '8 h',
        '8 h 30 min',
        '9 h',
        '10 h',
      ]);

      const quality = await chat.press(`sleep:${id}:d:450`);
      expect(quality[0]?.method).toBe('answerCallbackQuery');
      expect(quality[1]).toMatchObject({
        method: 'editMessageText',
        text: 'Slept 7 h 30 min. How well, from 1 (awful) to 10 (great)?',
      });
      expect(quality[1]?.buttons.map((b) => b.text)).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '10',
        'Skip',
      ]);
      expect(await entries(userId, 'sleep')).toEqual([]);

      const done = await chat.press(`sleep:${id}:q:8`);
      expect(done[1]?.method).toBe('editMessageText');
      expect(done[1]?.text).toMatch(/^😴 Logged 7 h 30 min of sleep\.\nQuality 8\/10\.\n\+\d+ XP/);
      expect(done[1]?.buttons).toEqual([]);
      expect((await entries(userId, 'sleep')).map((entry) => [entry.value, entry.details])).toEqual([
        [450, expect.objectContaining({ quality: 8 })],
      ]);

      // The same button again (a replay), or the duration step again: expired, nothing more stored.
      const message = harness.fake.messageOf(8401, quality[1]?.params.message_id as number);
      expect(answerOf(await chat.press(`sleep:${id}:q:8`, message))).toBe('This button has expired.');
      expect(answerOf(await chat.press(`sleep:${id}:d:450`, message))).toBe('This button has expired.');
      expect((await entries(userId, 'sleep')).length).toBe(1);
    });

    it('when quality is skipped, then the night is logged without a quality', async () => {
      const [question] = await chat.send('/sleep');
      const id = /^sleep:(\w+):d:/.exec(question?.buttons[0]?.data ?? '')?.[1] as string;
      await chat.press(`sleep:${id}:d:360`);
      const done = await chat.press(`sleep:${id}:q:skip`);
      expect(done[1]?.text).toMatch(/^😴 Logged 6 h of sleep\.\n\+20 XP/);
      expect((await entries(userId, 'sleep'))[0]?.details).toMatchObject({ quality: null });
    });

    it('when the answers are typed instead, then a duration then a quality number log the night', async () => {
      await chat.send('/sleep');
      const asked = await chat.send('6h45');
      expect(asked[0]?.text).toBe('Slept 6 h 45 min. How well, from 1 (awful) to 10 (great)?');
      expect(asked[0]?.buttons).toHaveLength(11);
      expect(texts(await chat.send('7'))[0]).toMatch(/^😴 Logged 6 h 45 min of sleep\.\nQuality 7\/10\./);
      expect((await entries(userId, 'sleep'))[0]).toMatchObject({ value: 405, details: { quality: 7 } });
    });

    it('when the whole answer is typed in the quiz, or an impossible one, then it is logged or refused at once', async () => {
      await chat.send('/sleep');
      expect(texts(await chat.send('23:00-06:30 q6'))[0]).toMatch(
        /^😴 Logged 7 h 30 min of sleep\.\nFrom 23:00/,
      );
      await chat.send('/sleep');
      expect(texts(await chat.send('30h'))[0]).toMatch(/^I didn't log that: durationMinutes: /);
    });

    it('when a button of an earlier or cancelled quiz, or forged data, is pressed, then it has expired and nothing is stored', async () => {
      const before = (await entries(userId, 'sleep')).length;
      const [first] = await chat.send('/sleep');
      const firstId = /^sleep:(\w+):d:/.exec(first?.buttons[0]?.data ?? '')?.[1] as string;
      const [second] = await chat.send('/sleep');
      const secondId = /^sleep:(\w+):d:/.exec(second?.buttons[0]?.data ?? '')?.[1] as string;
      expect(secondId).not.toBe(firstId);
      const firstMessage = harness.fake.messageOf(8401, first?.params.message_id as number);
      expect(answerOf(await chat.press(`sleep:${firstId}:d:420`, firstMessage))).toBe(
        'This button has expired.',
      );

      for (const forged of [
        `sleep:${secondId}:d:99999`,
        `sleep:${secondId}:d:451`,
        `sleep:${secondId}:q:5`,
        'sleep:nosuchquiz:d:420',
        `sleep:${secondId}:x:420`,
        'sleep:💥',
      ]) {
        expect(answerOf(await chat.pressRaw(forged))).toBe('This button has expired.');
      }
      await chat.press(`sleep:${secondId}:d:420`);
      expect(answerOf(await chat.pressRaw(`sleep:${secondId}:q:11`))).toBe('This button has expired.');
      expect(answerOf(await chat.pressRaw(`sleep:${secondId}:q:0`))).toBe('This button has expired.');

      await chat.send('/cancel');
      expect(answerOf(await chat.pressRaw(`sleep:${secondId}:q:5`))).toBe('This button has expired.');
      expect((await entries(userId, 'sleep')).length).toBe(before);
    });

    it('when unrelated text arrives mid-quiz, then the quiz does not take it', async () => {
      await chat.send('/sleep');
      const replies = await chat.send('what is the weather 🌦️');
      expect(texts(replies).join('\n')).not.toContain('Logged');
      await chat.send('/cancel');
    });
  });

  describe('free-text metric phrases', () => {
    it('when a metric is said in words, then the free-text router logs it exactly as the command would', async () => {
      const { chat, userId } = await person(8601);
      expect(texts(await chat.send('drank 2 glasses of water'))[0]).toMatch(
        /^💧 Logged 500 ml of water\.\nI counted one glass as 250 ml\./,
      );
      expect(texts(await chat.send('Slept 7.5 hours, quality 8'))[0]).toMatch(
        /^😴 Logged 7 h 30 min of sleep\.\nQuality 8\/10\./,
      );
      expect(texts(await chat.send('weighed 300 kg'))[0]).toMatch(/^⚖️ Logged 300 kg\./);
      expect(texts(await chat.send('weighed 3000 kg'))[0]).toBe(
        "I didn't log that: amount: weight must be 20-400 kg.",
      );
      expect((await entries(userId)).map((entry) => entry.kind).sort()).toEqual(['sleep', 'water', 'weight']);
    });
  });

  describe('/exercise, /mood, /steps, /med', () => {
    let chat: TestChat;
    let userId: string;
    beforeAll(async () => ({ chat, userId } = await person(8501)));

    it('when an activity in the MET table is logged without kcal, then the estimate and its default weight are explained', async () => {
      expect(texts(await chat.send('/exercise running 30'))[0]).toMatch(
        /^🏃 Logged 30 min of running\.\nAbout 343 kcal burned \(running: MET 9\.8 × 70 kg × 0\.5 h\)\.\nI assumed a body weight of 70 kg because you have not logged yours/,
      );
      await chat.send('/weight 60');
      expect(texts(await chat.send('/exercise 1h brisk walk'))[0]).toMatch(
        /^🏃 Logged 60 min of brisk walk\.\nAbout 258 kcal burned \(brisk walking: MET 4\.3 × 60 kg × 1 h\)\.\n\+15 XP/,
      );
    });

    it('when kcal are given or the activity is unknown, then the given kcal are kept or none are invented', async () => {
      expect(texts(await chat.send('/exercise cycling 45 400'))[0]).toMatch(
        /^🏃 Logged 45 min of cycling\.\n400 kcal burned, as you said\./,
      );
      expect(texts(await chat.send('/exercise 🤸 underwater weaving 30'))[0]).toMatch(
        /^🏃 Logged 30 min of 🤸 underwater weaving\.\nI don't know "🤸 underwater weaving", so I estimated no kcal/,
      );
      const [latest] = await entries(userId, 'exercise');
      expect(latest?.details).toMatchObject({ kcal: null, kcalSource: 'none' });
    });

    it('when exercise is missing minutes, negative or absurd, then it is explained or refused with the field', async () => {
      const before = (await entries(userId, 'exercise')).length;
      expect(texts(await chat.send('/exercise running'))[0]).toContain('Send /exercise with the activity');
      expect(texts(await chat.send('/exercise'))[0]).toContain('Send /exercise with the activity');
      expect(texts(await chat.send('/exercise running -30'))[0]).toMatch(
        /^I didn't log that: durationMinutes: /,
      );
      expect(texts(await chat.send('/exercise running 30 99999'))[0]).toMatch(/^I didn't log that: kcal: /);
      expect(texts(await chat.send(`/exercise ${'x'.repeat(150)} 30`))[0]).toMatch(
        /^I didn't log that: activity: /,
      );
      expect((await entries(userId, 'exercise')).length).toBe(before);
    });

    it('when a mood is logged, then the score and note are kept; out of range or too long is refused', async () => {
      // This user has logged enough by now for the mood (and its first-mood achievement) to reach level 2.
      expect(texts(await chat.send('/mood 7 slept well 😊'))[0]).toBe(
        '🙂 Logged mood 7/10.\n+15 XP\n🎉 Level up! You are now level 2.\n🏆 New achievement unlocked! /achievements shows it.',
      );
      expect((await entries(userId, 'mood'))[0]).toMatchObject({ value: 7, note: 'slept well 😊' });
      expect(texts(await chat.send('/mood 11'))[0]).toMatch(/^I didn't log that: score: /);
      expect(texts(await chat.send('/mood 0'))[0]).toMatch(/^I didn't log that: score: /);
      expect(texts(await chat.send('/mood 6.5'))[0]).toMatch(/^I didn't log that: score: /);
      expect(texts(await chat.send(`/mood 5 ${'a'.repeat(5000)}`))[0]).toMatch(/^I didn't log that: note: /);
      expect(texts(await chat.send('/mood great'))[0]).toContain('Send /mood with a score');
      expect((await entries(userId, 'mood')).length).toBe(1);
    });

    it('when steps and a medicine are logged, then counts and doses are read; bad ones refused', async () => {
      expect(texts(await chat.send('/steps 8,000'))[0]).toMatch(/^👟 Logged 8,000 steps\.\n\+3 XP/);
      expect(texts(await chat.send('/steps 0'))[0]).toMatch(/^I didn't log that: count: /);
      expect(texts(await chat.send('/steps 9999999'))[0]).toMatch(/^I didn't log that: count: /);
      expect(texts(await chat.send('/steps lots'))[0]).toContain('Send /steps with the count');
      expect(texts(await chat.send('/med ibuprofen 400 mg'))[0]).toMatch(
        /^💊 Logged ibuprofen, 400 mg\.\n\+3 XP/,
      );
      expect(texts(await chat.send('/med Melatonin'))[0]).toMatch(/^💊 Logged Melatonin\./);
      expect(texts(await chat.send('/med'))[0]).toContain('Send /med with the name');
      expect((await entries(userId, 'steps')).map((entry) => entry.value)).toEqual([8000]);
      expect((await entries(userId, 'medication')).map((entry) => entry.details)).toEqual([
        { name: 'Melatonin', dose: null },
        { name: 'ibuprofen', dose: '400 mg' },
      ]);
    });
  });
});
