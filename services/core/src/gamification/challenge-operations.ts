import { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/index.js';
import { daysBetween, localDayOf } from '../time/local-day.js';
import type { ActivityRecorder } from './activity.js';
import { isAutomaticKind, isDailyKind, isWholeUnitKind } from './challenge-rules.js';
import { type ChallengeRow, gamificationRepository as repo } from './gamification-repository.js';
import {
  type ChallengeListQuery,
  type ChallengeProgressInput,
  challengeListQuerySchema,
  challengeProgressSchema,
  type StartChallengeInput,
  startChallengeSchema,
  validationIssues,
} from './gamification-schemas.js';
import type { ChallengeView } from './gamification-types.js';

export interface ChallengeOperationsDeps {
  db: Db;
  clock: Clock;
  recorder: ActivityRecorder;
  /** Open (active, not ended) challenges a user may hold at once. */
  maxOpenChallenges: number;
}

/** The longest a challenge may run, and the most days a daily challenge may ask for. */
const maxChallengeDays = 366;
const dayMs = 86_400_000;

const uuid = z.uuid();

export function toChallengeView(row: ChallengeRow, now: Date): ChallengeView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    target: row.target,
    progress: row.progress,
    status: row.status,
    automatic: isAutomaticKind(row.kind),
    startedAt: row.startedAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    ended: row.status === 'active' && row.endsAt !== null && row.endsAt <= now,
  };
}

function invalid(what: string, path: string, message: string): ValidationError {
  return new ValidationError(`Invalid ${what}`, [{ path, message }]);
}

/** Challenges: start, list, manual progress, complete, abandon. Every write holds the user's progress lock. */
export class ChallengeOperations {
  constructor(private readonly deps: ChallengeOperationsDeps) {}

  async start(userId: string, input: StartChallengeInput): Promise<ChallengeView> {
    const parsed = startChallengeSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError('Invalid challenge', validationIssues(parsed.error));
    const { kind, title, target } = parsed.data;
    const now = this.deps.clock.now();
    const endsAt = parsed.data.endsAt ? new Date(parsed.data.endsAt) : null;
    if (endsAt && endsAt <= now) throw invalid('challenge', 'endsAt', 'must be in the future');
    if (endsAt && endsAt.getTime() - now.getTime() > maxChallengeDays * dayMs) {
      throw invalid('challenge', 'endsAt', `must be within ${maxChallengeDays} days`);
    }
    if (isWholeUnitKind(kind) && !Number.isInteger(target)) {
      throw invalid('challenge', 'target', 'must be a whole number for this kind');
    }
    if (isDailyKind(kind) && target > maxChallengeDays) {
      throw invalid('challenge', 'target', `must be at most ${maxChallengeDays} days`);
    }
    this.requireUuid(userId, 'User');
    return this.deps.db.transaction(async (trx) => {
      await repo.lockProgress(trx, userId, now);
      if (isDailyKind(kind) && endsAt) {
        const settings = await repo.daySettings(trx, userId);
        const lastDay = localDayOf(new Date(endsAt.getTime() - 1), settings);
        const daysAvailable = daysBetween(localDayOf(now, settings), lastDay) + 1;
        if (target > daysAvailable) {
          throw invalid('challenge', 'target', `only ${daysAvailable} day(s) fit before endsAt`);
        }
      }
      if ((await repo.countOpenChallenges(trx, userId, now)) >= this.deps.maxOpenChallenges) {
        throw new ConflictError(`At most ${this.deps.maxOpenChallenges} open challenges at a time`, {
          maxOpenChallenges: this.deps.maxOpenChallenges,
        });
      }
      const row = await repo.insertChallenge(trx, { userId, kind, title, target, startedAt: now, endsAt });
      return toChallengeView(row, now);
    });
  }

  async list(userId: string, query: ChallengeListQuery = {}): Promise<ChallengeView[]> {
    const parsed = challengeListQuerySchema.safeParse(query);
    if (!parsed.success) throw new ValidationError('Invalid challenge query', validationIssues(parsed.error));
    await this.requireUser(userId);
    const now = this.deps.clock.now();
    const rows = await repo.listChallenges(this.deps.db, userId, {
      limit: parsed.data.limit,
      ...(parsed.data.status ? { status: parsed.data.status } : {}),
    });
    return rows.map((row) => toChallengeView(row, now));
  }

  async get(userId: string, challengeId: string): Promise<ChallengeView> {
    this.requireUuid(challengeId, 'Challenge');
    this.requireUuid(userId, 'Challenge');
    const row = await repo.findChallenge(this.deps.db, userId, challengeId);
    if (!row) throw new NotFoundError('Challenge not found', { challengeId });
    return toChallengeView(row, this.deps.clock.now());
  }

  /** Progress by hand, for custom challenges; reaching the target completes it. */
  async addProgress(
    userId: string,
    challengeId: string,
    input: ChallengeProgressInput,
  ): Promise<ChallengeView> {
    const parsed = challengeProgressSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError('Invalid progress', validationIssues(parsed.error));
    return this.mutateOpen(userId, challengeId, async (trx, challenge, now) => {
      if (isAutomaticKind(challenge.kind)) {
        throw new ConflictError('This challenge progresses by itself from your logs', {
          kind: challenge.kind,
        });
      }
      const progress = await repo.addChallengeProgress(trx, userId, challengeId, parsed.data.amount);
      if (progress < challenge.target) return { ...challenge, progress };
      return this.complete(trx, userId, challengeId, now);
    });
  }

  /** Declares a custom challenge done; automatic ones complete themselves when their target is reached. */
  async completeByUser(userId: string, challengeId: string): Promise<ChallengeView> {
    return this.mutateOpen(userId, challengeId, async (trx, challenge, now) => {
      if (isAutomaticKind(challenge.kind)) {
        throw new ConflictError('This challenge completes by itself when its target is reached', {
          kind: challenge.kind,
          progress: challenge.progress,
          target: challenge.target,
        });
      }
      return this.complete(trx, userId, challengeId, now);
    });
  }

  async abandon(userId: string, challengeId: string): Promise<ChallengeView> {
    this.requireUuid(challengeId, 'Challenge');
    this.requireUuid(userId, 'Challenge');
    const now = this.deps.clock.now();
    return this.deps.db.transaction(async (trx) => {
      const challenge = await this.lockChallenge(trx, userId, challengeId, now);
      if (challenge.status !== 'active') {
        throw new ConflictError(`The challenge is already ${challenge.status}`, { status: challenge.status });
      }
      return toChallengeView(await repo.markChallengeAbandoned(trx, userId, challengeId), now);
    });
  }

  private async complete(trx: Db, userId: string, challengeId: string, now: Date): Promise<ChallengeRow> {
    const completed = await repo.markChallengeCompleted(trx, userId, challengeId, now);
    await this.deps.recorder.recordActivity(trx, {
      userId,
      action: 'challenge_completed',
      sourceId: challengeId,
      occurredAt: now,
    });
    return completed;
  }

  /** Runs a change on an active challenge that has not ended, under the user's lock. */
  private mutateOpen(
    userId: string,
    challengeId: string,
    change: (trx: Db, challenge: ChallengeRow, now: Date) => Promise<ChallengeRow>,
  ): Promise<ChallengeView> {
    this.requireUuid(challengeId, 'Challenge');
    this.requireUuid(userId, 'Challenge');
    const now = this.deps.clock.now();
    return this.deps.db.transaction(async (trx) => {
      const challenge = await this.lockChallenge(trx, userId, challengeId, now);
      if (challenge.status !== 'active') {
        throw new ConflictError(`The challenge is already ${challenge.status}`, { status: challenge.status });
      }
      if (challenge.endsAt && challenge.endsAt <= now) {
        throw new ConflictError('The challenge has ended', { endsAt: challenge.endsAt.toISOString() });
      }
      return toChallengeView(await change(trx, challenge, now), now);
    });
  }

  /** The user's lock first (the order every gamification write uses), then the challenge row. */
  private async lockChallenge(
    trx: Db,
    userId: string,
    challengeId: string,
    now: Date,
  ): Promise<ChallengeRow> {
    await repo.lockProgress(trx, userId, now).catch((error: unknown) => {
      // An unknown user must look exactly like an unknown challenge.
      if (error instanceof NotFoundError) throw new NotFoundError('Challenge not found', { challengeId });
      throw error;
    });
    const challenge = await repo.findChallenge(trx, userId, challengeId, { forUpdate: true });
    if (!challenge) throw new NotFoundError('Challenge not found', { challengeId });
    return challenge;
  }

  private async requireUser(userId: string): Promise<void> {
    this.requireUuid(userId, 'User');
    if (!(await repo.userExists(this.deps.db, userId))) throw new NotFoundError('User not found', { userId });
  }

  /** A malformed id names nothing: it is not found, like any other unknown id. */
  private requireUuid(id: string, what: 'User' | 'Challenge'): void {
    if (!uuid.safeParse(id).success) throw new NotFoundError(`${what} not found`, { id });
  }
}
