import { createLogger, type NewOutboxMessage } from '@health-agent/core';
import { HttpError, InputFile } from 'grammy';
import { Registry } from 'prom-client';
import { createBotMetrics } from '../metrics/bot-metrics.js';
import type { ApiCall, ApiPayload, ApiResult } from './api-stage.js';
import { DeliveryDeferredError } from './delivery-deferred-error.js';
import { outboxStage } from './outbox-stage.js';
import { UnqueueableCallError } from './queued-call.js';

const sent: ApiResult = { ok: true, result: { message_id: 7 } };
const unavailable: ApiResult = { ok: false, error_code: 503, description: 'Service Unavailable' };

function fakeOutbox() {
  const queued: NewOutboxMessage[] = [];
  let pending = false;
  return {
    queued,
    setPending(value: boolean) {
      pending = value;
    },
    enqueue: async (message: NewOutboxMessage) => {
      queued.push(message);
      return {} as never;
    },
    hasPending: async () => pending,
  };
}

function setup() {
  const outbox = fakeOutbox();
  const stage = outboxStage({
    outbox,
    logger: createLogger({ level: 'silent', service: 'test' }),
    metrics: createBotMetrics(new Registry()),
  });
  return { outbox, stage };
}

function answering(...answers: Array<ApiResult | Error>): ApiCall & { payloads: ApiPayload[] } {
  const payloads: ApiPayload[] = [];
  const next = async (_method: string, payload: ApiPayload) => {
    payloads.push(payload);
    const answer = answers.shift() ?? sent;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return Object.assign(next, { payloads });
}

describe('outbox stage', () => {
  it('when a send finally fails with 5xx, then it is queued as JSON and the caller learns it is deferred', async () => {
    const { outbox, stage } = setup();
    const error = await stage(answering(unavailable), 'sendMessage', {
      chat_id: 42,
      text: 'Drink water 💧',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryDeferredError);
    expect(error).toMatchObject({ chatId: 42, method: 'sendMessage', reason: '503 Service Unavailable' });
    expect(outbox.queued).toEqual([
      {
        chatId: 42,
        reason: '503 Service Unavailable',
        payload: { method: 'sendMessage', params: { chat_id: 42, text: 'Drink water 💧' }, files: {} },
      },
    ]);
  });

  it('when a chat has a backlog, then later sends queue behind it until the outbox has drained', async () => {
    const { outbox, stage } = setup();
    await stage(answering(unavailable), 'sendMessage', { chat_id: 42, text: 'first' }).catch(() => undefined);
    outbox.setPending(true);
    const next = answering();
    await expect(stage(next, 'sendMessage', { chat_id: 42, text: 'second' })).rejects.toBeInstanceOf(
      DeliveryDeferredError,
    );
    expect(next.payloads).toEqual([]);
    expect(outbox.queued.map((m) => m.reason)).toEqual([
      '503 Service Unavailable',
      'earlier messages to this chat are still queued',
    ]);
    // Other chats are not held back.
    expect(await stage(next, 'sendMessage', { chat_id: 43, text: 'other chat' })).toEqual(sent);
    outbox.setPending(false);
    expect(await stage(next, 'sendMessage', { chat_id: 42, text: 'third' })).toEqual(sent);
  });

  it('when the network fails, then the send is queued; a programming error is thrown as it is', async () => {
    const { outbox, stage } = setup();
    const network = new HttpError('Network request failed', new Error('ECONNREFUSED'));
    const deferred = await stage(answering(network), 'sendMessage', { chat_id: 5, text: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(deferred).toBeInstanceOf(DeliveryDeferredError);
    expect((deferred as Error).cause).toBe(network);
    const bug = new TypeError('oops');
    await expect(stage(answering(bug), 'sendMessage', { chat_id: 6, text: 'x' })).rejects.toBe(bug);
    expect(outbox.queued.map((m) => m.chatId)).toEqual([5]);
  });

  it('when the answer is a refusal or the call is not a message, then nothing is queued', async () => {
    const { outbox, stage } = setup();
    const badRequest: ApiResult = { ok: false, error_code: 400, description: 'Bad Request: chat not found' };
    expect(await stage(answering(badRequest), 'sendMessage', { chat_id: 5, text: 'x' })).toEqual(badRequest);
    expect(await stage(answering(unavailable), 'editMessageText', { chat_id: 5, text: 'x' })).toEqual(
      unavailable,
    );
    expect(await stage(answering(unavailable), 'sendMessage', { chat_id: '@channel', text: 'x' })).toEqual(
      unavailable,
    );
    expect(outbox.queued).toEqual([]);
  });

  it('when an upload is a stream, then it cannot be queued and the failure says so', async () => {
    const { outbox, stage } = setup();
    async function* chunks() {
      yield new Uint8Array([1, 2, 3]);
    }
    const payload = { chat_id: 5, photo: new InputFile(chunks()) };
    await expect(stage(answering(unavailable), 'sendPhoto', payload)).rejects.toBeInstanceOf(
      UnqueueableCallError,
    );
    expect(outbox.queued).toEqual([]);
  });
});
