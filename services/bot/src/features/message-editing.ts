import { GrammyError, type InlineKeyboard } from 'grammy';
import type { BotContext } from '../bot-context.js';

/**
 * Replaces the text and buttons of the message a button was on. Pressing the same button twice
 * asks Telegram for no change, which it reports as an error; that is not one for us.
 */
export async function editButtonMessage(
  ctx: BotContext,
  text: string,
  keyboard?: InlineKeyboard,
): Promise<void> {
  try {
    await ctx.editMessageText(text, keyboard ? { reply_markup: keyboard } : {});
  } catch (error) {
    if (error instanceof GrammyError && /message is not modified/i.test(error.description)) return;
    throw error;
  }
}
