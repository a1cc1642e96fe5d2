import { type ErrorHandler, GrammyError } from 'grammy';
import type { BotContext } from '../bot-context.js';
import { DeliveryDeferredError } from '../delivery/delivery-deferred-error.js';
import type { BotMetrics } from '../metrics/bot-metrics.js';
import { updateTypeOf } from './update-context.js';

/**
 * The error boundary's handler: the stack goes to the log with the update id, the person gets a
 * short apology in their language. A reply waiting in the outbox, or a user who blocked the
 * bot, is no failure worth an apology.
 */
export function createUpdateErrorHandler(metrics: BotMetrics): ErrorHandler<BotContext> {
  return async (botError) => {
    const { ctx, error } = botError;
    if (error instanceof DeliveryDeferredError) {
      ctx.logger.warn({ reason: error.reason }, 'reply queued in the outbox');
      return;
    }
    if (error instanceof GrammyError && error.error_code === 403) {
      ctx.logger.info({ description: error.description }, 'recipient cannot be reached');
      return;
    }
    metrics.updateErrors.inc({ type: updateTypeOf(ctx.update) });
    ctx.logger.error({ err: error }, 'update failed');
    try {
      if (ctx.callbackQuery)
        await ctx.answerCallbackQuery({ text: ctx.t('error.apology'), show_alert: true });
      else if (ctx.chat?.type === 'private') await ctx.reply(ctx.t('error.apology'));
    } catch (replyError) {
      ctx.logger.warn({ err: replyError }, 'could not apologise');
    }
  };
}
