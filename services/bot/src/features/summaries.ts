import { Composer } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { foodReaderOf } from './food/draft-message.js';
import { todayMessage, weekMessage } from './food/summary-messages.js';

/** /today and /week: what was eaten in the user's local days, against their goals. */
export function summariesFeature(deps: FeatureDependencies): Composer<BotContext> {
  const { food } = deps.services;
  const composer = new Composer<BotContext>();

  composer.command('today', async (ctx) => {
    const summary = await food.dailySummary(accountOf(ctx).user.id);
    await ctx.reply(todayMessage(foodReaderOf(ctx), summary));
  });

  composer.command('week', async (ctx) => {
    const summary = await food.weeklySummary(accountOf(ctx).user.id);
    await ctx.reply(weekMessage(foodReaderOf(ctx), summary));
  });

  return composer;
}
