import {
  type Breaker,
  type BreakerFactory,
  DependencyUnavailableError,
  type Logger,
  type TimerClock,
} from '@health-agent/core';
import type { BotMetrics } from '../metrics/bot-metrics.js';
import type { ApiResult, ApiStage } from './api-stage.js';
import { failureReason, retryAfterSeconds, TelegramServerError } from './telegram-failures.js';

/** One attempt of a Bot API call; the breaker may run it several times. */
export type TelegramAttempt = () => Promise<ApiResult>;
export type TelegramBreaker = Breaker<[TelegramAttempt], ApiResult>;

/**
 * The circuit breaker in front of Telegram. A 5xx answer counts as a failure and is retried
 * with backoff; any other answer (including 429 and 4xx) is Telegram working as designed.
 */
export function createTelegramBreaker(
  breakers: BreakerFactory,
  options: { retries: number; retryBaseDelayMs: number },
): TelegramBreaker {
  return breakers.create(
    'telegram',
    async (attempt: TelegramAttempt) => {
      const response = await attempt();
      if (!response.ok && response.error_code >= 500) throw new TelegramServerError(response);
      return response;
    },
    { idempotent: true, retries: options.retries, retryBaseDelayMs: options.retryBaseDelayMs },
  );
}

export interface TransportStageDependencies {
  breaker: TelegramBreaker;
  timers: TimerClock;
  /** A 429 asking for a longer wait (in total, per call) is handed back instead of waited out. */
  maxRetryAfterSeconds: number;
  metrics: BotMetrics;
  logger: Logger;
}

/**
 * The innermost stage: every call goes through the breaker, and a 429 is waited out for the
 * seconds Telegram names, as long as the wait stays within budget.
 */
export function transportStage(deps: TransportStageDependencies): ApiStage {
  const sleep = (ms: number) => new Promise<void>((resolve) => deps.timers.setTimeout(resolve, ms));
  return async (next, method, payload, signal) => {
    if (method === 'getUpdates') {
      // Long polling holds the connection open beyond any call timeout, and the runner retries it itself.
      try {
        return await next(method, payload, signal);
      } catch (error) {
        if (!signal?.aborted) deps.logger.warn({ err: error }, 'fetching updates failed; polling retries');
        throw error;
      }
    }
    let waitedSeconds = 0;
    for (;;) {
      let response: ApiResult;
      try {
        response = await deps.breaker.call(() => next(method, payload, signal));
      } catch (error) {
        if (!(error instanceof TelegramServerError)) {
          const reason = error instanceof DependencyUnavailableError ? 'unavailable' : 'network';
          deps.metrics.callsFailed.inc({ method, reason });
          throw error;
        }
        response = error.response;
      }
      const retryAfter = retryAfterSeconds(response);
      if (retryAfter !== undefined && waitedSeconds + retryAfter <= deps.maxRetryAfterSeconds) {
        waitedSeconds += retryAfter;
        deps.metrics.telegramRetries.inc({ reason: 'rate_limited' });
        deps.logger.info({ method, retryAfter }, 'Telegram asked to wait; retrying after retry_after');
        await sleep(retryAfter * 1000);
        continue;
      }
      if (response.ok) deps.metrics.callsSucceeded.inc({ method });
      else deps.metrics.callsFailed.inc({ method, reason: failureReason(response) });
      return response;
    }
  };
}
