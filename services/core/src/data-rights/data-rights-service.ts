import type { Knex } from 'knex';
import { z } from 'zod';
import { type AuditActor, recordAuditEvent } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { NotFoundError, parseInput } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import {
  exportSectionQueries,
  dataRightsRepository as repo,
  type UserReference,
} from './data-rights-repository.js';
import {
  type DeleteUserResult,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportRecord,
  type UserDataExport,
} from './data-rights-types.js';
import { foodCsv } from './food-csv.js';

export interface DataRightsServiceDependencies {
  /** The pool, not a transaction: the service opens its own (a snapshot for exports). */
  db: Knex;
  clock: Clock;
  logger: Logger;
}

/** A user's right to their data: take it all with them, or have it all deleted. Both are audited. */
export interface DataRightsService {
  /** Everything stored about the user, as one JSON document from one consistent snapshot. */
  exportUserData(userId: string, actor: AuditActor): Promise<UserDataExport>;
  /** The food diary as RFC 4180 CSV, one row per food item of every confirmed entry. */
  exportFoodCsv(userId: string, actor: AuditActor): Promise<string>;
  /** Deletes the user and everything of theirs in one transaction, and checks nothing is left. */
  deleteUser(userId: string, actor: AuditActor): Promise<DeleteUserResult>;
}

const actorSchema = z.object({
  type: z.enum(['user', 'admin', 'system', 'agent']),
  id: z.string().max(200).nullable(),
});

function referenceLabel(reference: UserReference): string {
  return reference.column === 'user_id' ? reference.table : `${reference.table}.${reference.column}`;
}

/** Rows still pointing at the user after the cascade: the deletion must not commit then. */
export class UserDataLeftBehindError extends Error {
  constructor(readonly leftovers: Record<string, number>) {
    super(`rows still reference the deleted user: ${JSON.stringify(leftovers)}`);
    this.name = 'UserDataLeftBehindError';
  }
}

async function countReferences(db: Db, references: UserReference[], userId: string) {
  const counts: Record<string, number> = {};
  for (const reference of references) {
    const count = await repo.countReferences(db, reference, userId);
    if (count > 0) counts[referenceLabel(reference)] = count;
  }
  return counts;
}

export function createDataRightsService(deps: DataRightsServiceDependencies): DataRightsService {
  const { db, clock, logger } = deps;

  function inputs(userId: string, actor: AuditActor) {
    return {
      userId: parseInput(z.uuid(), userId, 'user id'),
      actor: parseInput(actorSchema, actor, 'actor'),
    };
  }

  async function audit(
    executor: Db,
    event: { actor: AuditActor; action: string; userId: string; startedAt: Date; error?: unknown },
    details: Record<string, unknown>,
  ): Promise<void> {
    const finishedAt = clock.now();
    const failed = event.error !== undefined;
    await recordAuditEvent(executor, {
      actorType: event.actor.type,
      actorId: event.actor.id,
      action: event.action,
      targetType: 'user',
      targetId: event.userId,
      outcome: failed ? 'failure' : 'success',
      durationMs: Math.max(0, finishedAt.getTime() - event.startedAt.getTime()),
      details: failed
        ? { ...details, reason: event.error instanceof NotFoundError ? 'user_not_found' : 'error' }
        : details,
      occurredAt: finishedAt,
    });
  }

  /** Runs an export and audits it either way; a failed export leaves a 'failure' row. */
  async function audited<T>(
    userId: string,
    actor: AuditActor,
    details: Record<string, unknown>,
    run: () => Promise<{ value: T; details?: Record<string, unknown> }>,
  ): Promise<T> {
    const startedAt = clock.now();
    let outcome: { value: T; details?: Record<string, unknown> };
    try {
      outcome = await run();
    } catch (error) {
      await audit(db, { actor, action: 'user.export', userId, startedAt, error }, details);
      throw error;
    }
    await audit(db, { actor, action: 'user.export', userId, startedAt }, { ...details, ...outcome.details });
    return outcome.value;
  }

  return {
    async exportUserData(rawUserId, rawActor) {
      const { userId, actor } = inputs(rawUserId, rawActor);
      const document = await audited(userId, actor, { format: 'json' }, async () => {
        const value = await db.transaction(
          async (trx) => {
            await repo.useUtcTimestamps(trx);
            const user = await repo.userRecord(trx, userId);
            if (!user) throw new NotFoundError('User not found', { userId });
            const sections = {} as Record<keyof typeof exportSectionQueries, ExportRecord[]>;
            for (const section of Object.keys(exportSectionQueries) as Array<
              keyof typeof exportSectionQueries
            >) {
              sections[section] = await repo.sectionRecords(trx, section, userId);
            }
            const exported: UserDataExport = {
              format: EXPORT_FORMAT,
              version: EXPORT_VERSION,
              exportedAt: clock.now().toISOString(),
              user,
              profile: await repo.profileRecord(trx, userId),
              progress: await repo.progressRecord(trx, userId),
              achievements: await repo.achievementRecords(trx, userId),
              ...sections,
            };
            return exported;
          },
          { isolationLevel: 'repeatable read', readOnly: true },
        );
        return { value };
      });
      logger.info({ userId, actorType: actor.type }, 'user data exported');
      return document;
    },

    async exportFoodCsv(rawUserId, rawActor) {
      const { userId, actor } = inputs(rawUserId, rawActor);
      return audited(userId, actor, { format: 'csv' }, async () => {
        if (!(await repo.userExists(db, userId))) throw new NotFoundError('User not found', { userId });
        const settings = (await repo.daySettings(db, userId)) ?? { timezone: 'UTC', dayStartHour: 0 };
        const entries = await repo.confirmedFoodEntries(db, userId);
        logger.info({ userId, entries: entries.length }, 'food diary exported as CSV');
        return { value: foodCsv(entries, settings), details: { entries: entries.length } };
      });
    },

    async deleteUser(rawUserId, rawActor) {
      const { userId, actor } = inputs(rawUserId, rawActor);
      const startedAt = clock.now();
      try {
        const result = await db.transaction(async (trx) => {
          if (!(await repo.userExists(trx, userId, { lock: true }))) {
            throw new NotFoundError('User not found', { userId });
          }
          const references = await repo.userReferences(trx);
          const deletedRows = await countReferences(trx, references, userId);
          await repo.deleteUserRow(trx, userId);
          const leftovers = await countReferences(trx, references, userId);
          if (Object.keys(leftovers).length > 0) throw new UserDataLeftBehindError(leftovers);
          await audit(trx, { actor, action: 'user.delete', userId, startedAt }, { deletedRows });
          return { userId, deletedRows: { users: 1, ...deletedRows } };
        });
        logger.info({ userId, actorType: actor.type, deletedRows: result.deletedRows }, 'user deleted');
        return result;
      } catch (error) {
        await audit(db, { actor, action: 'user.delete', userId, startedAt, error }, {});
        if (error instanceof UserDataLeftBehindError) {
          logger.error({ userId, leftovers: error.leftovers }, 'user deletion rolled back: data left behind');
        }
        throw error;
      }
    },
  };
}
