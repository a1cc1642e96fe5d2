import type { ApiResult, ApiStage } from './api-stage.js';
import { DeliveryDeferredError } from './delivery-deferred-error.js';
import { splitMessageText, TELEGRAM_TEXT_LIMIT } from './message-splitter.js';

/**
 * The outermost stage: a text longer than Telegram allows goes out as several messages. The
 * keyboard rides on the last part and the reply reference on the first. A part the outbox took
 * does not stop the rest (they queue behind it, in order); a part Telegram refused does.
 */
export function splitStage(limit = TELEGRAM_TEXT_LIMIT): ApiStage {
  return async (next, method, payload, signal) => {
    const text = payload.text;
    if (method !== 'sendMessage' || typeof text !== 'string' || text.length <= limit) {
      return next(method, payload, signal);
    }
    const parts = splitMessageText(text, limit);
    const { reply_markup, reply_parameters, ...common } = payload;
    let last: ApiResult | undefined;
    let deferred: DeliveryDeferredError | undefined;
    for (const [index, part] of parts.entries()) {
      const partPayload = {
        ...common,
        text: part,
        ...(index === 0 && reply_parameters !== undefined ? { reply_parameters } : {}),
        ...(index === parts.length - 1 && reply_markup !== undefined ? { reply_markup } : {}),
      };
      try {
        last = await next(method, partPayload, signal);
      } catch (error) {
        if (!(error instanceof DeliveryDeferredError)) throw error;
        deferred = error;
        continue;
      }
      if (!last.ok) return last;
    }
    if (deferred) throw deferred;
    return last ?? next(method, payload, signal);
  };
}
