import { Composer } from 'grammy';
import type { BotContext } from '../bot-context.js';

/**
 * What reaches the features: private chats only. Edits and channel posts are ignored (an edit
 * must not log a meal twice); in groups only a direct command gets a one-line refusal, so the
 * bot never chatters into a group conversation.
 */
export function chatScope(): Composer<BotContext> {
  const scope = new Composer<BotContext>();
  scope.on(['edited_message', 'edited_channel_post', 'channel_post', 'my_chat_member'], (ctx) => {
    ctx.logger.debug('update ignored: edits, channel posts and group membership changes are not handled');
  });
  scope.use(async (ctx, next) => {
    if (ctx.chat?.type === 'private') return next();
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: ctx.t('chat.privateOnly') });
      return;
    }
    const isCommand = ctx.message?.entities?.some(
      (entity) => entity.type === 'bot_command' && entity.offset === 0,
    );
    if (ctx.chat && isCommand) await ctx.reply(ctx.t('chat.privateOnly'));
  });
  return scope;
}
