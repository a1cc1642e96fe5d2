import type { Db } from '../db/db.js';
import { NotFoundError } from '../errors/index.js';
import type { DaySettings } from '../time/local-day.js';
import type { AchievementDefinition } from './achievement-rules.js';
import { parseCriteria } from './achievement-rules.js';
import type { ChallengeKind } from './challenge-rules.js';
import type { StreakDomain, StreakState } from './streak-rules.js';

export interface ProgressRow {
  totalXp: number;
  level: number;
}

export interface XpEventRow {
  id: string;
  action: string;
  xp: number;
  idempotencyKey: string;
  details: Record<string, unknown>;
  createdAt: Date;
}

export interface StreakRow extends StreakState {
  domain: StreakDomain;
}

export type ChallengeStatus = 'active' | 'completed' | 'abandoned';

export interface ChallengeRow {
  id: string;
  kind: ChallengeKind;
  title: string;
  target: number;
  progress: number;
  status: ChallengeStatus;
  startedAt: Date;
  endsAt: Date | null;
  completedAt: Date | null;
}

const foreignKeyViolation = '23503';

function isForeignKeyViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === foreignKeyViolation
  );
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

function toOptionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

function toDetails(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return JSON.parse(value) as Record<string, unknown>;
  return (value ?? {}) as Record<string, unknown>;
}

// Dates are read as text: pg would turn a date column into a local-midnight Date.
const streakColumns = [
  'domain',
  'current_days',
  'longest_days',
  'last_day::text as last_day',
  'freezes_left',
  'freezes_refilled_on::text as freezes_refilled_on',
  'run_started_on::text as run_started_on',
];

function toStreak(row: Record<string, unknown>): StreakRow {
  return {
    domain: row.domain as StreakDomain,
    currentDays: Number(row.current_days),
    longestDays: Number(row.longest_days),
    lastDay: (row.last_day as string | null) ?? null,
    freezesLeft: Number(row.freezes_left),
    freezesRefilledOn: (row.freezes_refilled_on as string | null) ?? null,
    runStartedOn: (row.run_started_on as string | null) ?? null,
  };
}

function toXpEvent(row: Record<string, unknown>): XpEventRow {
  return {
    id: row.id as string,
    action: row.action as string,
    xp: Number(row.xp),
    idempotencyKey: row.idempotency_key as string,
    details: toDetails(row.details),
    createdAt: toDate(row.created_at),
  };
}

const challengeColumns = [
  'id',
  'kind',
  'title',
  'target',
  'progress',
  'status',
  'started_at',
  'ends_at',
  'completed_at',
];

function toChallenge(row: Record<string, unknown>): ChallengeRow {
  return {
    id: row.id as string,
    kind: row.kind as ChallengeKind,
    title: row.title as string,
    target: Number(row.target),
    progress: Number(row.progress),
    status: row.status as ChallengeStatus,
    startedAt: toDate(row.started_at),
    endsAt: toOptionalDate(row.ends_at),
    completedAt: toOptionalDate(row.completed_at),
  };
}

/** The only place gamification talks to the database. Every query is scoped by user. */
export const gamificationRepository = {
  async userExists(db: Db, userId: string): Promise<boolean> {
    return (await db('users').where({ id: userId }).first('id')) !== undefined;
  },

  async daySettings(db: Db, userId: string): Promise<DaySettings> {
    const row = await db('user_profiles').where({ user_id: userId }).first('timezone', 'day_start_hour');
    return row
      ? { timezone: row.timezone as string, dayStartHour: Number(row.day_start_hour) }
      : { timezone: 'UTC', dayStartHour: 0 };
  },

  /**
   * Creates the user's progress row if needed and locks it for the rest of the
   * transaction. Every gamification write takes this lock first, so one user's
   * concurrent writes queue here instead of losing updates or deadlocking.
   */
  async lockProgress(db: Db, userId: string, now: Date): Promise<ProgressRow> {
    try {
      await db('user_progress').insert({ user_id: userId, updated_at: now }).onConflict('user_id').ignore();
    } catch (error) {
      if (isForeignKeyViolation(error))
        throw new NotFoundError('User not found', { userId }, { cause: error });
      throw error;
    }
    const row = await db('user_progress').where({ user_id: userId }).forUpdate().first('total_xp', 'level');
    return { totalXp: Number(row.total_xp), level: Number(row.level) };
  },

  async findProgress(db: Db, userId: string): Promise<ProgressRow | null> {
    const row = await db('user_progress').where({ user_id: userId }).first('total_xp', 'level');
    return row ? { totalXp: Number(row.total_xp), level: Number(row.level) } : null;
  },

  /** Adds XP atomically (no read-modify-write) and returns the new total. */
  async addXp(db: Db, userId: string, xp: number, now: Date): Promise<number> {
    const result = await db.raw(
      `INSERT INTO user_progress (user_id, total_xp, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE
         SET total_xp = user_progress.total_xp + excluded.total_xp, updated_at = excluded.updated_at
       RETURNING total_xp`,
      [userId, xp, now],
    );
    return Number((result.rows as Array<{ total_xp: unknown }>)[0]?.total_xp);
  },

  async setLevel(db: Db, userId: string, level: number): Promise<void> {
    await db('user_progress').where({ user_id: userId }).update({ level });
  },

  /** Records an award; false when its idempotency key was already paid. */
  async insertXpEvent(
    db: Db,
    event: { userId: string; action: string; xp: number; key: string; details: object; createdAt: Date },
  ): Promise<boolean> {
    const inserted = await db('xp_events')
      .insert({
        user_id: event.userId,
        action: event.action,
        xp: event.xp,
        idempotency_key: event.key,
        details: JSON.stringify(event.details),
        created_at: event.createdAt,
      })
      .onConflict(['user_id', 'idempotency_key'])
      .ignore()
      .returning('id');
    return inserted.length === 1;
  },

  async listXpEvents(db: Db, userId: string, page: { limit: number; before?: Date }): Promise<XpEventRow[]> {
    const query = db('xp_events')
      .where({ user_id: userId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(page.limit)
      .select('id', 'action', 'xp', 'idempotency_key', 'details', 'created_at');
    if (page.before) query.andWhere('created_at', '<', page.before);
    return (await query).map(toXpEvent);
  },

  /** Logged things per action: one xp_events row per source, so repeats never inflate counts. */
  async countXpEventsByAction(
    db: Db,
    userId: string,
    actions: readonly string[],
  ): Promise<Record<string, number>> {
    if (actions.length === 0) return {};
    const rows: Array<Record<string, unknown>> = await db('xp_events')
      .where({ user_id: userId })
      .whereIn('action', actions)
      .groupBy('action')
      .select('action', db.raw('count(*) as count'));
    return Object.fromEntries(rows.map((row) => [row.action as string, Number(row.count)]));
  },

  async lockStreak(db: Db, userId: string, domain: StreakDomain): Promise<StreakState | null> {
    const row = await db('streaks')
      .where({ user_id: userId, domain })
      .forUpdate()
      .first(...streakColumns.map((column) => db.raw(column)));
    return row ? toStreak(row) : null;
  },

  async saveStreak(
    db: Db,
    userId: string,
    domain: StreakDomain,
    state: StreakState,
    now: Date,
  ): Promise<void> {
    await db('streaks')
      .insert({
        user_id: userId,
        domain,
        current_days: state.currentDays,
        longest_days: state.longestDays,
        last_day: state.lastDay,
        freezes_left: state.freezesLeft,
        freezes_refilled_on: state.freezesRefilledOn,
        run_started_on: state.runStartedOn,
        updated_at: now,
      })
      .onConflict(['user_id', 'domain'])
      .merge();
  },

  async listStreaks(db: Db, userId: string): Promise<StreakRow[]> {
    const rows = await db('streaks')
      .where({ user_id: userId })
      .select(...streakColumns.map((column) => db.raw(column)));
    return rows.map(toStreak);
  },

  async listAchievements(db: Db): Promise<AchievementDefinition[]> {
    const rows = await db('achievements').orderBy('id').select('id', 'name', 'description', 'xp', 'criteria');
    return rows.map((row) => ({
      id: row.id as string,
      name: row.name as string,
      description: row.description as string,
      xp: Number(row.xp),
      criteria: parseCriteria(toDetails(row.criteria)),
    }));
  },

  async listUserAchievements(
    db: Db,
    userId: string,
  ): Promise<Array<{ achievementId: string; awardedAt: Date }>> {
    const rows = await db('user_achievements')
      .where({ user_id: userId })
      .select('achievement_id', 'awarded_at');
    return rows.map((row) => ({
      achievementId: row.achievement_id as string,
      awardedAt: toDate(row.awarded_at),
    }));
  },

  /** The primary key (user_id, achievement_id) decides: true for exactly one caller, ever. */
  async insertUserAchievement(
    db: Db,
    userId: string,
    achievementId: string,
    awardedAt: Date,
  ): Promise<boolean> {
    const inserted = await db('user_achievements')
      .insert({ user_id: userId, achievement_id: achievementId, awarded_at: awardedAt })
      .onConflict(['user_id', 'achievement_id'])
      .ignore()
      .returning('achievement_id');
    return inserted.length === 1;
  },

  async insertChallenge(
    db: Db,
    challenge: {
      userId: string;
      kind: ChallengeKind;
      title: string;
      target: number;
      startedAt: Date;
      endsAt: Date | null;
    },
  ): Promise<ChallengeRow> {
    const [row] = await db('challenges')
      .insert({
        user_id: challenge.userId,
        kind: challenge.kind,
        title: challenge.title,
        target: challenge.target,
        started_at: challenge.startedAt,
        ends_at: challenge.endsAt,
      })
      .returning(challengeColumns);
    return toChallenge(row);
  },

  async findChallenge(
    db: Db,
    userId: string,
    challengeId: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<ChallengeRow | null> {
    const query = db('challenges').where({ user_id: userId, id: challengeId }).first(challengeColumns);
    if (options.forUpdate) query.forUpdate();
    const row = await query;
    return row ? toChallenge(row) : null;
  },

  async listChallenges(
    db: Db,
    userId: string,
    filter: { status?: ChallengeStatus; limit: number },
  ): Promise<ChallengeRow[]> {
    const query = db('challenges')
      .where({ user_id: userId })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit)
      .select(challengeColumns);
    if (filter.status) query.andWhere({ status: filter.status });
    return (await query).map(toChallenge);
  },

  /** Active challenges that have not ended by `now`. */
  async countOpenChallenges(db: Db, userId: string, now: Date): Promise<number> {
    const row = await db('challenges')
      .where({ user_id: userId, status: 'active' })
      .andWhere((where) => where.whereNull('ends_at').orWhere('ends_at', '>', now))
      .count({ count: '*' })
      .first();
    return Number(row?.count ?? 0);
  },

  /** Active challenges of these kinds not ended at `at`, locked for progress. */
  async lockActiveChallenges(
    db: Db,
    userId: string,
    kinds: readonly ChallengeKind[],
    at: Date,
  ): Promise<ChallengeRow[]> {
    if (kinds.length === 0) return [];
    const rows = await db('challenges')
      .where({ user_id: userId, status: 'active' })
      .whereIn('kind', kinds)
      .andWhere((where) => where.whereNull('ends_at').orWhere('ends_at', '>', at))
      .orderBy('id')
      .forUpdate()
      .select(challengeColumns);
    return rows.map(toChallenge);
  },

  /** Adds progress; returns the new progress. */
  async addChallengeProgress(db: Db, userId: string, challengeId: string, amount: number): Promise<number> {
    const [row] = await db('challenges')
      .where({ user_id: userId, id: challengeId })
      .update({ progress: db.raw('progress + ?', [amount]) })
      .returning('progress');
    return Number(row.progress);
  },

  /**
   * Counts a local day once for a daily challenge: adds 1 and remembers the day,
   * or does nothing when the day was already counted. Returns the new progress,
   * or null when the day had counted before.
   */
  async countChallengeDay(db: Db, userId: string, challengeId: string, day: string): Promise<number | null> {
    const rows = await db('challenges')
      .where({ user_id: userId, id: challengeId })
      .andWhereRaw('NOT (?::text = ANY(counted_days))', [day])
      .update({
        progress: db.raw('progress + 1'),
        counted_days: db.raw('array_append(counted_days, ?::text)', [day]),
      })
      .returning('progress');
    return rows.length === 1 ? Number(rows[0].progress) : null;
  },

  async markChallengeCompleted(
    db: Db,
    userId: string,
    challengeId: string,
    now: Date,
  ): Promise<ChallengeRow> {
    const [row] = await db('challenges')
      .where({ user_id: userId, id: challengeId })
      .update({ status: 'completed', completed_at: now, progress: db.raw('GREATEST(progress, target)') })
      .returning(challengeColumns);
    return toChallenge(row);
  },

  async markChallengeAbandoned(db: Db, userId: string, challengeId: string): Promise<ChallengeRow> {
    const [row] = await db('challenges')
      .where({ user_id: userId, id: challengeId })
      .update({ status: 'abandoned' })
      .returning(challengeColumns);
    return toChallenge(row);
  },
};
