import { BotHarness } from '../testing/bot-harness.js';
import { textUpdate } from '../testing/telegram-updates.js';

describe('webhook transport', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await BotHarness.start({ mode: 'webhook' });
    await harness.services.access.allowTelegramId(4242, 'webhook user', null);
  });
  afterAll(() => harness.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${harness.httpBase}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('when the bot starts in webhook mode, then it registers its URL with the secret token', () => {
    expect(harness.fake.webhookInfo).toEqual({
      url: `${harness.httpBase}/telegram/webhook`,
      secret: expect.stringMatching(/^[A-Za-z0-9_-]{16,}$/),
    });
    expect(harness.fake.callsOf('getUpdates')).toEqual([]);
  });

  it('when Telegram posts updates with the secret, then the conversation works as with polling', async () => {
    const chat = harness.chat({ id: 4242, first_name: 'Hook' });
    expect((await chat.send('/start'))[1]?.text).toBe('What should I call you?');
    expect((await chat.send('Hook'))[0]?.text).toContain('Nice to meet you, Hook!');
    expect(harness.fake.webhookDeliveries.every((delivery) => delivery.status === 200)).toBe(true);
  });

  it('when a call comes without the secret or with a wrong one, then it is refused with 403 and not handled', async () => {
    const update = { update_id: 1, ...textUpdate({ id: 4242, first_name: 'Forger' }, '/help') };
    const sendsBefore = harness.fake.callsOf('sendMessage').length;
    const missing = await post(update);
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const wrong = await post(update, { 'x-telegram-bot-api-secret-token': 'not-the-secret-0000000000' });
    expect(wrong.status).toBe(403);
    const almost = await post(update, {
      'x-telegram-bot-api-secret-token': `${harness.fake.webhookInfo?.secret?.slice(0, -1)}x`,
    });
    expect(almost.status).toBe(403);
    expect(harness.fake.callsOf('sendMessage').length).toBe(sendsBefore);
  });

  it('when the secret is right, then a posted update is answered and health still works beside it', async () => {
    const secret = harness.fake.webhookInfo?.secret as string;
    const sendsBefore = harness.fake.callsOf('sendMessage').length;
    const response = await post(
      { update_id: 77, ...textUpdate({ id: 4242, first_name: 'Hook' }, '/cancel') },
      { 'x-telegram-bot-api-secret-token': secret },
    );
    expect(response.status).toBe(200);
    expect(harness.fake.callsOf('sendMessage').length).toBe(sendsBefore + 1);
    expect((await fetch(`${harness.httpBase}/healthz`)).status).toBe(200);
    expect((await fetch(`${harness.httpBase}/telegram/webhook`)).status).toBe(404);
    expect(await (await fetch(`${harness.httpBase}/metrics`)).text()).toContain('bot_updates_total');
  });
});
