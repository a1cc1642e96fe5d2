import type { Db } from '../db/db.js';
import type { TrackerField } from './tracker-fields.js';
import type { Tracker, TrackerEntry, TrackerValue } from './tracker-types.js';

/** The only place that reads or writes custom_trackers and tracker_entries; every query is scoped by user_id. */

interface TrackerRow {
  id: string;
  user_id: string;
  name: string;
  description: string;
  fields: TrackerField[];
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface TrackerEntryRow {
  id: string;
  tracker_id: string;
  user_id: string;
  values: Record<string, TrackerValue>;
  note: string | null;
  recorded_at: Date;
  created_at: Date;
}

const toTracker = (row: TrackerRow): Tracker => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  description: row.description,
  fields: row.fields,
  archivedAt: row.archived_at ? new Date(row.archived_at) : null,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

const toEntry = (row: TrackerEntryRow): TrackerEntry => ({
  id: row.id,
  trackerId: row.tracker_id,
  userId: row.user_id,
  values: row.values,
  note: row.note,
  recordedAt: new Date(row.recorded_at),
  createdAt: new Date(row.created_at),
});

/** PostgreSQL's unique_violation, reported alike by pg and PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export async function userExists(db: Db, userId: string): Promise<boolean> {
  return (await db('users').where({ id: userId }).first('id')) !== undefined;
}

export async function insertTracker(
  db: Db,
  tracker: { userId: string; name: string; description: string; fields: TrackerField[]; now: Date },
): Promise<Tracker> {
  const [row] = await db('custom_trackers')
    .insert({
      user_id: tracker.userId,
      name: tracker.name,
      description: tracker.description,
      fields: JSON.stringify(tracker.fields),
      created_at: tracker.now,
      updated_at: tracker.now,
    })
    .returning<TrackerRow[]>('*');
  return toTracker(row!);
}

export async function countActiveTrackers(db: Db, userId: string): Promise<number> {
  const [row] = await db('custom_trackers')
    .where({ user_id: userId })
    .whereNull('archived_at')
    .count({ count: '*' });
  return Number(row?.count ?? 0);
}

export async function listTrackers(db: Db, userId: string, includeArchived: boolean): Promise<Tracker[]> {
  const query = db('custom_trackers').where({ user_id: userId });
  if (!includeArchived) query.whereNull('archived_at');
  const rows: TrackerRow[] = await query.orderBy([{ column: 'created_at' }, { column: 'id' }]).select('*');
  return rows.map(toTracker);
}

export async function findTracker(db: Db, userId: string, trackerId: string): Promise<Tracker | undefined> {
  const row = await db('custom_trackers')
    .where({ id: trackerId, user_id: userId })
    .first<TrackerRow | undefined>('*');
  return row ? toTracker(row) : undefined;
}

export async function updateTracker(
  db: Db,
  userId: string,
  trackerId: string,
  patch: { name?: string; description?: string; archivedAt?: Date; now: Date },
): Promise<Tracker | undefined> {
  const [row] = await db('custom_trackers')
    .where({ id: trackerId, user_id: userId })
    .update({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.archivedAt !== undefined ? { archived_at: patch.archivedAt } : {}),
      updated_at: patch.now,
    })
    .returning<TrackerRow[]>('*');
  return row ? toTracker(row) : undefined;
}

export async function insertTrackerEntry(
  db: Db,
  entry: {
    trackerId: string;
    userId: string;
    values: Record<string, TrackerValue>;
    note: string | null;
    recordedAt: Date;
    now: Date;
  },
): Promise<TrackerEntry> {
  const [row] = await db('tracker_entries')
    .insert({
      tracker_id: entry.trackerId,
      user_id: entry.userId,
      values: JSON.stringify(entry.values),
      note: entry.note,
      recorded_at: entry.recordedAt,
      created_at: entry.now,
    })
    .returning<TrackerEntryRow[]>('*');
  return toEntry(row!);
}

export async function listTrackerEntries(
  db: Db,
  userId: string,
  trackerId: string,
  filter: { from?: Date; to?: Date; limit: number },
): Promise<TrackerEntry[]> {
  const query = db('tracker_entries').where({ user_id: userId, tracker_id: trackerId });
  if (filter.from) query.andWhere('recorded_at', '>=', filter.from);
  if (filter.to) query.andWhere('recorded_at', '<', filter.to);
  const rows: TrackerEntryRow[] = await query
    .orderBy([
      { column: 'recorded_at', order: 'desc' },
      { column: 'created_at', order: 'desc' },
    ])
    .limit(filter.limit)
    .select('*');
  return rows.map(toEntry);
}

/** True when the user's entry of that tracker existed and is gone. */
export async function deleteTrackerEntry(
  db: Db,
  userId: string,
  trackerId: string,
  entryId: string,
): Promise<boolean> {
  const deleted = await db('tracker_entries')
    .where({ id: entryId, tracker_id: trackerId, user_id: userId })
    .delete()
    .returning('id');
  return deleted.length > 0;
}
