import { Composer } from 'grammy';
import type { BotContext } from '../bot-context.js';

/**
 * Registered last: whatever no feature handled gets an honest answer, never silence and never
 * a guess. Free text lands here until a parser or the agent takes it before this feature.
 */
export function unhandledFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('message:text', async (ctx) => {
    const text = ctx.message.text;
    if (text.startsWith('/')) {
      const command = (text.split(/\s/, 1)[0] as string).split('@', 1)[0] as string;
      await ctx.reply(ctx.t('unhandled.unknownCommand', { command: command.slice(0, 40) }));
      return;
    }
    await ctx.reply(ctx.t('unhandled.text'));
  });
  composer.on('message:sticker', (ctx) => ctx.reply(ctx.t('unhandled.sticker')));
  composer.on('message:photo', (ctx) => ctx.reply(ctx.t('unhandled.photo')));
  composer.on(['message:voice', 'message:video_note', 'message:video', 'message:audio'], (ctx) =>
    ctx.reply(ctx.t('unhandled.voice')),
  );
  composer.on('message:location', (ctx) => ctx.reply(ctx.t('unhandled.location')));
  composer.on('message', (ctx) => ctx.reply(ctx.t('unhandled.other')));
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('callback.expired') }));
  composer.use((ctx) => {
    ctx.logger.debug('update not handled');
  });
  return composer;
}
