import type { Logger, OutboxService } from '@health-agent/core';
import type { BotMetrics } from '../metrics/bot-metrics.js';
import { type ApiPayload, type ApiStage, chatIdOf, messageMethods } from './api-stage.js';
import { DeliveryDeferredError } from './delivery-deferred-error.js';
import { toQueuedCall } from './queued-call.js';
import { isServerError, isTransientError, retryAfterSeconds } from './telegram-failures.js';

export interface OutboxStageDependencies {
  outbox: Pick<OutboxService, 'enqueue' | 'hasPending'>;
  logger: Logger;
  metrics: BotMetrics;
}

/**
 * A message that still cannot be sent after the transport's retries (Telegram down, a long
 * rate limit, the breaker open) goes to the PostgreSQL outbox and the caller gets a
 * DeliveryDeferredError. Once a chat has queued messages, later ones queue behind them, so the
 * person reads them in the order they were written.
 */
export function outboxStage(deps: OutboxStageDependencies): ApiStage {
  const chatsWithBacklog = new Set<number>();

  async function defer(method: string, payload: ApiPayload, chatId: number, reason: string, cause?: unknown) {
    let call: Awaited<ReturnType<typeof toQueuedCall>>;
    try {
      call = await toQueuedCall(method, payload);
    } catch (error) {
      deps.logger.error({ err: error, method, chatId, reason }, 'message could not be sent nor queued');
      throw cause ?? error;
    }
    await deps.outbox.enqueue({ chatId, payload: call, reason });
    chatsWithBacklog.add(chatId);
    deps.metrics.outbox.inc({ event: 'queued' });
    return new DeliveryDeferredError(method, chatId, reason, { cause });
  }

  return async (next, method, payload, signal) => {
    const chatId = chatIdOf(payload);
    if (!messageMethods.has(method) || chatId === undefined) return next(method, payload, signal);
    if (chatsWithBacklog.has(chatId)) {
      if (await deps.outbox.hasPending(chatId)) {
        throw await defer(method, payload, chatId, 'earlier messages to this chat are still queued');
      }
      chatsWithBacklog.delete(chatId);
    }
    let response: Awaited<ReturnType<typeof next>>;
    try {
      response = await next(method, payload, signal);
    } catch (error) {
      if (!isTransientError(error)) throw error;
      throw await defer(
        method,
        payload,
        chatId,
        error instanceof Error ? error.message : String(error),
        error,
      );
    }
    if (!response.ok && (retryAfterSeconds(response) !== undefined || isServerError(response))) {
      throw await defer(method, payload, chatId, `${response.error_code} ${response.description}`);
    }
    return response;
  };
}
