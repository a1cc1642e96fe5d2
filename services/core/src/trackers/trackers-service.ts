import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { ConflictError, NotFoundError } from '../errors/index.js';
import type { ActivityRecorder } from '../gamification/activity.js';
import { isUuid, parseInput } from '../health-metrics/log-input-rules.js';
import type { Logger } from '../logging/logger.js';
import {
  type CreateTrackerInput,
  createTrackerInputSchema,
  type ListTrackersQuery,
  type LogTrackerEntryInput,
  listTrackersQuerySchema,
  type TrackerEntryListQuery,
  trackerBounds,
  trackerEntryInputSchema,
  trackerEntryListQuerySchema,
  type UpdateTrackerInput,
  updateTrackerInputSchema,
} from './tracker-inputs.js';
import type { CreatedTracker, LoggedTrackerEntry, Tracker, TrackerEntry } from './tracker-types.js';
import {
  countActiveTrackers,
  deleteTrackerEntry,
  findTracker,
  insertTracker,
  insertTrackerEntry,
  isUniqueViolation,
  listTrackerEntries,
  listTrackers,
  updateTracker,
  userExists,
} from './trackers-repository.js';

export interface TrackersService {
  /** Creates a tracker with typed fields; its name is unique per user, whatever the case. */
  createTracker(userId: string, input: CreateTrackerInput): Promise<CreatedTracker>;
  /** Active trackers, oldest first; archived ones too when asked. */
  listTrackers(userId: string, query?: ListTrackersQuery): Promise<Tracker[]>;
  getTracker(userId: string, trackerId: string): Promise<Tracker>;
  /** Renames or re-describes a tracker; its fields never change. */
  updateTracker(userId: string, trackerId: string, input: UpdateTrackerInput): Promise<Tracker>;
  /** Hides a tracker and stops new entries; its entries stay. Archiving twice keeps the first time. */
  archiveTracker(userId: string, trackerId: string): Promise<Tracker>;
  /** Logs values validated against the tracker's fields; errors name the failing field. */
  logEntry(userId: string, trackerId: string, input: LogTrackerEntryInput): Promise<LoggedTrackerEntry>;
  /** The tracker's entries, newest first, within [from, to). */
  listEntries(userId: string, trackerId: string, query?: TrackerEntryListQuery): Promise<TrackerEntry[]>;
  deleteEntry(userId: string, trackerId: string, entryId: string): Promise<void>;
}

export interface TrackersServiceDependencies {
  db: Db;
  clock: Clock;
  logger: Logger;
  activityRecorder: ActivityRecorder;
}

function nameTaken(name: string, cause: unknown): ConflictError {
  return new ConflictError(
    `You already have a tracker named "${name}" (it may be archived)`,
    { name },
    { cause },
  );
}

export function createTrackersService(deps: TrackersServiceDependencies): TrackersService {
  const { db, clock, logger, activityRecorder } = deps;

  /** The user's tracker; another user's id, a malformed id and a missing one all read "not found". */
  async function ownTracker(database: Db, userId: string, trackerId: string): Promise<Tracker> {
    const tracker =
      isUuid(userId) && isUuid(trackerId) ? await findTracker(database, userId, trackerId) : undefined;
    if (!tracker) throw new NotFoundError('Tracker not found', { trackerId });
    return tracker;
  }

  async function existingUser(database: Db, userId: string): Promise<void> {
    if (!isUuid(userId) || !(await userExists(database, userId))) {
      throw new NotFoundError('User not found', { userId });
    }
  }

  return {
    async createTracker(userId, input) {
      const parsed = parseInput(createTrackerInputSchema, input);
      const now = clock.now();
      try {
        return await db.transaction(async (trx) => {
          await existingUser(trx, userId);
          if ((await countActiveTrackers(trx, userId)) >= trackerBounds.activeTrackers) {
            throw new ConflictError(
              `You have ${trackerBounds.activeTrackers} active trackers already; archive one first`,
              { limit: trackerBounds.activeTrackers },
            );
          }
          const tracker = await insertTracker(trx, { userId, ...parsed, now });
          const activity = await activityRecorder.recordActivity(trx, {
            userId,
            action: 'tracker_created',
            sourceId: tracker.id,
            occurredAt: now,
          });
          logger.info({ userId, trackerId: tracker.id, fields: tracker.fields.length }, 'tracker created');
          return { tracker, activity };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(parsed.name, error);
        throw error;
      }
    },

    async listTrackers(userId, query = {}) {
      const { includeArchived } = parseInput(listTrackersQuerySchema, query);
      await existingUser(db, userId);
      return listTrackers(db, userId, includeArchived);
    },

    getTracker(userId, trackerId) {
      return ownTracker(db, userId, trackerId);
    },

    async updateTracker(userId, trackerId, input) {
      const patch = parseInput(updateTrackerInputSchema, input);
      await ownTracker(db, userId, trackerId);
      try {
        const updated = await updateTracker(db, userId, trackerId, { ...patch, now: clock.now() });
        if (!updated) throw new NotFoundError('Tracker not found', { trackerId });
        logger.info({ userId, trackerId }, 'tracker updated');
        return updated;
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(patch.name ?? '', error);
        throw error;
      }
    },

    async archiveTracker(userId, trackerId) {
      const tracker = await ownTracker(db, userId, trackerId);
      if (tracker.archivedAt) return tracker;
      const now = clock.now();
      const archived = await updateTracker(db, userId, trackerId, { archivedAt: now, now });
      if (!archived) throw new NotFoundError('Tracker not found', { trackerId });
      logger.info({ userId, trackerId }, 'tracker archived');
      return archived;
    },

    async logEntry(userId, trackerId, input) {
      const now = clock.now();
      return db.transaction(async (trx) => {
        const tracker = await ownTracker(trx, userId, trackerId);
        if (tracker.archivedAt) {
          throw new ConflictError(`Tracker "${tracker.name}" is archived and takes no new entries`, {
            trackerId,
          });
        }
        const parsed = parseInput(trackerEntryInputSchema(tracker.fields, now), input);
        const entry = await insertTrackerEntry(trx, {
          trackerId,
          userId,
          values: parsed.values,
          note: parsed.note || null,
          recordedAt: parsed.recordedAt ?? now,
          now,
        });
        const activity = await activityRecorder.recordActivity(trx, {
          userId,
          action: 'tracker_entry_logged',
          sourceId: entry.id,
          occurredAt: entry.recordedAt,
        });
        logger.info({ userId, trackerId, entryId: entry.id }, 'tracker entry logged');
        return { entry, activity };
      });
    },

    async listEntries(userId, trackerId, query = {}) {
      const filter = parseInput(trackerEntryListQuerySchema, query);
      await ownTracker(db, userId, trackerId);
      return listTrackerEntries(db, userId, trackerId, filter);
    },

    async deleteEntry(userId, trackerId, entryId) {
      await ownTracker(db, userId, trackerId);
      const deleted = isUuid(entryId) && (await deleteTrackerEntry(db, userId, trackerId, entryId));
      if (!deleted) throw new NotFoundError('Tracker entry not found', { entryId });
      logger.info({ userId, trackerId, entryId }, 'tracker entry deleted');
    },
  };
}
