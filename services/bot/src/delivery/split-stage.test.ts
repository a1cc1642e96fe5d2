import type { ApiCall, ApiPayload, ApiResult } from './api-stage.js';
import { DeliveryDeferredError } from './delivery-deferred-error.js';
import { splitStage } from './split-stage.js';

const sent = (id: number): ApiResult => ({ ok: true, result: { message_id: id } });

function recording(
  answer: (payload: ApiPayload, index: number) => ApiResult | Error,
): ApiCall & { payloads: ApiPayload[] } {
  const payloads: ApiPayload[] = [];
  const next = async (_method: string, payload: ApiPayload) => {
    payloads.push(payload);
    const result = answer(payload, payloads.length - 1);
    if (result instanceof Error) throw result;
    return result;
  };
  return Object.assign(next, { payloads });
}

describe('split stage', () => {
  const stage = splitStage(20);
  const long = 'first part here\n\nsecond part here\n\nthird part';
  const markup = { inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] };
  const replyTo = { message_id: 3 };

  it('when a text is too long, then parts go out in order, reply reference first and keyboard last', async () => {
    const next = recording((_, i) => sent(i + 1));
    const result = await stage(next, 'sendMessage', {
      chat_id: 1,
      text: long,
      reply_markup: markup,
      reply_parameters: replyTo,
    });
    expect(next.payloads).toEqual([
      { chat_id: 1, text: 'first part here', reply_parameters: replyTo },
      { chat_id: 1, text: 'second part here' },
      { chat_id: 1, text: 'third part', reply_markup: markup },
    ]);
    expect(result).toEqual(sent(3));
  });

  it('when Telegram refuses a part, then the rest is not sent and the refusal comes back', async () => {
    const refused: ApiResult = { ok: false, error_code: 400, description: 'Bad Request: chat not found' };
    const next = recording((_, i) => (i === 0 ? refused : sent(i)));
    expect(await stage(next, 'sendMessage', { chat_id: 1, text: long })).toEqual(refused);
    expect(next.payloads).toHaveLength(1);
  });

  it('when a part is deferred to the outbox, then the rest still go (to queue behind it) and the deferral is reported', async () => {
    const deferred = new DeliveryDeferredError('sendMessage', 1, '503');
    const next = recording((_, i) => (i === 1 ? deferred : sent(i)));
    await expect(stage(next, 'sendMessage', { chat_id: 1, text: long })).rejects.toBe(deferred);
    expect(next.payloads).toHaveLength(3);
    const bug = new TypeError('bug');
    await expect(
      stage(
        recording(() => bug),
        'sendMessage',
        { chat_id: 1, text: long },
      ),
    ).rejects.toBe(bug);
  });

  it('when the text fits or the call is something else, then it passes through untouched', async () => {
    const next = recording(() => sent(9));
    await stage(next, 'sendMessage', { chat_id: 1, text: 'short' });
    await stage(next, 'editMessageText', { chat_id: 1, text: long });
    await stage(next, 'sendMessage', { chat_id: 1, text: ' '.repeat(40) });
    expect(next.payloads.map((p) => p.text)).toEqual(['short', long, ' '.repeat(40)]);
  });
});
