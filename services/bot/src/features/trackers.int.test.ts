import { BotHarness, type BotReply, type TestChat } from '../testing/bot-harness.js';

const texts = (replies: BotReply[]) => replies.map((reply) => reply.text);
const answerOf = (replies: BotReply[]) =>
  replies.find((reply) => reply.method === 'answerCallbackQuery')?.params.text;

describe('/track', () => {
  let harness: BotHarness;
  let flowIds = 0;

  beforeAll(async () => {
    harness = await BotHarness.start({ newFlowId: () => `trk${++flowIds}` });
  });
  afterAll(() => harness.close());

  async function person(telegramId: number): Promise<{ chat: TestChat; userId: string }> {
    await harness.services.access.allowTelegramId(telegramId, 'tracker tester', null);
    const chat = harness.chat({ id: telegramId, first_name: `Tracker ${telegramId}` });
    await chat.send('/help');
    return { chat, userId: (await harness.db('users').where({ telegram_id: telegramId }).first()).id };
  }

  const trackersOf = (userId: string) => harness.services.trackers.listTrackers(userId);
  const entriesOf = async (userId: string, name: string) => {
    const tracker = (await trackersOf(userId)).find((candidate) => candidate.name === name);
    return tracker ? harness.services.trackers.listEntries(userId, tracker.id) : [];
  };

  describe('creating, logging and viewing', () => {
    let chat: TestChat;
    let userId: string;
    beforeAll(async () => ({ chat, userId } = await person(9101)));

    it('when there are no trackers, then /track says so and explains the syntax', async () => {
      const [reply] = await chat.send('/track');
      expect(reply?.text).toContain("You don't have any trackers yet.");
      expect(reply?.text).toContain('Create: /track new Headache: severity rating 1-10, notes text');
    });

    it('when a tracker is created in one line, then its typed fields are stored and an example is given', async () => {
      const [reply] = await chat.send('/track new Headache: severity rating 1-10, notes text, aura yes/no');
      expect(reply?.text).toBe(
        [
          'Created the tracker Headache with: severity (rating 1-10), notes (text), aura (yes/no).',
          'Log it like: /track Headache severity=6 notes=ok aura=yes',
          '+25 XP',
          '🏆 New achievement unlocked! /achievements shows it.',
        ].join('\n'),
      );
      const [tracker] = await trackersOf(userId);
      expect(tracker?.fields).toEqual([
        { key: 'severity', label: 'severity', type: 'rating', min: 1, max: 10, required: false },
        { key: 'notes', label: 'notes', type: 'text', maxLength: 280, required: false },
        { key: 'aura', label: 'aura', type: 'boolean', required: false },
      ]);
    });

    it('when an entry is logged with key=value pairs, then values are typed and echoed', async () => {
      const [reply] = await chat.send('/track headache severity=6 notes=after lunch 🍝 aura=no');
      expect(reply?.text).toMatch(
        /^📝 Logged Headache: severity 6, notes after lunch 🍝, aura No\.\n\+10 XP/,
      );
      const [entry] = await entriesOf(userId, 'Headache');
      expect(entry?.values).toEqual({ severity: 6, notes: 'after lunch 🍝', aura: false });
    });

    it('when a value breaks its field rule or names no field, then the refusal names the field and nothing is stored', async () => {
      const before = (await entriesOf(userId, 'Headache')).length;
      expect(texts(await chat.send('/track Headache severity=11'))[0]).toMatch(
        /^I couldn't do that: severity: .*10/,
      );
      expect(texts(await chat.send('/track Headache severity=-3'))[0]).toMatch(
        /^I couldn't do that: severity: /,
      );
      expect(texts(await chat.send('/track Headache severity=bad'))[0]).toMatch(
        /^I couldn't do that: severity: /,
      );
      expect(texts(await chat.send('/track Headache aura=maybe'))[0]).toMatch(/^I couldn't do that: aura: /);
      expect(texts(await chat.send('/track Headache mood=5'))[0]).toBe(
        "I couldn't do that: mood: is not a known field; an entry needs at least one value.",
      );
      expect(texts(await chat.send(`/track Headache notes=${'n'.repeat(5000)}`))[0]).toMatch(
        /^I couldn't do that: notes: /,
      );
      expect((await entriesOf(userId, 'Headache')).length).toBe(before);
    });

    it('when the tracker is opened by name, then rating buttons log the chosen value once', async () => {
      const [card] = await chat.send('/track Headache');
      expect(card?.text).toContain('Headache: how much severity, from 1 to 10?');
      expect(card?.buttons.map((b) => b.text)).toEqual([
        ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
        'Recent entries',
      ]);
      const four = card?.buttons.find((b) => b.text === '4')?.data as string;
      expect(four).toMatch(/^track:r:trk\d+:4$/);
      const logged = await chat.press(four);
      expect(logged[1]).toMatchObject({ method: 'editMessageText' });
      expect(logged[1]?.text).toMatch(/^📝 Logged Headache: severity 4\.\n\+10 XP/);
      expect((await entriesOf(userId, 'Headache'))[0]?.values).toEqual({ severity: 4 });

      const before = (await entriesOf(userId, 'Headache')).length;
      const message = harness.fake.messageOf(9101, card?.params.message_id as number);
      expect(answerOf(await chat.press(four, message))).toBe('This button has expired.');
      expect((await entriesOf(userId, 'Headache')).length).toBe(before);
    });

    it('when rating buttons are forged or from an older card, then they have expired and log nothing', async () => {
      const before = (await entriesOf(userId, 'Headache')).length;
      const [first] = await chat.send('/track Headache');
      const [second] = await chat.send('/track Headache');
      const oldButton = first?.buttons.find((b) => b.text === '5')?.data as string;
      const flowId = /^track:r:(\w+):/.exec(second?.buttons[0]?.data ?? '')?.[1] as string;
      expect(
        answerOf(
          await chat.press(oldButton, harness.fake.messageOf(9101, first?.params.message_id as number)),
        ),
      ).toBe('This button has expired.');
      for (const forged of [
        `track:r:${flowId}:11`,
        `track:r:${flowId}:0`,
        'track:r:nope:5',
        'track:r:💥:5',
      ]) {
        expect(answerOf(await chat.pressRaw(forged))).toBe('This button has expired.');
      }
      expect((await entriesOf(userId, 'Headache')).length).toBe(before);
    });

    it('when recent entries are asked for by command or button, then the latest are listed newest first', async () => {
      const [recent] = await chat.send('/track recent headache');
      const lines = recent?.text?.split('\n') ?? [];
      expect(lines[0]).toBe('Latest Headache entries:');
      expect(lines[1]).toMatch(/^\d\d\/\d\d, \d\d:\d\d: severity 4$/);
      expect(lines[2]).toMatch(/: severity 6, notes after lunch 🍝, aura No$/);

      const [list] = await chat.send('/track');
      expect(list?.text).toContain('• Headache: severity (rating 1-10), notes (text), aura (yes/no)');
      const open = await chat.press(list?.buttons[0]?.data as string);
      const viewButton = open[1]?.buttons.find((b) => b.text === 'Recent entries')?.data as string;
      expect(viewButton).toMatch(/^track:view:[0-9a-f-]{36}$/);
      const viewed = await chat.press(viewButton);
      expect(viewed[1]?.text?.split('\n')[0]).toBe('Latest Headache entries:');
    });

    it("when another user presses buttons with this user's tracker id, then they have expired", async () => {
      const [tracker] = await trackersOf(userId);
      const other = await person(9102);
      await other.chat.send('/track');
      expect(answerOf(await other.chat.pressRaw(`track:open:${tracker?.id}`))).toBe(
        'This button has expired.',
      );
      expect(answerOf(await other.chat.pressRaw(`track:view:${tracker?.id}`))).toBe(
        'This button has expired.',
      );
      expect(answerOf(await other.chat.pressRaw('track:view:00000000-0000-0000-0000-000000000000'))).toBe(
        'This button has expired.',
      );
      expect(texts(await other.chat.send('/track Headache severity=5'))[0]).toBe(
        'You have no tracker called "Headache". /track lists yours.',
      );
    });
  });

  describe('the guided creation and bad definitions', () => {
    let chat: TestChat;
    let userId: string;
    beforeAll(async () => ({ chat, userId } = await person(9201)));

    it('when only a name is given, then the fields are asked for and the next message defines them', async () => {
      const [asked] = await chat.send('/track new Sleep quality 😴');
      expect(asked?.text).toMatch(/^Which fields should Sleep quality 😴 have\?/);
      const [unreadable] = await chat.send('how rested');
      expect(unreadable?.text).toBe(
        'I can\'t tell the type of "how rested". Write the name, then one of: rating [min-max], number [unit] [min-max], yes/no, text, minutes, choice a/b/c, multi a/b/c.',
      );
      const [created] = await chat.send(
        'rested rating 0-5 required, Naps number naps 0-5, time awake minutes, feel choice good/ok/bad, woke by multi alarm/kids/noise',
      );
      expect(created?.text).toContain(
        'Created the tracker Sleep quality 😴 with: rested (rating 0-5, required), Naps (number naps 0-5), time awake (minutes), feel (choice good/ok/bad), woke by (multi alarm/kids/noise).',
      );
      const [tracker] = await trackersOf(userId);
      expect(tracker?.fields.map((field) => field.key)).toEqual([
        'rested',
        'naps',
        'time_awake',
        'feel',
        'woke_by',
      ]);
      // The flow is over: free text is no longer taken as fields.
      expect(texts(await chat.send('rested rating 1-3')).join('\n')).not.toContain('Created');
    });

    it('when every field type is logged, then numbers, minutes, choices and options are typed', async () => {
      const [reply] = await chat.send(
        '/track sleep quality 😴 rested=3 naps=1,5 time_awake=1h30 feel=OK woke_by=kids/noise note=rough night',
      );
      expect(reply?.text).toMatch(
        /^📝 Logged Sleep quality 😴: rested 3, Naps 1.5, time awake 90, feel ok, woke by kids\/noise, "rough night"\./,
      );
      const entries = await entriesOf(userId, 'Sleep quality 😴');
      expect(entries[0]).toMatchObject({
        values: { rested: 3, naps: 1.5, time_awake: 90, feel: 'ok', woke_by: ['kids', 'noise'] },
        note: 'rough night',
      });
    });

    it('when a required field is missing, then the refusal names it', async () => {
      expect(texts(await chat.send('/track Sleep quality 😴 naps=2'))[0]).toMatch(
        /^I couldn't do that: rested: /,
      );
      expect(texts(await chat.send('/track Sleep quality 😴 feel=great'))[0]).toMatch(
        /^I couldn't do that: /,
      );
    });

    it('when a tracker has a required field besides its rating, then opening it explains how to log instead of buttons', async () => {
      await chat.send('/track new Run: effort rating 1-5, km number required');
      const [card] = await chat.send('/track run');
      expect(card?.text).toBe(
        'Run has: effort (rating 1-5), km (number, required).\nLog it like: /track Run effort=3 km=1',
      );
      expect(card?.buttons.map((b) => b.text)).toEqual(['Recent entries']);
      expect(texts(await chat.press(card?.buttons[0]?.data as string))[1]).toBe('No Run entries yet.');
    });

    it('when a definition is unreadable, duplicated or the name is too long, then the reason is given and nothing is created', async () => {
      const before = (await trackersOf(userId)).length;
      expect(texts(await chat.send('/track new Mood: level rating ten'))[0]).toContain(
        'I can\'t read the details of "level rating ten"',
      );
      expect(texts(await chat.send('/track new Mood: level rating 5-1'))[0]).toMatch(
        /^I couldn't do that: level\.max: /,
      );
      expect(texts(await chat.send('/track new Mood: pick choice a'))[0]).toMatch(
        /^I couldn't do that: pick\.options: /,
      );
      expect(texts(await chat.send('/track new Run: effort rating'))[0]).toMatch(
        /^I couldn't do that: You already have a tracker named "Run"/,
      );
      expect(texts(await chat.send(`/track new ${'N'.repeat(5000)}`))[0]).toMatch(
        /^I couldn't do that: name: /,
      );
      const many = Array.from({ length: 31 }, (_, index) => `f${index} text`).join(', ');
      expect(texts(await chat.send(`/track new Many: ${many}`))[0]).toBe(
        'A tracker can have at most 30 fields.',
      );
      expect(texts(await chat.send('/track new'))[0]).toContain('Trackers measure anything you like.');
      expect((await trackersOf(userId)).length).toBe(before);
    });

    it('when an unknown tracker is named, then the user is told and pointed to /track', async () => {
      expect(texts(await chat.send('/track Blood pressure sys=120'))[0]).toBe(
        'You have no tracker called "Blood pressure". /track lists yours.',
      );
      expect(texts(await chat.send('/track recent 🦄'))[0]).toBe(
        'You have no tracker called "🦄". /track lists yours.',
      );
    });
  });
});
