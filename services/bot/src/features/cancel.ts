import { Composer } from 'grammy';
import type { BotContext } from '../bot-context.js';

/** /cancel: forgets the question the bot was waiting on, and any keyboard it showed. */
export function cancelFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('cancel', async (ctx) => {
    const hadFlow = ctx.session.flow !== undefined;
    ctx.session.flow = undefined;
    await ctx.reply(ctx.t(hadFlow ? 'cancel.done' : 'cancel.nothing'), {
      reply_markup: { remove_keyboard: true },
    });
  });
  return composer;
}
