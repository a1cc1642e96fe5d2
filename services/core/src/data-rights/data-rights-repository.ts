import type { Knex } from 'knex';
import type { Db } from '../db/db.js';
import type { ExportListSection, ExportRecord } from './data-rights-types.js';
import type { FoodCsvEntry } from './food-csv.js';

interface SectionQuery {
  table: string;
  /** Columns that never leave the database: secrets and derived data. */
  omit?: string[];
  orderBy: string;
}

/**
 * The user's rows per export section. Every table that references users(id) with
 * ON DELETE CASCADE appears here; data-rights.int.test.ts checks that against the
 * catalogue so a new table cannot be forgotten silently.
 */
export const exportSectionQueries: Record<Exclude<ExportListSection, 'achievements'>, SectionQuery> = {
  apiKeys: { table: 'api_keys', omit: ['key_hash'], orderBy: 'created_at, id' },
  foodEntries: { table: 'food_entries', orderBy: 'eaten_at, id' },
  metricEntries: { table: 'metric_entries', orderBy: 'recorded_at, id' },
  customTrackers: { table: 'custom_trackers', orderBy: 'created_at, id' },
  trackerEntries: { table: 'tracker_entries', orderBy: 'recorded_at, id' },
  xpEvents: { table: 'xp_events', orderBy: 'created_at, id' },
  streaks: { table: 'streaks', orderBy: 'domain' },
  challenges: { table: 'challenges', orderBy: 'started_at, id' },
  reminders: { table: 'reminders', orderBy: 'created_at, id' },
  reminderEvents: { table: 'reminder_events', orderBy: 'created_at, id' },
  memories: { table: 'memories', omit: ['search'], orderBy: 'created_at, id' },
  conversationMessages: { table: 'conversation_messages', orderBy: 'id' },
  toolExecutions: { table: 'tool_executions', orderBy: 'created_at, id' },
  outboxMessages: { table: 'outbox_messages', orderBy: 'created_at, id' },
};

/** Tables holding a user's data outside the list sections: the user row, profile, progress and awards. */
export const singleRowTables = ['users', 'user_profiles', 'user_progress', 'user_achievements'];

function camelKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Top-level keys only: jsonb columns (items, details...) keep the shape they were stored with. */
function toExportRecord(row: unknown): ExportRecord {
  const record: ExportRecord = {};
  for (const [key, value] of Object.entries(row as Record<string, unknown>)) record[camelKey(key)] = value;
  return record;
}

async function jsonRows(db: Db, sql: string, bindings: readonly Knex.RawBinding[]): Promise<ExportRecord[]> {
  const result = (await db.raw(sql, bindings)) as { rows: Array<{ row: unknown }> };
  return result.rows.map((row) => toExportRecord(row.row));
}

export interface UserReference {
  table: string;
  column: string;
}

/** The data-rights feature's SQL: read everything of a user, and delete it. */
export const dataRightsRepository = {
  /**
   * Makes to_jsonb() write timestamps in UTC for the rest of the transaction. to_jsonb is
   * used so numeric, bigint and date columns come out as exact JSON on pg and PGlite alike.
   */
  async useUtcTimestamps(db: Db): Promise<void> {
    await db.raw("SET LOCAL TimeZone TO 'UTC'");
  },

  async userExists(db: Db, userId: string, options: { lock?: boolean } = {}): Promise<boolean> {
    const query = db('users').select('id').where('id', userId);
    if (options.lock) query.forUpdate();
    return (await query.first()) !== undefined;
  },

  async userRecord(db: Db, userId: string): Promise<ExportRecord | null> {
    const [row] = await jsonRows(db, 'SELECT to_jsonb(t) AS row FROM users t WHERE t.id = ?', [userId]);
    return row ?? null;
  },

  async profileRecord(db: Db, userId: string): Promise<ExportRecord | null> {
    const [row] = await jsonRows(db, 'SELECT to_jsonb(t) AS row FROM user_profiles t WHERE t.user_id = ?', [
      userId,
    ]);
    return row ?? null;
  },

  async progressRecord(db: Db, userId: string): Promise<ExportRecord | null> {
    const [row] = await jsonRows(db, 'SELECT to_jsonb(t) AS row FROM user_progress t WHERE t.user_id = ?', [
      userId,
    ]);
    return row ?? null;
  },

  /** Awarded achievements with their names, so the export reads without the catalogue. */
  async achievementRecords(db: Db, userId: string): Promise<ExportRecord[]> {
    return jsonRows(
      db,
      `SELECT to_jsonb(t) || jsonb_build_object('name', a.name, 'description', a.description) AS row
       FROM user_achievements t JOIN achievements a ON a.id = t.achievement_id
       WHERE t.user_id = ? ORDER BY t.awarded_at, t.achievement_id`,
      [userId],
    );
  },

  async sectionRecords(
    db: Db,
    section: keyof typeof exportSectionQueries,
    userId: string,
  ): Promise<ExportRecord[]> {
    const spec = exportSectionQueries[section];
    const omit = (spec.omit ?? []).map(() => ' - ?::text').join('');
    // Table and ORDER BY come from the constant map above, never from input.
    return jsonRows(
      db,
      `SELECT to_jsonb(t)${omit} AS row FROM ?? t WHERE t.user_id = ? ORDER BY ${spec.orderBy}`,
      [...(spec.omit ?? []), spec.table, userId],
    );
  },

  async daySettings(db: Db, userId: string): Promise<{ timezone: string; dayStartHour: number } | null> {
    const row: { timezone: string; day_start_hour: number } | undefined = await db('user_profiles')
      .select('timezone', 'day_start_hour')
      .where('user_id', userId)
      .first();
    return row ? { timezone: row.timezone, dayStartHour: Number(row.day_start_hour) } : null;
  },

  /** Confirmed entries only: drafts were never logged. */
  async confirmedFoodEntries(db: Db, userId: string): Promise<FoodCsvEntry[]> {
    const rows: Array<{ id: string; eaten_at: Date; meal: string | null; source: string; items: unknown }> =
      await db('food_entries')
        .select('id', 'eaten_at', 'meal', 'source', 'items')
        .where({ user_id: userId, status: 'confirmed' })
        .orderBy([{ column: 'eaten_at' }, { column: 'id' }]);
    return rows.map((row) => ({
      id: row.id,
      eatenAt: new Date(row.eaten_at),
      meal: row.meal,
      source: row.source,
      items: Array.isArray(row.items) ? row.items : [],
    }));
  },

  /**
   * Every column that can point at a user, read from the catalogue: foreign keys to
   * users(id), plus any uuid column named user_id even without one (a table that
   * forgot its foreign key would otherwise keep data after a deletion).
   */
  async userReferences(db: Db): Promise<UserReference[]> {
    const result = (await db.raw(
      `SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
       WHERE c.contype = 'f' AND c.confrelid = 'users'::regclass
       UNION
       SELECT col.table_name, col.column_name
       FROM information_schema.columns col
       JOIN information_schema.tables tab
         ON tab.table_schema = col.table_schema AND tab.table_name = col.table_name
       WHERE col.table_schema = current_schema() AND col.column_name = 'user_id'
         AND col.data_type = 'uuid' AND tab.table_type = 'BASE TABLE'
       ORDER BY 1, 2`,
    )) as { rows: UserReference[] };
    return result.rows;
  },

  async countReferences(db: Db, reference: UserReference, userId: string): Promise<number> {
    const [row] = await db(reference.table)
      .where(reference.column, userId)
      .count<Array<{ count: string | number }>>('* as count');
    return Number(row?.count ?? 0);
  },

  /** Deletes the user row; foreign keys cascade to (or null out) everything pointing at it. */
  async deleteUserRow(db: Db, userId: string): Promise<boolean> {
    const deleted = await db('users').where('id', userId).del().returning('id');
    return deleted.length > 0;
  },
};
