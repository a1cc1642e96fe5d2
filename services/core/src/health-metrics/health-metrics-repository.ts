import type { Db } from '../db/db.js';
import type { DaySettings } from '../time/local-day.js';
import type { MetricDetailsByKind, MetricKind, StoredMetricEntry } from './health-metric-types.js';
import type { WeighIn } from './weight-trend.js';

/** The only place that reads or writes metric_entries; every query is scoped by user_id. */

interface MetricEntryRow {
  id: string;
  user_id: string;
  kind: MetricKind;
  value: string | number;
  unit: string;
  data: Record<string, unknown>;
  note: string | null;
  recorded_at: Date;
  created_at: Date;
}

export type NewMetricEntry = {
  [K in MetricKind]: {
    userId: string;
    kind: K;
    value: number;
    unit: string;
    details: MetricDetailsByKind[K];
    note: string | null;
    recordedAt: Date;
  };
}[MetricKind];

function toEntry(row: MetricEntryRow): StoredMetricEntry {
  // pg hands numeric columns over as strings, PGlite as numbers.
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    value: Number(row.value),
    unit: row.unit,
    details: row.data,
    note: row.note,
    recordedAt: new Date(row.recorded_at),
    createdAt: new Date(row.created_at),
  } as StoredMetricEntry;
}

/** The user's day settings, or undefined when there is no such user. */
export async function readDaySettings(db: Db, userId: string): Promise<DaySettings | undefined> {
  const row = await db('user_profiles')
    .where({ user_id: userId })
    .first<{ timezone: string; day_start_hour: number } | undefined>('timezone', 'day_start_hour');
  return row ? { timezone: row.timezone, dayStartHour: Number(row.day_start_hour) } : undefined;
}

export async function insertMetricEntry(
  db: Db,
  entry: NewMetricEntry,
  now: Date,
): Promise<StoredMetricEntry> {
  const [row] = await db('metric_entries')
    .insert({
      user_id: entry.userId,
      kind: entry.kind,
      value: entry.value,
      unit: entry.unit,
      data: JSON.stringify(entry.details),
      note: entry.note,
      recorded_at: entry.recordedAt,
      created_at: now,
    })
    .returning<MetricEntryRow[]>('*');
  return toEntry(row!);
}

export interface MetricEntryFilter {
  kind?: MetricKind;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit?: number;
  order?: 'asc' | 'desc';
}

export async function listMetricEntries(
  db: Db,
  userId: string,
  filter: MetricEntryFilter = {},
): Promise<StoredMetricEntry[]> {
  const query = db('metric_entries').where({ user_id: userId });
  if (filter.kind) query.andWhere({ kind: filter.kind });
  if (filter.from) query.andWhere('recorded_at', '>=', filter.from);
  if (filter.to) query.andWhere('recorded_at', '<', filter.to);
  const order = filter.order ?? 'desc';
  query.orderBy([
    { column: 'recorded_at', order },
    { column: 'created_at', order },
  ]);
  if (filter.limit !== undefined) query.limit(filter.limit);
  const rows: MetricEntryRow[] = await query.select('*');
  return rows.map(toEntry);
}

/** True when the user's entry existed and is gone. */
export async function deleteMetricEntry(db: Db, userId: string, entryId: string): Promise<boolean> {
  // returning() rather than the affected-row count, which the PGlite driver does not report.
  const deleted = await db('metric_entries').where({ id: entryId, user_id: userId }).delete().returning('id');
  return deleted.length > 0;
}

/**
 * The weight that applies at an instant: the latest weigh-in at or before it, else
 * (for a backdated entry logged before any earlier weigh-in) the latest one at all.
 */
export async function latestWeightKg(db: Db, userId: string, at: Date): Promise<number | undefined> {
  const row = await db('metric_entries')
    .where({ user_id: userId, kind: 'weight' })
    .orderByRaw('(recorded_at <= ?) DESC, recorded_at DESC, created_at DESC', [at])
    .first<{ value: string | number } | undefined>('value');
  return row ? Number(row.value) : undefined;
}

/** Weigh-ins recorded before an instant, newest first: one page of the walk back in time. */
export async function weighInsBefore(
  db: Db,
  userId: string,
  before: Date,
  limit: number,
): Promise<WeighIn[]> {
  const rows: Array<{ value: string | number; recorded_at: Date }> = await db('metric_entries')
    .where({ user_id: userId, kind: 'weight' })
    .andWhere('recorded_at', '<', before)
    .orderBy('recorded_at', 'desc')
    .limit(limit)
    .select('value', 'recorded_at');
  return rows.map((row) => ({ weightKg: Number(row.value), recordedAt: new Date(row.recorded_at) }));
}
