import type { Logger } from '@health-agent/core';
import type { MiddlewareFn } from 'grammy';
import type { Update } from 'grammy/types';
import type { BotContext } from '../bot-context.js';
import { createTranslator, languageFromTelegram } from '../i18n/translator.js';
import type { BotMetrics } from '../metrics/bot-metrics.js';

const knownTypes = new Set([
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'callback_query',
  'my_chat_member',
  'chat_member',
  'inline_query',
]);

/** The kind of an update, as a bounded metrics label. */
export function updateTypeOf(update: Update): string {
  const type = Object.keys(update).find((key) => key !== 'update_id');
  return type && knownTypes.has(type) ? type : 'other';
}

/**
 * The outermost middleware: a child logger carrying the update id, a first guess at the
 * language (the access gate replaces it with the profile's), and the update's metrics.
 */
export function updateContext(deps: { logger: Logger; metrics: BotMetrics }): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const type = updateTypeOf(ctx.update);
    ctx.logger = deps.logger.child({ update_id: ctx.update.update_id, update_type: type });
    ctx.language = languageFromTelegram(ctx.from?.language_code);
    ctx.t = createTranslator(ctx.language);
    const stopTimer = deps.metrics.handlerDuration.startTimer({ type });
    try {
      await next();
    } finally {
      stopTimer();
      deps.metrics.updates.inc({ type });
    }
  };
}
