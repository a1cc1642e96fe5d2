import type { OutboxService } from '@health-agent/core';
import { Composer } from 'grammy';
import type { BotContext } from '../bot-context.js';

/**
 * Telegram says when a person blocks or unblocks the bot (my_chat_member in their private chat).
 * Blocking pauses them at once, so no reminder is even tried; unblocking resumes them. Only
 * accounts the delivery side paused are resumed: an admin's block is never lifted here.
 */
export function membershipChanges(
  outbox: Pick<OutboxService, 'markRecipientUnreachable' | 'markRecipientReachable'>,
) {
  const composer = new Composer<BotContext>();
  composer.on('my_chat_member', async (ctx) => {
    const change = ctx.myChatMember;
    if (change.chat.type !== 'private') return;
    const status = change.new_chat_member.status;
    if (status === 'kicked') {
      await outbox.markRecipientUnreachable(change.chat.id, 'the user blocked the bot');
      ctx.logger.info('user blocked the bot: paused');
    } else if (status === 'member') {
      await outbox.markRecipientReachable(change.chat.id);
      ctx.logger.info('user unblocked the bot');
    }
  });
  return composer;
}
