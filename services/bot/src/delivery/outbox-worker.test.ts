import { createLogger, FakeTimerClock, type OutboxMessage, type OutboxService } from '@health-agent/core';
import { type Api, GrammyError, HttpError } from 'grammy';
import { Registry } from 'prom-client';
import { createBotMetrics } from '../metrics/bot-metrics.js';
import { OutboxWorker } from './outbox-worker.js';

function message(id: string, payload: Record<string, unknown>): OutboxMessage {
  return {
    id,
    userId: null,
    channel: 'telegram',
    chatId: 1,
    payload,
    attempts: 1,
    lastError: null,
    nextAttemptAt: new Date(0),
    createdAt: new Date(0),
    sentAt: null,
    abandonedAt: null,
  };
}

const call = (text: string) => ({ method: 'sendMessage', params: { chat_id: 1, text } });

/** An outbox double that hands out a script of batches and records outcomes. */
function scriptedOutbox(batches: OutboxMessage[][], failClaim = false) {
  const outcomes: string[] = [];
  const outbox = {
    claimDue: async () => {
      if (failClaim) throw new Error('database down');
      return batches.shift() ?? [];
    },
    markSent: async (id: string) => {
      outcomes.push(`sent ${id}`);
      return true;
    },
    markFailed: async (id: string, _worker: string, error: string) => {
      outcomes.push(`failed ${id}: ${error}`);
      return { abandoned: id === 'last', nextAttemptAt: null };
    },
    abandon: async (id: string, _worker: string, reason: string) => {
      outcomes.push(`abandoned ${id}: ${reason}`);
      return true;
    },
  };
  return { outbox: outbox as unknown as OutboxService, outcomes };
}

/** A grammY Api double whose sendMessage answers by the text it is given. */
function api(): Api {
  const sendMessage = async ({ text }: { text: string }) => {
    if (text === 'rate limited') {
      throw new GrammyError(
        '429',
        { ok: false, error_code: 429, description: 'Too Many Requests' },
        'sendMessage',
        {},
      );
    }
    if (text === 'refused') {
      throw new GrammyError(
        '400',
        { ok: false, error_code: 400, description: 'Bad Request' },
        'sendMessage',
        {},
      );
    }
    if (text === 'offline') throw new HttpError('Network request failed', new Error('ECONNRESET'));
    return { message_id: 1 };
  };
  return { raw: { sendMessage } } as unknown as Api;
}

function worker(outbox: OutboxService, timers = new FakeTimerClock()) {
  return new OutboxWorker({
    outbox,
    api: api(),
    logger: createLogger({ level: 'silent', service: 'test' }),
    metrics: createBotMetrics(new Registry()),
    workerId: 'w1',
    intervalMs: 1000,
    timers,
  });
}

describe('outbox worker', () => {
  it('when messages are due, then each outcome is recorded: sent, retried later, or abandoned', async () => {
    const { outbox, outcomes } = scriptedOutbox([
      [
        message('a', call('hello')),
        message('b', call('rate limited')),
        message('c', call('refused')),
        message('d', call('offline')),
        message('last', call('offline')),
        message('e', { method: 'sendSticker' }),
      ],
    ]);
    expect(await worker(outbox).runOnce()).toEqual({ delivered: 1, retryScheduled: 2, abandoned: 3 });
    expect(outcomes).toEqual([
      'sent a',
      'failed b: 429 (429: Too Many Requests)',
      'abandoned c: 400 (400: Bad Request)',
      'failed d: Network request failed',
      'failed last: Network request failed',
      'abandoned e: unreadable payload',
    ]);
  });

  it('when started, then it passes over the outbox every interval until stopped, surviving a failed pass', async () => {
    const timers = new FakeTimerClock();
    const { outbox, outcomes } = scriptedOutbox([
      [message('a', call('hello'))],
      [],
      [message('b', call('hello'))],
    ]);
    const running = worker(outbox, timers);
    running.start();
    running.start();
    await timers.advance(0);
    expect(outcomes).toEqual(['sent a']);
    await timers.advance(1000);
    await timers.advance(1000);
    expect(outcomes).toEqual(['sent a', 'sent b']);
    await running.stop();
    await timers.advance(5000);
    expect(timers.pendingDelays()).toEqual([]);

    const broken = worker(scriptedOutbox([], true).outbox, timers);
    broken.start();
    await timers.advance(0);
    expect(timers.pendingDelays()).toEqual([1000]);
    await broken.stop();
  });
});
