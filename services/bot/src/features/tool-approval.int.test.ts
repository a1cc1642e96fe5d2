import type { AuditEvent, NewToolInput, ToolActor, ToolWithVersion } from '@health-agent/core';
import type { Message } from 'grammy/types';
import { BotHarness, type BotReply, type TestChat } from '../testing/bot-harness.js';
import type { NewUpdate } from '../testing/fake-telegram-server.js';
import { type TelegramPerson, textUpdate } from '../testing/telegram-updates.js';

const ADMIN_ID = 8100;
const MEMBER_ID = 8101;
const REFUSED = 'That command is for admins.';

const inputSchema = {
  type: 'object',
  properties: { days: { type: 'integer' } },
  additionalProperties: false,
};

function toolInput(name: string, code?: string): NewToolInput {
  return {
    name,
    description: `Sums the calories of recent days (${name}) 🍎`,
    code: code ?? `function run(input, data) {\n  return { tool: ${JSON.stringify(name)} };\n}`,
    inputSchema,
    declaredReads: ['food_entries:7d', 'profile:basic'],
  };
}

/** The card (a message with inline buttons) of one tool among the bot's replies. */
function cardOf(replies: BotReply[], tool: ToolWithVersion): BotReply {
  const card = replies.find((reply) => reply.text?.startsWith(`🧩 ${tool.name} · `));
  if (!card) throw new Error(`no card for ${tool.name} in ${JSON.stringify(replies.map((r) => r.text))}`);
  return card;
}

function buttonData(card: BotReply, label: string): string {
  const data = card.buttons.find((button) => button.text === label)?.data;
  if (!data) throw new Error(`no "${label}" button on ${card.text}`);
  return data;
}

/** What the monospace block of a card holds. */
function codeBlockOf(card: BotReply): string {
  const entities = (card.params.entities ?? []) as Array<{ type: string; offset: number; length: number }>;
  const pre = entities.find((entity) => entity.type === 'pre');
  if (!pre || !card.text) throw new Error('the card has no code block');
  return card.text.slice(pre.offset, pre.offset + pre.length);
}

function answerOf(replies: BotReply[]): string | undefined {
  return replies.find((reply) => reply.method === 'answerCallbackQuery')?.params.text as string | undefined;
}

function editOf(replies: BotReply[]): string | undefined {
  return replies.find((reply) => reply.method === 'editMessageText')?.text;
}

/** The bot's spelling of a tool name in button data, as a forger would work it out. */
function packedName(name: string): string {
  const symbols = 'abcdefghijklmnopqrstuvwxyz0123456789_';
  const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let value = 0n;
  for (const symbol of name) value = value * 38n + BigInt(symbols.indexOf(symbol) + 1);
  let packed = '';
  for (; value > 0n; value /= 64n) packed = digits.charAt(Number(value % 64n)) + packed;
  return packed;
}

/** The person's answer to one of the bot's messages, as Telegram sends a reply. */
function replyTo(person: TelegramPerson, message: Message, text: string): NewUpdate {
  const update = textUpdate(person, text) as { message: Message };
  return { message: { ...update.message, reply_to_message: message } } as NewUpdate;
}

describe('tool approval in chat', () => {
  let harness: BotHarness;
  let admin: TestChat;
  let member: TestChat;
  let creator: ToolActor;
  let adminUserId: string;
  let memberUserId: string;

  const create = (name: string, code?: string) =>
    harness.services.tools.create(creator, toolInput(name, code));
  const current = (name: string) => harness.services.tools.get({ userId: adminUserId, scope: 'admin' }, name);
  const auditOf = async (action: string, actorId: string): Promise<AuditEvent[]> =>
    (await harness.services.audit.list({ scope: 'admin' }, { action, actorId, limit: 200 })).events;

  beforeAll(async () => {
    harness = await BotHarness.start({
      env: {
        ADMIN_TELEGRAM_IDS: String(ADMIN_ID),
        TOOL_AUTO_APPROVE: 'false',
        TOOL_CREATE_QUOTA_PER_DAY: '100',
      },
    });
    await harness.services.access.allowTelegramId(MEMBER_ID, 'member', null);
    admin = harness.chat({ id: ADMIN_ID, first_name: 'Admin' });
    member = harness.chat({ id: MEMBER_ID, first_name: 'Member' });
    const maker = await harness.services.access.createUser({ displayName: 'Tool Maker 🛠️', telegramId: 8199 });
    creator = { userId: maker.id, scope: 'user' };
    // The first message admits both accounts.
    await admin.send('/help');
    await member.send('/help');
    adminUserId = (await harness.db('users').where({ telegram_id: ADMIN_ID }).first()).id;
    memberUserId = (await harness.db('users').where({ telegram_id: MEMBER_ID }).first()).id;
  });
  afterAll(() => harness.close());

  it('when no tool waits for review, then /pending_tools says so', async () => {
    const replies = await admin.send('/pending_tools');
    expect(replies.map((reply) => reply.text)).toEqual(['No tools are waiting for review.']);
  });

  it('when tools wait, then the admin sees each with its details, its code in a monospace block and Approve / Reject buttons', async () => {
    const short = await create('calorie_sum');
    const longCode = [
      'function run(input, data) {',
      `  const note = "${'x'.repeat(150)}";`,
      ...Array.from({ length: 42 }, (_, i) => `  const v${i} = ${i};`),
      '  return { note };',
      '}',
    ].join('\n');
    const long = await create('long_tool', longCode);
    const longestName = `n${'a'.repeat(62)}9`;
    const longest = await create(longestName);

    const replies = await admin.send('/pending_tools');
    expect(replies[0]?.text).toBe('Tools waiting for review: 3. Read the code before you approve.');
    expect(replies).toHaveLength(4);

    const card = cardOf(replies, short);
    const lines = card.text?.split('\n') ?? [];
    expect(lines.slice(0, 5)).toEqual([
      `🧩 calorie_sum · version 1 · sha256 ${short.version.sha256.slice(0, 16)}`,
      'Sums the calories of recent days (calorie_sum) 🍎',
      'Reads: food_entries:7d, profile:basic',
      'Created by: Tool Maker 🛠️ · Telegram 8199',
      'Code:',
    ]);
    expect(codeBlockOf(card)).toBe(short.version.code);
    expect(card.text).toContain(`Or send: /approve_tool calorie_sum ${short.version.sha256.slice(0, 16)}`);
    expect(card.params.parse_mode).toBeUndefined();
    expect(card.buttons.map((button) => button.text)).toEqual(['✅ Approve', '⛔ Reject']);

    const longCard = cardOf(replies, long);
    expect(longCard.text).toContain('Code, the first 30 of 46 lines:');
    expect(longCard.text).toContain('Lines longer than 100 characters are cut short (…).');
    const preview = codeBlockOf(longCard).split('\n');
    expect(preview).toHaveLength(30);
    expect(preview[0]).toBe('function run(input, data) {');
    expect([...(preview[1] as string)]).toHaveLength(100);
    expect(preview[1]?.endsWith('…')).toBe(true);
    expect(longCard.text?.length).toBeLessThan(4096);

    // The longest name Telegram's 64-byte callback data must still carry.
    const longestCard = cardOf(replies, longest);
    for (const button of longestCard.buttons) {
      expect(Buffer.byteLength(button.data ?? '')).toBeLessThanOrEqual(64);
    }
    expect(replies.every((reply) => reply.method === 'sendMessage')).toBe(true);
  });

  it('when the admin presses Approve, then exactly that version is approved, the card says so and the audit names the admin', async () => {
    const tool = await current('calorie_sum');
    const approve = buttonData(cardOf(await admin.send('/pending_tools'), tool), '✅ Approve');
    const replies = await admin.press(approve);
    const done = `✅ calorie_sum version 1 (sha256 ${tool.version.sha256.slice(0, 16)}) is approved and can run now.`;
    expect(answerOf(replies)).toBe(done);
    expect(editOf(replies)).toBe(done);
    const after = await current('calorie_sum');
    expect(after.status).toBe('approved');
    expect(after.decidedBy).toBe(adminUserId);
    const [event] = (await auditOf('tool.approve', adminUserId)).filter((e) => e.targetId === tool.id);
    expect(event).toMatchObject({
      actorType: 'admin',
      outcome: 'success',
      toolVersion: 1,
      sha256: tool.version.sha256,
      details: expect.objectContaining({ from: 'pending', to: 'approved' }),
    });

    // The same button again: the decision is made, nothing more happens.
    const again = await admin.press(approve);
    expect(answerOf(again)).toBe('calorie_sum is approved already: there is nothing to decide here.');
    expect((await auditOf('tool.approve', adminUserId)).filter((e) => e.targetId === tool.id)).toHaveLength(
      1,
    );
  });

  it('when the admin approves by command, then only the named sha256 is approved; the name alone shows the tool to review', async () => {
    const tool = await current(`n${'a'.repeat(62)}9`);
    const sha = tool.version.sha256;

    const shown = await admin.send(`/approve_tool ${tool.name}`);
    expect(shown).toHaveLength(1);
    expect(codeBlockOf(shown[0] as BotReply)).toBe(tool.version.code);
    expect((await current(tool.name)).status).toBe('pending');

    const wrong = sha.startsWith('0') ? `1${sha.slice(1, 16)}` : `0${sha.slice(1, 16)}`;
    const mismatch = await admin.send(`/approve_tool ${tool.name} ${wrong}`);
    expect(mismatch[0]?.text).toContain('not the one you named, so nothing was approved');
    expect((await current(tool.name)).status).toBe('pending');

    for (const bad of [
      '/approve_tool',
      `/approve_tool ${tool.name} abc`,
      `/approve_tool ${tool.name} ${sha} extra`,
    ]) {
      expect((await admin.send(bad))[0]?.text).toContain('Usage: /approve_tool <name> <sha256>');
    }

    const replies = await admin.send(`/approve_tool ${tool.name} ${sha.slice(0, 12).toUpperCase()}`);
    expect(replies[0]?.text).toBe(
      `✅ ${tool.name} version 1 (sha256 ${sha.slice(0, 16)}) is approved and can run now.`,
    );
    expect((await current(tool.name)).status).toBe('approved');
    const events = (await auditOf('tool.approve', adminUserId)).filter((e) => e.targetId === tool.id);
    expect(events).toEqual([
      expect.objectContaining({ actorType: 'admin', sha256: sha, outcome: 'success' }),
    ]);

    const twice = await admin.send(`/approve_tool ${tool.name} ${sha}`);
    expect(twice[0]?.text).toBe(`${tool.name} is approved already: there is nothing to decide here.`);
    // An approved tool's card has nothing left to press.
    const card = (await admin.send(`/approve_tool ${tool.name}`))[0];
    expect(card?.text).toContain('Status: approved');
    expect(card?.buttons).toEqual([]);
  });

  it('when the admin presses Reject and replies with a reason, then the tool is rejected with it and the audit keeps it', async () => {
    const tool = await current('long_tool');
    const reject = buttonData(cardOf(await admin.send('/pending_tools'), tool), '⛔ Reject');
    const prompt = await admin.press(reject);
    const question = prompt.find((reply) => reply.method === 'sendMessage');
    expect(question?.text).toBe(
      `⛔ long_tool · v1 · ${tool.version.sha256.slice(0, 16)}\nWhy reject it? Reply to this message with the reason (up to 1,000 characters); the audit trail keeps it.`,
    );
    expect(question?.params.reply_markup).toMatchObject({ force_reply: true });
    expect((await current('long_tool')).status).toBe('pending');

    const promptMessage = harness.fake.lastMessageTo(ADMIN_ID) as Message;
    const tooLong = await admin.push(replyTo(admin.person, promptMessage, 'z'.repeat(5000)));
    expect(tooLong[0]?.text).toBe('The reason must be 1 to 1,000 characters; nothing was rejected.');
    expect((await current('long_tool')).status).toBe('pending');

    const replies = await admin.push(
      replyTo(admin.person, promptMessage, '  Reads far more than it needs 🙅  '),
    );
    expect(replies[0]?.text).toBe(
      '⛔ long_tool version 1 is rejected. Reason: Reads far more than it needs 🙅',
    );
    const after = await current('long_tool');
    expect(after).toMatchObject({ status: 'rejected', decidedBy: adminUserId });
    expect(after.decisionReason).toBe('Reads far more than it needs 🙅');
    const [event] = (await auditOf('tool.reject', adminUserId)).filter((e) => e.targetId === tool.id);
    expect(event?.details).toMatchObject({ reason: 'Reads far more than it needs 🙅', to: 'rejected' });

    // Answering the same prompt again finds the decision made.
    const late = await admin.push(replyTo(admin.person, promptMessage, 'another reason'));
    expect(late[0]?.text).toBe('long_tool is rejected already: there is nothing to decide here.');
  });

  it('when the admin rejects by command, then the reason is kept; bad input is refused and changes nothing', async () => {
    const tool = await create('mood_guess');
    for (const bad of ['/reject_tool', '/reject_tool mood_guess', '/reject_tool    ']) {
      expect((await admin.send(bad))[0]?.text).toContain('Usage: /reject_tool <name> <reason>');
    }
    const long = await admin.send(`/reject_tool mood_guess ${'y'.repeat(5000)}`);
    expect(long[0]?.text).toBe('The reason must be 1 to 1,000 characters; nothing was rejected.');
    const unknown = await admin.send(`/reject_tool 🍕${'q'.repeat(5000)} no reason`);
    expect(unknown[0]?.text?.startsWith('There is no tool named "🍕qqq')).toBe(true);
    expect(unknown[0]?.text?.length).toBeLessThan(200);
    expect((await current('mood_guess')).status).toBe('pending');

    const replies = await admin.send('/reject_tool mood_guess Guesses moods it cannot know.');
    expect(replies[0]?.text).toBe(
      '⛔ mood_guess version 1 is rejected. Reason: Guesses moods it cannot know.',
    );
    const events = (await auditOf('tool.reject', adminUserId)).filter((e) => e.targetId === tool.id);
    expect(events).toEqual([
      expect.objectContaining({
        actorType: 'admin',
        outcome: 'success',
        details: expect.objectContaining({ reason: 'Guesses moods it cannot know.' }),
      }),
    ]);
    expect((await admin.send('/reject_tool mood_guess again'))[0]?.text).toBe(
      'mood_guess is rejected already: there is nothing to decide here.',
    );
  });

  it('when a new version appears after the card was shown, then its buttons and its sha256 are stale and nothing is approved', async () => {
    const first = await create('water_trend');
    const card = cardOf(await admin.send('/pending_tools'), first);
    const approve = buttonData(card, '✅ Approve');
    const reject = buttonData(card, '⛔ Reject');
    const second = await harness.services.tools.addVersion(creator, 'water_trend', {
      code: 'function run(input, data) { return { sneaky: true }; }',
      inputSchema,
    });
    expect(second.version.version).toBe(2);

    const stale =
      'water_trend has changed since you saw it: version 2 is the current one. /pending_tools shows it for review.';
    const pressed = await admin.press(approve);
    expect(answerOf(pressed)).toBe(stale);
    expect(editOf(pressed)).toBe(stale);
    expect(answerOf(await admin.pressRaw(reject))).toBe(stale);
    const typed = await admin.send(`/approve_tool water_trend ${first.version.sha256.slice(0, 16)}`);
    expect(typed[0]?.text).toContain('The current version of water_trend is 2');

    const now = await current('water_trend');
    expect(now).toMatchObject({ status: 'pending', currentVersion: 2 });
    expect((await auditOf('tool.approve', adminUserId)).filter((e) => e.targetId === first.id)).toEqual([]);

    // The new version gets a card of its own, which does work.
    const fresh = cardOf(await admin.send('/pending_tools'), now);
    expect(codeBlockOf(fresh)).toBe('function run(input, data) { return { sneaky: true }; }');
    const approved = await admin.press(buttonData(fresh, '✅ Approve'));
    expect(answerOf(approved)).toContain('water_trend version 2');
    expect((await current('water_trend')).status).toBe('approved');
  });

  it('when a new version lands between the check and the approval, then the approval names the reviewed sha256 and is refused', async () => {
    const tool = await create('race_tool');
    const approve = buttonData(cardOf(await admin.send('/pending_tools'), tool), '✅ Approve');
    const tools = harness.services.tools;
    const get = tools.get.bind(tools);
    // The creator's new version arrives right after the bot read the tool, before it approves.
    const spy = jest.spyOn(tools, 'get').mockImplementationOnce(async (actor, name) => {
      const seen = await get(actor, name);
      await tools.addVersion(creator, name, {
        code: 'function run() { return { swapped: true }; }',
        inputSchema,
      });
      return seen;
    });
    try {
      const replies = await admin.press(approve);
      expect(answerOf(replies)).toBe(
        'race_tool changed while you decided; nothing was done. /pending_tools shows it as it is now.',
      );
    } finally {
      spy.mockRestore();
    }
    expect(await current('race_tool')).toMatchObject({ status: 'pending', currentVersion: 2 });
    const refused = (await auditOf('tool.approve', adminUserId)).filter((e) => e.targetId === tool.id);
    expect(refused).toEqual([expect.objectContaining({ outcome: 'denied', toolVersion: 2 })]);
  });

  it('when an admin presses forged button data, then it is refused and nothing changes', async () => {
    const tool = await create('step_sum');
    const real = buttonData(cardOf(await admin.send('/pending_tools'), tool), '✅ Approve');
    const [, version, packed, sha] = /^ta([0-9a-z]+)\.([^.]+)\.([0-9a-f]*)$/.exec(real) ?? [];
    const flipped = sha?.startsWith('0') ? `1${sha.slice(1)}` : `0${sha?.slice(1)}`;
    const forgeries = {
      // A name spelt with a leading zero digit is not a spelling the bot makes.
      [`ta${version}.A${packed}.${sha}`]: 'This button is not valid; nothing was done.',
      [`ta0.${packed}.${sha}`]: 'This button is not valid; nothing was done.',
      [`ta${version}.${packed}.${flipped}`]:
        'step_sum has changed since you saw it: version 1 is the current one. /pending_tools shows it for review.',
      [`ta2.${packed}.${sha}`]:
        'step_sum has changed since you saw it: version 1 is the current one. /pending_tools shows it for review.',
    };
    expect(packedName('step_sum')).toBe(packed);
    forgeries[`ta1.${packedName('no_such_tool')}.${sha}`] = 'There is no tool named "no_such_tool".';
    for (const [data, refusal] of Object.entries(forgeries)) {
      expect(answerOf(await admin.pressRaw(data))).toBe(refusal);
    }
    // Data no feature made at all is an expired button.
    expect(answerOf(await admin.pressRaw('ta1.!!.00'))).toBe('This button has expired.');
    expect((await current('step_sum')).status).toBe('pending');
  });

  it('when a non-admin uses the commands, a real admin button or a forged reason reply, then they are refused without effect', async () => {
    const tool = await create('sneaky_tool');
    const sha = tool.version.sha256;
    const card = cardOf(await admin.send('/pending_tools'), tool);

    expect((await member.send('/pending_tools'))[0]?.text).toBe(REFUSED);
    expect((await member.send(`/approve_tool sneaky_tool ${sha}`))[0]?.text).toBe(REFUSED);
    expect((await member.send('/reject_tool sneaky_tool I do not like it'))[0]?.text).toBe(REFUSED);
    expect((await member.send('/approve_tool'))[0]?.text).toBe(REFUSED);
    await member.send('/help');
    expect(answerOf(await member.pressRaw(buttonData(card, '✅ Approve')))).toBe(REFUSED);
    expect(answerOf(await member.pressRaw(buttonData(card, '⛔ Reject')))).toBe(REFUSED);
    const forgedPrompt = {
      ...(harness.fake.lastMessageTo(MEMBER_ID) as Message),
      text: `⛔ sneaky_tool · v1 · ${sha.slice(0, 16)}\nWhy reject it?`,
    } as Message;
    expect((await member.push(replyTo(member.person, forgedPrompt, 'rejected by me')))[0]?.text).toBe(
      REFUSED,
    );

    expect((await current('sneaky_tool')).status).toBe('pending');
    for (const action of ['tool.approve', 'tool.reject']) {
      expect(await auditOf(action, memberUserId)).toEqual([]);
    }
  });

  it('when a reply to some other bot message or a command arrives, then it is not taken as a rejection reason', async () => {
    await admin.send('/help');
    const help = harness.fake.lastMessageTo(ADMIN_ID) as Message;
    const other = await admin.push(replyTo(admin.person, help, 'hello there'));
    expect(other.map((reply) => reply.text).join('\n')).not.toContain('rejected');
    const tool = await current('step_sum');
    await admin.press(buttonData(cardOf(await admin.send('/pending_tools'), tool), '⛔ Reject'));
    const prompt = harness.fake.lastMessageTo(ADMIN_ID) as Message;
    const command = await admin.push(replyTo(admin.person, prompt, '/frobnicate'));
    expect(command[0]?.text).toBe("I don't know /frobnicate. /help lists what I can do.");
    expect((await current('step_sum')).status).toBe('pending');
  });

  it('when more tools wait than fit, then the first ten are shown; a tool whose creator is gone says so', async () => {
    const leaving = await harness.services.access.createUser({ displayName: 'Leaving Soon' });
    await harness.services.tools.create({ userId: leaving.id, scope: 'user' }, toolInput('orphan_tool'));
    await harness.services.dataRights.deleteUser(leaving.id, { type: 'admin', id: adminUserId });
    for (let i = 0; i < 9; i++) await create(`bulk_tool_${i}`);
    const pending = await harness.services.tools.list(
      { userId: adminUserId, scope: 'admin' },
      { status: 'pending', limit: 200 },
    );
    expect(pending.length).toBeGreaterThan(10);

    const replies = await admin.send('/pending_tools');
    expect(replies[0]?.text).toBe(
      'Tools waiting for review: 10. Read the code before you approve.\nShowing the first 10; decide on these to see the rest.',
    );
    expect(replies).toHaveLength(11);
    const orphan = cardOf(replies, await current('orphan_tool'));
    expect(orphan.text).toContain('Created by: unknown (the account is gone)');
  });
});
