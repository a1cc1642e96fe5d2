import { BotHarness, type BotReply, type TestChat } from '../testing/bot-harness.js';

function button(replies: BotReply[], label: string): string {
  const found = replies.flatMap((reply) => reply.buttons).find((b) => b.text === label);
  if (!found?.data)
    throw new Error(`no button "${label}" in ${JSON.stringify(replies.map((r) => r.buttons))}`);
  return found.data;
}

function callbackAnswer(replies: BotReply[]): unknown {
  return replies.find((reply) => reply.method === 'answerCallbackQuery')?.params.text;
}

describe('/settings', () => {
  let harness: BotHarness;
  let chat: TestChat;
  let userId: string;

  beforeAll(async () => {
    harness = await BotHarness.start();
    await harness.services.access.allowTelegramId(6001, 'settings tester', null);
    chat = harness.chat({ id: 6001, first_name: 'Eva' });
    await chat.send('/help');
    userId = (await harness.db('users').where({ telegram_id: 6001 }).first()).id;
  });
  afterAll(() => harness.close());

  const profile = () => harness.services.profiles.getProfile(userId);

  it('when /settings is sent, then the current settings are shown with a button per setting', async () => {
    const [shown] = await chat.send('/settings');
    expect(shown?.text).toBe(
      'Your settings:\nLanguage: English\nUnits: metric\nTime zone: UTC\nQuiet hours: None\n\nWhat do you want to change?',
    );
    expect(shown?.buttons.map((b) => b.data)).toEqual(['set:lang', 'set:units', 'set:tz', 'set:quiet']);
  });

  it('when Swedish is picked, then the profile changes and the menu is redrawn in Swedish', async () => {
    const menu = await chat.send('/settings');
    const languages = await chat.press(button(menu, 'Language'));
    expect(languages[1]).toMatchObject({ method: 'editMessageText', text: 'Choose your language:' });
    const chosen = await chat.press(button(languages, 'Svenska'));
    expect(callbackAnswer(chosen)).toBe('Jag pratar svenska med dig.');
    expect(chosen[1]?.text).toContain('Dina inställningar:\nSpråk: Svenska');
    expect((await profile()).language).toBe('sv');
    // Pressing the same language again changes nothing and fails nothing.
    const again = await chat.press(
      'set:lang:sv',
      harness.fake.messageOf(6001, chosen[1]?.params.message_id as number),
    );
    expect(callbackAnswer(again)).toBe('Jag pratar svenska med dig.');
    expect((await chat.send('/cancel'))[0]?.text).toBe('Det finns inget att avbryta.');
    await chat.pressRaw('set:lang:en');
    expect((await profile()).language).toBe('en');
  });

  it('when units are changed, then they are saved', async () => {
    const menu = await chat.send('/settings');
    const units = await chat.press(button(menu, 'Units'));
    const chosen = await chat.press(button(units, 'Imperial (lb, ft, fl oz)'));
    expect(callbackAnswer(chosen)).toBe('Units set to imperial.');
    expect((await profile()).units).toBe('imperial');
    await chat.pressRaw('set:units:metric');
    expect((await profile()).units).toBe('metric');
  });

  it('when the time zone is typed or shared, then it is saved after a valid answer', async () => {
    const menu = await chat.send('/settings');
    const asked = await chat.press(button(menu, 'Time zone'));
    expect(asked[1]?.asksForLocation).toBe(true);
    expect((await chat.send('Springfield'))[0]?.text).toContain('I don\'t know "Springfield"');
    const saved = await chat.send('europe/madrid');
    expect(saved[0]?.text).toContain('Time zone set to Europe/Madrid');
    expect((await profile()).timezone).toBe('Europe/Madrid');
    // The question is over: free text is not taken as a zone any more.
    expect((await chat.send('Tokyo'))[0]?.text).toContain("didn't understand");

    await chat.press(button(menu, 'Time zone'));
    const proposal = await chat.shareLocation(35.7, 139.7);
    expect(proposal[0]?.text).toContain('near Tokyo');
    const yes = await chat.press(button(proposal, 'Yes'));
    expect(yes[1]?.text).toContain('Asia/Tokyo');
    expect((await profile()).timezone).toBe('Asia/Tokyo');
    // The proposal was used: its buttons are stale.
    expect(callbackAnswer(await chat.press(button(proposal, 'Yes')))).toBe('This button has expired.');
  });

  it('when quiet hours are chosen, typed or turned off, then they are saved', async () => {
    const menu = await chat.send('/settings');
    const options = await chat.press(button(menu, 'Quiet hours'));
    expect(options[1]?.buttons.map((b) => b.text)).toEqual([
      '22:00-07:00',
      '23:00-07:00',
      '21:00-06:00',
      '22:00-08:00',
      'No quiet hours',
      '« Back',
    ]);
    const preset = await chat.press(button(options, '23:00-07:00'));
    expect(callbackAnswer(preset)).toBe('Quiet hours set to 23:00-07:00.');
    expect(await profile()).toMatchObject({ quietHoursStart: 23, quietHoursEnd: 7 });

    await chat.press(button(menu, 'Quiet hours'));
    expect((await chat.send('25-7'))[0]?.text).toContain('two different hours');
    expect((await chat.send('21:00-6:00'))[0]?.text).toBe('Quiet hours set to 21:00-06:00.');
    expect(await profile()).toMatchObject({ quietHoursStart: 21, quietHoursEnd: 6 });

    const off = await chat.pressRaw('set:quiet:off');
    expect(callbackAnswer(off)).toBe('Quiet hours turned off.');
    expect(await profile()).toMatchObject({ quietHoursStart: null, quietHoursEnd: null });
  });

  it('when a settings button carries forged values, then nothing changes and the button is called expired', async () => {
    const before = await profile();
    for (const data of [
      'set:lang:de',
      'set:units:furlongs',
      'set:quiet:30-99',
      'set:quiet:5-5',
      'set:tz:zzzz:yes',
      'set:',
    ]) {
      expect(callbackAnswer(await chat.pressRaw(data))).toBe('This button has expired.');
    }
    const after = await profile();
    expect(after).toMatchObject({
      language: before.language,
      units: before.units,
      timezone: before.timezone,
      quietHoursStart: before.quietHoursStart,
    });
  });

  it('when back is pressed, then the menu returns', async () => {
    const menu = await chat.send('/settings');
    const units = await chat.press(button(menu, 'Units'));
    const back = await chat.press(button(units, '« Back'));
    expect(back[1]?.text).toContain('Your settings:');
    // The same message already shows the menu: pressing back again is a quiet no-op.
    const twice = await chat.press(
      button(units, '« Back'),
      harness.fake.messageOf(6001, back[1]?.params.message_id as number),
    );
    expect(twice).toEqual([
      expect.objectContaining({ method: 'answerCallbackQuery' }),
      expect.objectContaining({ method: 'editMessageText' }),
    ]);
    expect(harness.logs.filter((line) => line.msg === 'update failed')).toEqual([]);
  });
});
