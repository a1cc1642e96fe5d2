import {
  createBreakerFactory,
  createLogger,
  DependencyUnavailableError,
  FakeTimerClock,
} from '@health-agent/core';
import { HttpError } from 'grammy';
import { Registry } from 'prom-client';
import { createBotMetrics } from '../metrics/bot-metrics.js';
import type { ApiCall, ApiResult } from './api-stage.js';
import { createTelegramBreaker, transportStage } from './transport-stage.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const sent: ApiResult = { ok: true, result: { message_id: 1 } };
const rateLimited = (seconds: number): ApiResult => ({
  ok: false,
  error_code: 429,
  description: `Too Many Requests: retry after ${seconds}`,
  parameters: { retry_after: seconds },
});
const badGateway: ApiResult = { ok: false, error_code: 502, description: 'Bad Gateway' };

function setup(options: { retries?: number; failureThreshold?: number; maxRetryAfterSeconds?: number } = {}) {
  const registry = new Registry();
  const timers = new FakeTimerClock();
  const breakers = createBreakerFactory({
    registry,
    logger,
    random: () => 0,
    defaults: { failureThreshold: options.failureThreshold ?? 50, resetTimeoutMs: 60_000 },
  });
  const metrics = createBotMetrics(registry);
  const stage = transportStage({
    breaker: createTelegramBreaker(breakers, { retries: options.retries ?? 2, retryBaseDelayMs: 1 }),
    timers,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 10,
    metrics,
    logger,
  });
  return { stage, timers, registry, breakers };
}

/** A next() that answers from a script, one answer (or thrown error) per call. */
function scripted(...answers: Array<ApiResult | Error>): ApiCall & { calls: string[] } {
  const calls: string[] = [];
  const next = async (method: string) => {
    calls.push(method);
    const answer = answers.shift() ?? sent;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return Object.assign(next, { calls });
}

async function waitForTimer(timers: FakeTimerClock): Promise<number[]> {
  for (let i = 0; i < 100 && timers.pendingDelays().length === 0; i++) await new Promise(setImmediate);
  return timers.pendingDelays();
}

describe('transport stage', () => {
  it('when Telegram answers 429, then the call waits retry_after seconds and is made again', async () => {
    const { stage, timers, registry, breakers } = setup();
    const next = scripted(rateLimited(2), rateLimited(1), sent);
    const result = stage(next, 'sendMessage', { chat_id: 1, text: 'hi' });
    expect(await waitForTimer(timers)).toEqual([2000]);
    await timers.advance(2000);
    expect(await waitForTimer(timers)).toEqual([1000]);
    await timers.advance(1000);
    expect(await result).toEqual(sent);
    expect(next.calls).toEqual(['sendMessage', 'sendMessage', 'sendMessage']);
    expect(await registry.metrics()).toMatch(/bot_telegram_retries_total\{reason="rate_limited"\} 2/);
    breakers.shutdown();
  });

  it('when the waits would exceed the budget, then the 429 is handed back', async () => {
    const { stage, registry, breakers } = setup({ maxRetryAfterSeconds: 5 });
    expect(await stage(scripted(rateLimited(30)), 'sendMessage', { chat_id: 1 })).toEqual(rateLimited(30));
    expect(await registry.metrics()).toMatch(
      /bot_telegram_call_failures_total\{method="sendMessage",reason="rate_limited"\} 1/,
    );
    breakers.shutdown();
  });

  it('when Telegram answers 5xx, then the breaker retries; after the retries the last 5xx is handed back', async () => {
    const { stage, breakers } = setup({ retries: 2 });
    const recovering = scripted(badGateway, badGateway, sent);
    expect(await stage(recovering, 'sendMessage', { chat_id: 1 })).toEqual(sent);
    expect(recovering.calls).toHaveLength(3);
    const down = scripted(badGateway, badGateway, badGateway, badGateway);
    expect(await stage(down, 'sendMessage', { chat_id: 1 })).toEqual(badGateway);
    expect(down.calls).toHaveLength(3);
    breakers.shutdown();
  });

  it('when the network fails, then it is retried and finally thrown; an open breaker throws without calling', async () => {
    const { stage, registry, breakers } = setup({ retries: 1, failureThreshold: 2 });
    const dropped = new HttpError('Network request failed', new Error('ECONNRESET'));
    const next = scripted(dropped, dropped);
    await expect(stage(next, 'sendMessage', { chat_id: 1 })).rejects.toBe(dropped);
    const untouched = scripted(sent);
    await expect(stage(untouched, 'sendMessage', { chat_id: 1 })).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    expect(untouched.calls).toEqual([]);
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/bot_telegram_call_failures_total\{method="sendMessage",reason="network"\} 1/);
    expect(metrics).toMatch(
      /bot_telegram_call_failures_total\{method="sendMessage",reason="unavailable"\} 1/,
    );
    breakers.shutdown();
  });

  it('when long polling, then getUpdates bypasses the breaker and its answer is not touched', async () => {
    const { stage, breakers } = setup();
    const next = scripted(badGateway);
    expect(await stage(next, 'getUpdates', { timeout: 30 })).toEqual(badGateway);
    expect(next.calls).toEqual(['getUpdates']);
    breakers.shutdown();
  });

  it('when a 4xx comes back, then it is neither retried nor counted as an outage', async () => {
    const { stage, registry, breakers } = setup();
    const forbidden: ApiResult = {
      ok: false,
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    };
    const next = scripted(forbidden);
    expect(await stage(next, 'sendMessage', { chat_id: 1 })).toEqual(forbidden);
    expect(next.calls).toHaveLength(1);
    expect(await registry.metrics()).toMatch(
      /bot_telegram_call_failures_total\{method="sendMessage",reason="blocked"\} 1/,
    );
    breakers.shutdown();
  });
});
