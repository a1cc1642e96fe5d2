import type { Logger, OutboxService } from '@health-agent/core';
import { type ApiStage, chatIdOf } from './api-stage.js';
import { isRecipientUnreachable } from './telegram-failures.js';

/**
 * A 403 means the person blocked the bot (or left Telegram): their account is paused, so
 * reminders stop, and nothing queued for them is retried. Writing to the bot again resumes them.
 */
export function blockedRecipientStage(deps: {
  outbox: Pick<OutboxService, 'markRecipientUnreachable'>;
  logger: Logger;
}): ApiStage {
  return async (next, method, payload, signal) => {
    const response = await next(method, payload, signal);
    const chatId = chatIdOf(payload);
    if (response.ok || !isRecipientUnreachable(response) || chatId === undefined) return response;
    try {
      await deps.outbox.markRecipientUnreachable(chatId, response.description);
    } catch (error) {
      deps.logger.error({ err: error, chatId }, 'could not pause a recipient who blocked the bot');
    }
    return response;
  };
}
