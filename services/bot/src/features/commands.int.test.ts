import { PRIVACY_NOTICE } from '@health-agent/core';
import { Api } from 'grammy';
import { commandTable, publishCommands } from '../commands/command-table.js';
import { BotHarness, type TestChat } from '../testing/bot-harness.js';

describe('commands', () => {
  let harness: BotHarness;
  let user: TestChat;
  let admin: TestChat;

  beforeAll(async () => {
    harness = await BotHarness.start({ env: { ADMIN_TELEGRAM_IDS: '7000' } });
    await harness.services.access.allowTelegramId(7001, 'member', null);
    user = harness.chat({ id: 7001, first_name: 'Member' });
    admin = harness.chat({ id: 7000, first_name: 'Admin' });
  });
  afterAll(() => harness.close());

  it('when any command of the command table is sent, then a handler answers it (none falls to "unknown")', async () => {
    for (const { command } of commandTable) {
      const replies = await admin.send(`/${command}`);
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.map((r) => r.text).join('\n')).not.toContain("I don't know");
    }
  });

  it('when /help is sent, then it lists every command for admins and hides admin commands from users', async () => {
    const [forUser] = await user.send('/help');
    for (const spec of commandTable) {
      if (spec.adminOnly) expect(forUser?.text).not.toContain(`/${spec.command} `);
      else expect(forUser?.text).toContain(`/${spec.command} - `);
    }
    const [forAdmin] = await admin.send('/help');
    for (const spec of commandTable) expect(forAdmin?.text).toContain(`/${spec.command} - `);
    expect(forAdmin?.text).toContain('Admin commands:');
  });

  it('when the command menu is published, then each language and each admin chat gets the table', async () => {
    const api = new Api(harness.fake.token, { apiRoot: harness.fake.apiRoot });
    await publishCommands(api, [7000]);
    const calls = harness.fake.callsOf('setMyCommands').map((call) => call.params);
    const everyone = commandTable.filter((spec) => !spec.adminOnly).map((spec) => spec.command);
    expect(calls.map((p) => p.language_code ?? (p.scope ? 'admin' : 'default'))).toEqual([
      'default',
      'sv',
      'es',
      'admin',
    ]);
    const commandsOf = (index: number) =>
      (calls[index]?.commands ?? []) as Array<{ command: string; description: string }>;
    expect(commandsOf(0).map((c) => c.command)).toEqual(everyone);
    expect(commandsOf(1)[0]?.description).toBe('Kom igång eller börja om');
    expect(commandsOf(3).map((c) => c.command)).toEqual(commandTable.map((spec) => spec.command));
    expect(calls[3]?.scope).toEqual({ type: 'chat', chat_id: 7000 });
  });

  it('when /cancel is sent mid-question, then the question is dropped and free text is no longer taken as an answer', async () => {
    await user.send('/start');
    const [cancelled] = await user.send('/cancel');
    expect(cancelled?.text).toContain('Okay, stopped.');
    expect(cancelled?.removesKeyboard).toBe(true);
    expect((await user.send('Bob'))[0]?.text).toContain("didn't understand");
    expect((await user.send('/cancel'))[0]?.text).toBe('There is nothing to cancel.');
  });

  it('when /privacy is sent, then the full privacy notice arrives, in as many messages as it needs', async () => {
    const replies = await user.send('/privacy');
    expect(replies.every((r) => r.method === 'sendMessage' && (r.text?.length ?? 0) <= 4096)).toBe(true);
    expect(replies.map((r) => r.text?.trimEnd()).join('\n\n')).toBe(PRIVACY_NOTICE.trimEnd());
  });

  it('when a Spanish speaker asks for the privacy notice, then they are told it is in English', async () => {
    await harness.services.access.allowTelegramId(7002, 'spanish', null);
    const spanish = harness.chat({ id: 7002, first_name: 'Lola', language_code: 'es' });
    await spanish.send('/start');
    const replies = await spanish.send('/privacy');
    expect(
      replies[0]?.text?.startsWith('El aviso de privacidad está en inglés:\n\nHealth Agent: privacy notice'),
    ).toBe(true);
  });

  it('when /invite is sent by an admin, then a working invite code and link come back', async () => {
    const [reply] = await admin.send('/invite 2');
    const code = /Invite code: ([A-Z0-9-]+)/.exec(reply?.text ?? '')?.[1] as string;
    expect(reply?.text).toContain(`https://t.me/health_agent_test_bot?start=${code}`);
    expect(reply?.text).toContain('Uses: 2');
    const newcomer = harness.chat({ id: 7010, first_name: 'Newcomer' });
    expect((await newcomer.send(`/start ${code}`))[0]?.text).toBe('Welcome! Your invite code worked.');
    for (const bad of ['/invite 0', '/invite 101', '/invite lots', '/invite 1.5']) {
      expect((await admin.send(bad))[0]?.text).toContain('Usage: /invite');
    }
  });

  it('when a user tries admin commands or admin buttons, then they are refused and nothing is created', async () => {
    const invites = (await harness.services.access.listInvites()).length;
    expect((await user.send('/invite'))[0]?.text).toBe('That command is for admins.');
    expect((await user.send('/users'))[0]?.text).toBe('That command is for admins.');
    expect((await user.pressRaw('adm:users:0'))[0]?.params.text).toBe('That command is for admins.');
    expect((await harness.services.access.listInvites()).length).toBe(invites);
  });

  it('when an admin lists users, then they page through them with buttons', async () => {
    for (let i = 0; i < 22; i++) await harness.services.access.createUser({ displayName: `Person ${i} 🍎` });
    const [first] = await admin.send('/users');
    expect(first?.text?.split('\n')[0]).toBe('Users 1-20:');
    expect(first?.text).toContain('Admin | admin | active | Telegram 7000');
    expect(first?.buttons.map((b) => b.text)).toEqual(['Next »']);
    const second = await admin.press('adm:users:20');
    expect(second[1]?.text?.split('\n')[0]).toMatch(/^Users 21-\d+:$/);
    expect(second[1]?.buttons.map((b) => b.text)).toEqual(['« Previous']);
    const beyond = await admin.press(
      'adm:users:999999',
      harness.fake.messageOf(7000, second[1]?.params.message_id as number),
    );
    expect(beyond[1]?.text).toBe('No users on this page.');
  });
});
