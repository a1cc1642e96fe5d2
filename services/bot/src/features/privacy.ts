import { PRIVACY_NOTICE } from '@health-agent/core';
import { Composer } from 'grammy';
import type { BotContext } from '../bot-context.js';

/** /privacy: the product's privacy notice and medical disclaimer, the same text the API serves. */
export function privacyFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('privacy', async (ctx) => {
    const note = ctx.language === 'en' ? '' : `${ctx.t('privacy.languageNote')}\n\n`;
    await ctx.reply(`${note}${PRIVACY_NOTICE}`);
  });
  return composer;
}
