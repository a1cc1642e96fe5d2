import type { AchievementView, ProgressView, StreakView, Tier } from '@health-agent/core';
import { Composer } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import type { Translate } from '../i18n/translator.js';
import { streakDomainName } from './activity-rewards.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { formatCount } from './metric-replies.js';

const BAR_CELLS = 10;

/** "▰▰▰▱▱▱▱▱▱▱": how far into the level, in ten cells. */
export function progressBar(into: number, span: number): string {
  const filled = span > 0 ? Math.min(BAR_CELLS, Math.max(0, Math.floor((into / span) * BAR_CELLS))) : 0;
  return '▰'.repeat(filled) + '▱'.repeat(BAR_CELLS - filled);
}

const tierKeys: Record<
  Tier,
  'progress.tier.bronze' | 'progress.tier.silver' | 'progress.tier.gold' | 'progress.tier.platinum'
> = {
  bronze: 'progress.tier.bronze',
  silver: 'progress.tier.silver',
  gold: 'progress.tier.gold',
  platinum: 'progress.tier.platinum',
};

function describeProgress(ctx: BotContext, progress: ProgressView): string {
  const t = ctx.t;
  const number = (value: number) => formatCount(ctx.language, value);
  return t('progress.xp', {
    level: progress.level,
    tier: t(tierKeys[progress.tier]),
    bar: progressBar(progress.xpIntoLevel, progress.xpForNextLevel),
    into: number(progress.xpIntoLevel),
    span: number(progress.xpForNextLevel),
    toNext: number(progress.nextLevelAt - progress.totalXp),
    next: progress.level + 1,
    total: number(progress.totalXp),
  });
}

function describeStreaks(t: Translate, streaks: readonly StreakView[]): string {
  if (streaks.every((streak) => streak.longestDays === 0)) return t('progress.streaksNone');
  const lines = streaks.map((streak) =>
    t(streak.alive && streak.currentDays > 0 ? 'progress.streakLine' : 'progress.streakLineLapsed', {
      domain: streakDomainName(t, streak.domain),
      current: streak.currentDays,
      longest: streak.longestDays,
      freezes: streak.freezesLeft,
    }),
  );
  return [t('progress.streaksTitle'), ...lines, t('progress.streaksFooter')].join('\n');
}

function describeAchievements(t: Translate, achievements: readonly AchievementView[]): string {
  const unlocked = achievements.filter((achievement) => achievement.unlocked);
  // The closest locked ones first: what is within reach is what motivates.
  const locked = achievements
    .filter((achievement) => !achievement.unlocked)
    .sort((a, b) => share(b) - share(a))
    .slice(0, 5);
  const lines = [t('progress.achievementsTitle', { unlocked: unlocked.length, total: achievements.length })];
  for (const achievement of unlocked)
    lines.push(
      t('progress.achievementUnlockedLine', { name: achievement.name, description: achievement.description }),
    );
  if (locked.length > 0) lines.push(t('progress.achievementsNext'));
  for (const achievement of locked) {
    lines.push(
      achievement.progress
        ? t('progress.achievementLockedLine', {
            name: achievement.name,
            description: achievement.description,
            current: achievement.progress.current,
            target: achievement.progress.target,
          })
        : t('progress.achievementLockedNoProgress', {
            name: achievement.name,
            description: achievement.description,
          }),
    );
  }
  return lines.join('\n');
}

function share(achievement: AchievementView): number {
  const progress = achievement.progress;
  return progress && progress.target > 0 ? progress.current / progress.target : 0;
}

/** /xp, /streaks and /achievements: the person's progress from services.gamification. */
export function progressFeature(deps: FeatureDependencies): Composer<BotContext> {
  const { gamification } = deps.services;
  const composer = new Composer<BotContext>();
  composer.command('xp', async (ctx) => {
    const progress = await gamification.getProgress(accountOf(ctx).user.id);
    await ctx.reply(describeProgress(ctx, progress));
  });
  composer.command('streaks', async (ctx) => {
    await ctx.reply(describeStreaks(ctx.t, await gamification.listStreaks(accountOf(ctx).user.id)));
  });
  composer.command('achievements', async (ctx) => {
    await ctx.reply(describeAchievements(ctx.t, await gamification.listAchievements(accountOf(ctx).user.id)));
  });
  return composer;
}
