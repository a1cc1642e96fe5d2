import type { ActivityOutcome } from '@health-agent/core';
import type { Translate } from '../i18n/translator.js';

/**
 * What logging earned, in a line or two under the confirmation: XP, a level reached, a streak
 * milestone, a new achievement. Nothing when it earned nothing (the same thing logged twice).
 */
export function rewardLines(t: Translate, outcome: ActivityOutcome): string[] {
  const lines: string[] = [];
  if (outcome.xpAwarded > 0) lines.push(t('progress.xpGained', { xp: outcome.xpAwarded }));
  if (outcome.leveledUp) lines.push(t('progress.levelUp', { level: outcome.level }));
  for (const milestone of outcome.streakMilestones) {
    lines.push(
      t('progress.streakMilestone', {
        days: milestone.days,
        domain: streakDomainName(t, milestone.domain),
        xp: milestone.bonusXp,
      }),
    );
  }
  if (outcome.achievementsUnlocked.length > 0) lines.push(t('progress.achievementUnlocked'));
  return lines;
}

const domainKeys = {
  nutrition: 'progress.domain.nutrition',
  sleep: 'progress.domain.sleep',
  hydration: 'progress.domain.hydration',
  exercise: 'progress.domain.exercise',
  overall: 'progress.domain.overall',
} as const;

/** A streak domain's name in the user's language; an unknown one is shown as it is. */
export function streakDomainName(t: Translate, domain: string): string {
  return domain in domainKeys ? t(domainKeys[domain as keyof typeof domainKeys]) : domain;
}
