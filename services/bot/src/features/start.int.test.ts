import { BotHarness, type BotReply, type TestChat } from '../testing/bot-harness.js';

function texts(replies: BotReply[]): Array<string | undefined> {
  return replies.map((reply) => reply.text);
}

function button(replies: BotReply[], label: string): string {
  const found = replies.flatMap((reply) => reply.buttons).find((b) => b.text === label);
  if (!found?.data)
    throw new Error(`no button "${label}" in ${JSON.stringify(replies.map((r) => r.buttons))}`);
  return found.data;
}

describe('/start and onboarding', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await BotHarness.start({ env: { ADMIN_TELEGRAM_IDS: '900001' } });
  });
  afterAll(() => harness.close());

  async function admitted(
    id: number,
    firstName: string,
    languageCode?: string,
  ): Promise<{ chat: TestChat; replies: BotReply[] }> {
    const { code } = await harness.services.access.createInvite(null);
    const chat = harness.chat({
      id,
      first_name: firstName,
      ...(languageCode ? { language_code: languageCode } : {}),
    });
    return { chat, replies: await chat.send(`/start ${code}`) };
  }

  async function profileOf(telegramId: number) {
    const user = await harness.db('users').where({ telegram_id: telegramId }).first();
    return harness.services.profiles.getProfile(user.id);
  }

  it('when a stranger sends /start without a code, then they are told it is invite-only and nothing is created', async () => {
    const chat = harness.chat({ id: 5001, first_name: 'Stranger' });
    expect(texts(await chat.send('/start'))).toEqual([expect.stringContaining('invite-only')]);
    expect(texts(await chat.send('hello, can I log my lunch?'))).toEqual([
      expect.stringContaining('invite-only'),
    ]);
    expect(texts(await chat.send('/help'))).toEqual([expect.stringContaining('invite-only')]);
    expect(await harness.db('users').where({ telegram_id: 5001 }).first()).toBeUndefined();
  });

  it('when the invite code is wrong, then they are told it does not work and are not admitted', async () => {
    const chat = harness.chat({ id: 5003, first_name: 'Guesser' });
    expect(texts(await chat.send('/start ABCD-EFGH-JKLM'))).toEqual([
      expect.stringContaining("doesn't work"),
    ]);
    expect(await harness.db('users').where({ telegram_id: 5003 }).first()).toBeUndefined();
  });

  it('when a used-up invite is presented again by someone else, then it is refused', async () => {
    const { code } = await harness.services.access.createInvite(null, { maxUses: 1 });
    await harness.chat({ id: 5004, first_name: 'First' }).send(`/start ${code}`);
    expect(texts(await harness.chat({ id: 5005, first_name: 'Second' }).send(`/start ${code}`))).toEqual([
      expect.stringContaining("doesn't work"),
    ]);
  });

  it('when a stranger uses a valid invite, then they are admitted and onboarding asks their name', async () => {
    const { chat, replies } = await admitted(5002, 'Ana');
    expect(texts(replies)).toEqual([
      'Welcome! Your invite code worked.',
      expect.stringContaining("I'm your health assistant"),
      'What should I call you?',
    ]);
    expect(replies[2]?.buttons).toEqual([
      { text: 'Call me Ana', data: expect.stringMatching(/^ob:[a-z0-9]+:name$/) },
    ]);
    const next = await chat.press(button(replies, 'Call me Ana'));
    expect(next[0]).toMatchObject({ method: 'answerCallbackQuery' });
    expect(next[1]?.text).toContain('Nice to meet you, Ana!');
    expect((await profileOf(5002)).name).toBe('Ana');
  });

  it('when a new user goes through every step, then the profile and safe goals are saved and unsafe ones refused', async () => {
    const { chat } = await admitted(5010, 'Maria');
    const afterName = await chat.send('  🙂 María José  ');
    expect(afterName[0]?.text).toContain('Nice to meet you, 🙂 María José!');
    expect(afterName[0]?.asksForLocation).toBe(true);

    expect(texts(await chat.send('Atlantis'))).toEqual([expect.stringContaining('I don\'t know "Atlantis"')]);
    const afterZone = await chat.send('göteborg');
    expect(afterZone[0]?.text).toMatch(/^Time zone set to Europe\/Stockholm \(it's \d\d:\d\d there now\)\.$/);
    expect(afterZone[0]?.removesKeyboard).toBe(true);
    expect(afterZone[1]?.text).toBe('Which units do you use?');

    const afterUnits = await chat.press(button(afterZone, 'Metric (kg, cm, ml)'));
    expect(texts(afterUnits).slice(1)).toEqual([
      'Units set to metric.',
      expect.stringContaining('daily calorie'),
    ]);

    const sex = await chat.press(button(afterUnits, 'Set goals'));
    const birth = await chat.press(button(sex, 'Female'));
    expect(birth[1]?.text).toContain('birth date');
    expect(texts(await chat.send('1990-02-30'))).toEqual([expect.stringContaining('real date')]);
    expect(texts(await chat.send('2030-01-01'))).toEqual([
      expect.stringContaining('age must be between 13 and 120'),
    ]);
    expect(texts(await chat.send('1990-04-30'))).toEqual(['How tall are you, in centimetres? (like 172)']);
    expect(texts(await chat.send('tall'))).toEqual([expect.stringContaining('could not read that height')]);
    expect(texts(await chat.send('168'))).toEqual([expect.stringContaining('in kilograms')]);
    expect(texts(await chat.send('900'))).toEqual([expect.stringContaining("doesn't look right")]);
    const activity = await chat.send('64,5');
    expect(activity[0]?.buttons.map((b) => b.text)).toContain('Light: 1-3 workouts a week');
    const rate = await chat.press(button(activity, 'Light: 1-3 workouts a week'));
    expect(rate[1]?.buttons.map((b) => b.text)).toEqual([
      'Lose 1 kg a week',
      'Lose 0.75 kg a week',
      'Lose 0.5 kg a week',
      'Lose 0.25 kg a week',
      'Keep my weight',
      'Gain 0.25 kg a week',
      'Gain 0.5 kg a week',
    ]);

    const refused = await chat.press(button(rate, 'Lose 1 kg a week'));
    expect(refused[1]?.text).toMatch(/^I can't set that goal\. (That plan needs about|Losing 1 kg a week)/);
    expect(refused[2]?.text).toBe('What is your goal per week?');
    expect((await profileOf(5010)).dailyKcalGoal).toBeNull();

    const accepted = await chat.press(button(refused, 'Lose 0.25 kg a week'));
    expect(accepted[1]?.text).toMatch(
      /^Your daily goals: \d{4} kcal, protein 103 g, carbohydrates \d+ g, fat \d+ g, water 2250 ml\.$/,
    );
    expect(accepted[2]?.text).toContain('All set, 🙂 María José!');

    const profile = await profileOf(5010);
    expect(profile).toMatchObject({
      name: '🙂 María José',
      timezone: 'Europe/Stockholm',
      units: 'metric',
      sex: 'female',
      birthDate: '1990-04-30',
      heightCm: 168,
      activityLevel: 'light',
      weeklyRateKg: -0.25,
    });
    expect(profile.dailyKcalGoal).toBeGreaterThanOrEqual(1200);
    expect(typeof profile.preferences.onboardedAt).toBe('string');

    // Buttons of the finished flow are stale now.
    const stale = await chat.press(button(afterZone, 'Metric (kg, cm, ml)'));
    expect(stale).toEqual([
      expect.objectContaining({
        method: 'answerCallbackQuery',
        params: expect.objectContaining({ text: 'This button has expired.' }),
      }),
    ]);

    const again = await chat.send('/start');
    expect(again[0]?.text).toContain('Welcome back, 🙂 María José!');
    const restarted = await chat.press(button(again, 'Go through the setup again'));
    expect(texts(restarted).slice(1)).toEqual([
      expect.stringContaining("I'm your health assistant"),
      'What should I call you?',
    ]);
  });

  it('when goals are skipped and a button is pressed from an older flow, then onboarding ends and the old button is expired', async () => {
    const { chat, replies } = await admitted(5011, 'Sam');
    const first = button(replies, 'Call me Sam');
    await chat.send('/start');
    // A second /start restarted onboarding with a new flow id: the first flow's button is stale.
    expect((await chat.press(first)).map((r) => r.params.text)).toEqual(['This button has expired.']);
    await chat.send('Sam');
    const units = await chat.send('UTC');
    const goals = await chat.press(button(units, 'Imperial (lb, ft, fl oz)'));
    const done = await chat.press(button(goals, 'Not now'));
    expect(done[1]?.text).toContain('All set, Sam!');
    expect(await profileOf(5011)).toMatchObject({ timezone: 'UTC', units: 'imperial', dailyKcalGoal: null });
  });

  it('when a location near a known city is shared, then its zone is proposed and saved only after yes', async () => {
    const { chat } = await admitted(5012, 'Lars');
    await chat.send('Lars');
    const ocean = await chat.shareLocation(-45, -140);
    expect(texts(ocean)).toEqual([expect.stringContaining("can't tell your time zone")]);
    const proposal = await chat.shareLocation(59.3, 18.1);
    expect(proposal[0]?.text).toMatch(/^You're near Stockholm, so your time zone would be Europe\/Stockholm/);
    expect((await profileOf(5012)).timezone).toBe('UTC');
    const declined = await chat.press(button(proposal, 'No'));
    expect(declined[1]?.text).toContain('Please type your city');
    const proposedAgain = await chat.shareLocation(59.3, 18.1);
    const accepted = await chat.press(button(proposedAgain, 'Yes'));
    expect(accepted[1]?.text).toContain('Time zone set to Europe/Stockholm');
    expect((await profileOf(5012)).timezone).toBe('Europe/Stockholm');
  });

  it('when an imperial user gives height and weight, then they are stored in metric', async () => {
    const { chat } = await admitted(5013, 'Joe');
    await chat.send('Joe');
    const units = await chat.send('America/New_York');
    const goals = await chat.press(button(units, 'Imperial (lb, ft, fl oz)'));
    const sex = await chat.press(button(goals, 'Set goals'));
    await chat.press(button(sex, 'Male'));
    expect(texts(await chat.send('1985-01-15'))).toEqual([expect.stringContaining('like 5\'9"')]);
    expect(texts(await chat.send('5\'11"'))).toEqual([expect.stringContaining('in pounds')]);
    const activity = await chat.send('180 lb');
    const rate = await chat.press(button(activity, 'Moderate: 3-5 workouts a week'));
    expect(rate[1]?.buttons[0]?.text).toBe('Lose 2 lb a week');
    const done = await chat.press(button(rate, 'Lose 1 lb a week'));
    expect(done[1]?.text).toMatch(/water \d+(\.\d)? fl oz\.$/);
    expect(await profileOf(5013)).toMatchObject({
      heightCm: 180.3,
      weeklyRateKg: -0.45,
      timezone: 'America/New_York',
    });
  });

  it('when a Swedish-speaking user is invited, then onboarding speaks Swedish', async () => {
    const { replies } = await admitted(5014, 'Karin', 'sv-SE');
    expect(texts(replies)).toEqual([
      'Välkommen! Din inbjudningskod fungerade.',
      expect.stringContaining('Jag är din hälsoassistent'),
      'Vad ska jag kalla dig?',
    ]);
    expect((await profileOf(5014)).language).toBe('sv');
  });

  it('when a Spanish-speaking user is invited, then onboarding speaks Spanish', async () => {
    const { chat, replies } = await admitted(5015, 'Lucía', 'es');
    expect(texts(replies)[2]).toBe('¿Cómo quieres que te llame?');
    expect((await chat.send('Lucía'))[0]?.text).toContain('¡Encantado, Lucía!');
  });

  it('when an allow-listed or admin Telegram id writes, then they get in without an invite', async () => {
    await harness.services.access.allowTelegramId(5020, 'family', null);
    const allowed = await harness.chat({ id: 5020, first_name: 'Allowed' }).send('/start');
    expect(texts(allowed)[1]).toBe('What should I call you?');
    const admin = await harness.chat({ id: 900001, first_name: 'Admin' }).send('/start');
    expect(texts(admin)[1]).toBe('What should I call you?');
    expect((await harness.db('users').where({ telegram_id: 900001 }).first()).role).toBe('admin');
  });

  it('when a blocked account presents an invite, then it stays out', async () => {
    const { code } = await harness.services.access.createInvite(null, { maxUses: 5 });
    const user = await harness.services.access.createUser({ displayName: 'Blocked', telegramId: 5030 });
    await harness.db('users').where({ id: user.id }).update({ status: 'blocked' });
    const chat = harness.chat({ id: 5030, first_name: 'Blocked' });
    expect(texts(await chat.send('/help'))).toEqual([expect.stringContaining('invite-only')]);
    expect(texts(await chat.send(`/start ${code}`))).toEqual([expect.stringContaining('account is blocked')]);
  });

  it('when a button answer is typed instead, then the question is asked again with its buttons', async () => {
    const { chat } = await admitted(5016, 'Typer');
    await chat.send('Typer');
    await chat.send('Lisbon');
    const asked = await chat.send('metric please');
    expect(asked[0]?.text).toBe('Which units do you use?');
    expect(asked[0]?.buttons).toHaveLength(2);
  });
});
