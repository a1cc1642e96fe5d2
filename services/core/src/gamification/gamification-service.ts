import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { NotFoundError, ValidationError } from '../errors/index.js';
import { localDayOf } from '../time/local-day.js';
import {
  type AchievementDefinition,
  type AchievementFacts,
  countedActions,
  criteriaProgress,
} from './achievement-rules.js';
import type { Activity, ActivityOutcome, ActivityRecorder } from './activity.js';
import { ActivityRecording } from './activity-recording.js';
import { ChallengeOperations } from './challenge-operations.js';
import {
  gamificationRepository as repo,
  type StreakRow,
  type XpEventRow,
} from './gamification-repository.js';
import {
  type ChallengeListQuery,
  type ChallengeProgressInput,
  type StartChallengeInput,
  validationIssues,
  type XpEventsQuery,
  xpEventsQuerySchema,
} from './gamification-schemas.js';
import type {
  AchievementView,
  ChallengeView,
  ProgressView,
  StreakView,
  XpEventView,
} from './gamification-types.js';
import { levelForXp } from './levels.js';
import { emptyStreak, isStreakAlive, refillFreezes, streakDomains } from './streak-rules.js';
import { defaultXpTable, validateXpTable, type XpTable } from './xp-table.js';

export interface GamificationServiceDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** What each action pays; defaults to defaultXpTable (see xp-table.ts for the rationale). */
  xpTable?: XpTable;
  /** Open challenges a user may hold at once; default 10. */
  maxOpenChallenges?: number;
}

/**
 * XP, levels, streaks, achievements and challenges. Other services hand it to
 * their writes as the ActivityRecorder; the API reads progress through it.
 */
export interface GamificationService extends ActivityRecorder {
  recordActivity(db: Db, activity: Activity): Promise<ActivityOutcome>;
  getProgress(userId: string): Promise<ProgressView>;
  listStreaks(userId: string): Promise<StreakView[]>;
  listAchievements(userId: string): Promise<AchievementView[]>;
  listXpEvents(userId: string, query?: XpEventsQuery): Promise<XpEventView[]>;
  startChallenge(userId: string, input: StartChallengeInput): Promise<ChallengeView>;
  listChallenges(userId: string, query?: ChallengeListQuery): Promise<ChallengeView[]>;
  getChallenge(userId: string, challengeId: string): Promise<ChallengeView>;
  addChallengeProgress(
    userId: string,
    challengeId: string,
    input: ChallengeProgressInput,
  ): Promise<ChallengeView>;
  completeChallenge(userId: string, challengeId: string): Promise<ChallengeView>;
  abandonChallenge(userId: string, challengeId: string): Promise<ChallengeView>;
}

const recentXpEventCount = 10;
const uuid = z.uuid();

function toXpEventView(row: XpEventRow): XpEventView {
  return {
    id: row.id,
    action: row.action,
    xp: row.xp,
    idempotencyKey: row.idempotencyKey,
    details: row.details,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Every domain, in a fixed order, as the user sees it on `today`. */
function toStreakViews(rows: StreakRow[], today: string): StreakView[] {
  return streakDomains.map((domain) => {
    const state = rows.find((row) => row.domain === domain) ?? emptyStreak;
    const alive = isStreakAlive(state, today);
    return {
      domain,
      currentDays: alive ? state.currentDays : 0,
      longestDays: state.longestDays,
      lastDay: state.lastDay,
      freezesLeft: refillFreezes(state, today).freezesLeft,
      alive,
    };
  });
}

function toAchievementViews(
  definitions: AchievementDefinition[],
  held: Array<{ achievementId: string; awardedAt: Date }>,
  facts: AchievementFacts,
): AchievementView[] {
  const awardedAt = new Map(held.map((row) => [row.achievementId, row.awardedAt.toISOString()]));
  return definitions.map((definition) => {
    const unlocked = awardedAt.has(definition.id);
    const progress = definition.criteria ? criteriaProgress(definition.criteria, facts) : null;
    return {
      id: definition.id,
      name: definition.name,
      description: definition.description,
      xp: definition.xp,
      unlocked,
      awardedAt: awardedAt.get(definition.id) ?? null,
      // An unlocked achievement shows as complete even if counts later moved (e.g. a shorter streak).
      progress: progress && unlocked ? { current: progress.target, target: progress.target } : progress,
    };
  });
}

class DefaultGamificationService implements GamificationService {
  private readonly recording: ActivityRecording;
  private readonly challenges: ChallengeOperations;

  constructor(private readonly deps: GamificationServiceDeps & { xpTable: XpTable }) {
    this.recording = new ActivityRecording({ clock: deps.clock, logger: deps.logger, xpTable: deps.xpTable });
    this.challenges = new ChallengeOperations({
      db: deps.db,
      clock: deps.clock,
      recorder: this.recording,
      maxOpenChallenges: deps.maxOpenChallenges ?? 10,
    });
  }

  recordActivity(db: Db, activity: Activity): Promise<ActivityOutcome> {
    return this.recording.recordActivity(db, activity);
  }

  async getProgress(userId: string): Promise<ProgressView> {
    await this.requireUser(userId);
    const { db } = this.deps;
    const [progress, streaks, achievements, events] = await Promise.all([
      repo.findProgress(db, userId),
      this.streakViews(userId),
      this.achievementViews(userId),
      repo.listXpEvents(db, userId, { limit: recentXpEventCount }),
    ]);
    const totalXp = progress?.totalXp ?? 0;
    return {
      userId,
      totalXp,
      ...levelForXp(totalXp),
      streaks,
      achievements,
      recentXpEvents: events.map(toXpEventView),
    };
  }

  async listStreaks(userId: string): Promise<StreakView[]> {
    await this.requireUser(userId);
    return this.streakViews(userId);
  }

  async listAchievements(userId: string): Promise<AchievementView[]> {
    await this.requireUser(userId);
    return this.achievementViews(userId);
  }

  async listXpEvents(userId: string, query: XpEventsQuery = {}): Promise<XpEventView[]> {
    const parsed = xpEventsQuerySchema.safeParse(query);
    if (!parsed.success) throw new ValidationError('Invalid XP event query', validationIssues(parsed.error));
    await this.requireUser(userId);
    const rows = await repo.listXpEvents(this.deps.db, userId, {
      limit: parsed.data.limit,
      ...(parsed.data.before ? { before: new Date(parsed.data.before) } : {}),
    });
    return rows.map(toXpEventView);
  }

  startChallenge(userId: string, input: StartChallengeInput): Promise<ChallengeView> {
    return this.challenges.start(userId, input);
  }

  listChallenges(userId: string, query?: ChallengeListQuery): Promise<ChallengeView[]> {
    return this.challenges.list(userId, query);
  }

  getChallenge(userId: string, challengeId: string): Promise<ChallengeView> {
    return this.challenges.get(userId, challengeId);
  }

  addChallengeProgress(
    userId: string,
    challengeId: string,
    input: ChallengeProgressInput,
  ): Promise<ChallengeView> {
    return this.challenges.addProgress(userId, challengeId, input);
  }

  completeChallenge(userId: string, challengeId: string): Promise<ChallengeView> {
    return this.challenges.completeByUser(userId, challengeId);
  }

  abandonChallenge(userId: string, challengeId: string): Promise<ChallengeView> {
    return this.challenges.abandon(userId, challengeId);
  }

  private async streakViews(userId: string): Promise<StreakView[]> {
    const settings = await repo.daySettings(this.deps.db, userId);
    const today = localDayOf(this.deps.clock.now(), settings);
    return toStreakViews(await repo.listStreaks(this.deps.db, userId), today);
  }

  private async achievementViews(userId: string): Promise<AchievementView[]> {
    const { db } = this.deps;
    const [definitions, held, streaks, progress] = await Promise.all([
      repo.listAchievements(db),
      repo.listUserAchievements(db, userId),
      repo.listStreaks(db, userId),
      repo.findProgress(db, userId),
    ]);
    const facts: AchievementFacts = {
      actionCounts: await repo.countXpEventsByAction(db, userId, countedActions(definitions, new Set())),
      longestStreaks: Object.fromEntries(streaks.map((streak) => [streak.domain, streak.longestDays])),
      level: levelForXp(progress?.totalXp ?? 0).level,
    };
    return toAchievementViews(definitions, held, facts);
  }

  private async requireUser(userId: string): Promise<void> {
    if (!uuid.safeParse(userId).success || !(await repo.userExists(this.deps.db, userId))) {
      throw new NotFoundError('User not found', { userId });
    }
  }
}

/** Builds the gamification service; a bad XP table refuses to start. */
export function createGamificationService(deps: GamificationServiceDeps): GamificationService {
  return new DefaultGamificationService({
    ...deps,
    xpTable: validateXpTable(deps.xpTable ?? defaultXpTable),
  });
}
