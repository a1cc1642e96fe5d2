import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { ValidationError } from '../errors/index.js';
import { type DaySettings, localDayOf } from '../time/local-day.js';
import { type AchievementFacts, countedActions, newlyEarned } from './achievement-rules.js';
import { type Activity, type ActivityOutcome, type ActivityRecorder, activityActions } from './activity.js';
import { challengeContribution, isDailyKind, kindsMovedBy } from './challenge-rules.js';
import { gamificationRepository as repo } from './gamification-repository.js';
import { levelForXp } from './levels.js';
import {
  advanceStreak,
  emptyStreak,
  milestoneReached,
  type StreakDomain,
  streakDomainsFor,
} from './streak-rules.js';
import { type XpTable, xpForActivity } from './xp-table.js';

const activitySchema = z.object({
  userId: z.uuid(),
  action: z.enum(activityActions),
  sourceId: z.string().min(1).max(150),
  occurredAt: z.date().refine((date) => !Number.isNaN(date.getTime()), { message: 'must be a valid date' }),
  details: z
    .record(z.string(), z.unknown())
    .refine((details) => JSON.stringify(details).length <= 4_000, {
      message: 'must be at most 4,000 characters',
    })
    .optional(),
});

export interface ActivityRecordingDeps {
  clock: Clock;
  logger: Logger;
  xpTable: XpTable;
}

/** Outcome of the part of a recording that happened before a nested one (a completed challenge). */
function merge(first: ActivityOutcome, nested: ActivityOutcome): ActivityOutcome {
  return {
    xpAwarded: first.xpAwarded + nested.xpAwarded,
    totalXp: nested.totalXp,
    level: nested.level,
    leveledUp: first.leveledUp || nested.leveledUp,
    achievementsUnlocked: [...first.achievementsUnlocked, ...nested.achievementsUnlocked],
    streakMilestones: [...first.streakMilestones, ...nested.streakMilestones],
  };
}

/**
 * Turns a logged thing into XP, streaks, achievements and challenge progress.
 * Runs inside the caller's transaction (as a savepoint), so a failed write
 * pays nothing, and a failure here undoes the caller's write as well.
 */
export class ActivityRecording implements ActivityRecorder {
  constructor(private readonly deps: ActivityRecordingDeps) {}

  async recordActivity(db: Db, activity: Activity): Promise<ActivityOutcome> {
    const parsed = activitySchema.safeParse(activity);
    if (!parsed.success) {
      throw new ValidationError(
        'Invalid activity',
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    const outcome = await db.transaction((trx) => this.record(trx, parsed.data));
    if (outcome.xpAwarded > 0) {
      this.deps.logger.info(
        {
          userId: activity.userId,
          action: activity.action,
          sourceId: activity.sourceId,
          xpAwarded: outcome.xpAwarded,
          totalXp: outcome.totalXp,
          level: outcome.level,
          achievementsUnlocked: outcome.achievementsUnlocked,
        },
        'activity rewarded',
      );
    }
    return outcome;
  }

  private async record(trx: Db, activity: Activity): Promise<ActivityOutcome> {
    const now = this.deps.clock.now();
    const { userId } = activity;
    const before = await repo.lockProgress(trx, userId, now);
    const settings = await repo.daySettings(trx, userId);
    // A log dated in the future counts for today: it never moves a streak ahead of the user.
    const occurredDay = localDayOf(activity.occurredAt, settings);
    const today = localDayOf(now, settings);
    const localDay = occurredDay.localeCompare(today) < 0 ? occurredDay : today;

    const baseXp = xpForActivity(this.deps.xpTable, activity);
    const paid = await repo.insertXpEvent(trx, {
      userId,
      action: activity.action,
      xp: baseXp,
      key: `${activity.action}:${activity.sourceId}`,
      details: {
        sourceId: activity.sourceId,
        occurredAt: activity.occurredAt.toISOString(),
        localDay,
        ...(activity.details ? { activity: activity.details } : {}),
      },
      createdAt: now,
    });
    if (!paid) {
      return {
        xpAwarded: 0,
        totalXp: before.totalXp,
        level: before.level,
        leveledUp: false,
        achievementsUnlocked: [],
        streakMilestones: [],
      };
    }

    const milestones = await this.advanceStreaks(trx, activity, localDay, now);
    const streakXp = milestones.reduce((sum, milestone) => sum + milestone.bonusXp, 0);
    const totalAfterLog = await repo.addXp(trx, userId, baseXp + streakXp, now);
    const achievements = await this.unlockAchievements(trx, userId, totalAfterLog, now);
    const totalXp = totalAfterLog + achievements.xp;
    const { level } = levelForXp(totalXp);
    if (level !== before.level) await repo.setLevel(trx, userId, level);

    const outcome: ActivityOutcome = {
      xpAwarded: baseXp + streakXp + achievements.xp,
      totalXp,
      level,
      leveledUp: level > before.level,
      achievementsUnlocked: achievements.ids,
      streakMilestones: milestones,
    };
    return this.progressChallenges(trx, activity, { localDay, settings }, outcome);
  }

  private async advanceStreaks(
    trx: Db,
    activity: Activity,
    localDay: string,
    now: Date,
  ): Promise<ActivityOutcome['streakMilestones']> {
    const reached: ActivityOutcome['streakMilestones'] = [];
    for (const domain of streakDomainsFor(activity.action)) {
      const previous = (await repo.lockStreak(trx, activity.userId, domain)) ?? emptyStreak;
      const advance = advanceStreak(previous, localDay);
      if (advance.state !== previous) await repo.saveStreak(trx, activity.userId, domain, advance.state, now);
      const milestone = milestoneReached(advance, this.deps.xpTable.streakMilestones);
      if (
        milestone &&
        (await this.payMilestone(trx, activity.userId, domain, advance.state.runStartedOn, milestone, now))
      ) {
        reached.push({ domain, days: milestone.days, bonusXp: milestone.xp });
      }
    }
    return reached;
  }

  /** Paid once per run: the key names the run by its first day. */
  private payMilestone(
    trx: Db,
    userId: string,
    domain: StreakDomain,
    runStartedOn: string | null,
    milestone: { days: number; xp: number },
    now: Date,
  ): Promise<boolean> {
    return repo.insertXpEvent(trx, {
      userId,
      action: 'streak_milestone',
      xp: milestone.xp,
      key: `streak:${domain}:${runStartedOn}:${milestone.days}`,
      details: { domain, days: milestone.days, runStartedOn },
      createdAt: now,
    });
  }

  /**
   * Awards every achievement the user now qualifies for. An achievement's XP can
   * lift the level and so unlock a level achievement: repeat until nothing new.
   */
  private async unlockAchievements(
    trx: Db,
    userId: string,
    totalXp: number,
    now: Date,
  ): Promise<{ ids: string[]; xp: number }> {
    const definitions = await repo.listAchievements(trx);
    const held = new Set((await repo.listUserAchievements(trx, userId)).map((row) => row.achievementId));
    const streaks = await repo.listStreaks(trx, userId);
    const facts: AchievementFacts = {
      actionCounts: await repo.countXpEventsByAction(trx, userId, countedActions(definitions, held)),
      longestStreaks: Object.fromEntries(streaks.map((streak) => [streak.domain, streak.longestDays])),
      level: levelForXp(totalXp).level,
    };
    const ids: string[] = [];
    let xp = 0;
    for (let earned = newlyEarned(definitions, held, facts); earned.length > 0; ) {
      for (const achievement of earned) {
        held.add(achievement.id);
        // The primary key decides who awards it; a racing transaction that loses pays nothing.
        if (!(await repo.insertUserAchievement(trx, userId, achievement.id, now))) continue;
        ids.push(achievement.id);
        const paid = await repo.insertXpEvent(trx, {
          userId,
          action: 'achievement',
          xp: achievement.xp,
          key: `achievement:${achievement.id}`,
          details: { achievementId: achievement.id, name: achievement.name },
          createdAt: now,
        });
        if (paid) xp += achievement.xp;
      }
      earned = newlyEarned(definitions, held, { ...facts, level: levelForXp(totalXp + xp).level });
    }
    if (xp > 0) await repo.addXp(trx, userId, xp, now);
    return { ids, xp };
  }

  /** Moves matching challenges; one that reaches its target completes and pays through this same path. */
  private async progressChallenges(
    trx: Db,
    activity: Activity,
    { localDay, settings }: { localDay: string; settings: DaySettings },
    outcome: ActivityOutcome,
  ): Promise<ActivityOutcome> {
    const challenges = await repo.lockActiveChallenges(
      trx,
      activity.userId,
      kindsMovedBy(activity.action),
      activity.occurredAt,
    );
    let result = outcome;
    for (const challenge of challenges) {
      // Counted from the local day the challenge began: breakfast logged after starting counts.
      if (localDay < localDayOf(challenge.startedAt, settings)) continue;
      const contribution = challengeContribution(challenge.kind, activity, localDay);
      if (!contribution) continue;
      const progress = isDailyKind(challenge.kind)
        ? await repo.countChallengeDay(trx, activity.userId, challenge.id, localDay)
        : await repo.addChallengeProgress(trx, activity.userId, challenge.id, contribution.amount);
      if (progress === null || progress < challenge.target) continue;
      await repo.markChallengeCompleted(trx, activity.userId, challenge.id, this.deps.clock.now());
      result = merge(result, await this.completedChallenge(trx, activity.userId, challenge.id));
    }
    return result;
  }

  /** Pays a completed challenge: challenge_completed through the same recorder path. */
  private completedChallenge(trx: Db, userId: string, challengeId: string): Promise<ActivityOutcome> {
    return this.record(trx, {
      userId,
      action: 'challenge_completed',
      sourceId: challengeId,
      occurredAt: this.deps.clock.now(),
    });
  }
}
