import type { Db } from '../db/db.js';
import type {
  ClaimedReminder,
  DeliveryProfile,
  Reminder,
  ReminderCondition,
  ReminderEvent,
  ReminderEventAction,
  ReminderKind,
} from './reminder-types.js';

interface ReminderRow {
  id: string;
  user_id: string;
  kind: ReminderKind;
  message: string;
  time_of_day: string | null;
  weekdays: Array<number | string>;
  run_at: Date | null;
  condition: ReminderCondition | null;
  condition_window_minutes: number | string | null;
  enabled: boolean;
  paused_reason: string | null;
  next_run_at: Date | null;
  claimed_by: string | null;
  claimed_until: Date | null;
  last_sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface ClaimedRow extends ReminderRow {
  timezone: string | null;
  quiet_hours_start: number | string | null;
  quiet_hours_end: number | string | null;
  telegram_id: string | number | null;
}

interface EventRow {
  id: string;
  reminder_id: string;
  user_id: string;
  action: ReminderEventAction;
  scheduled_for: Date;
  reason: string | null;
  snooze_minutes: number | string | null;
  created_at: Date;
}

/** Columns a reminder is written with (snake_case, as stored). */
export interface ReminderWrite {
  kind?: ReminderKind;
  message?: string;
  time_of_day?: string | null;
  weekdays?: number[];
  run_at?: Date | null;
  condition?: ReminderCondition | null;
  condition_window_minutes?: number | null;
  enabled?: boolean;
  paused_reason?: string | null;
  next_run_at?: Date | null;
  claimed_by?: string | null;
  claimed_until?: Date | null;
  last_sent_at?: Date | null;
  updated_at?: Date;
}

const numberOrNull = (value: number | string | null): number | null =>
  value === null ? null : Number(value);

function toReminder(row: ReminderRow): Reminder {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    message: row.message,
    timeOfDay: row.time_of_day,
    weekdays: row.weekdays.map(Number),
    runAt: row.run_at,
    condition: row.condition,
    conditionWindowMinutes: numberOrNull(row.condition_window_minutes),
    enabled: row.enabled,
    pausedReason: row.paused_reason,
    nextRunAt: row.next_run_at,
    lastSentAt: row.last_sent_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toClaimed(row: ClaimedRow): ClaimedReminder {
  return {
    ...toReminder(row),
    scheduledFor: row.next_run_at as Date,
    claimedBy: row.claimed_by as string,
    claimedUntil: row.claimed_until as Date,
    delivery: {
      timezone: row.timezone ?? 'UTC',
      quietHoursStart: numberOrNull(row.quiet_hours_start),
      quietHoursEnd: numberOrNull(row.quiet_hours_end),
      telegramId: row.telegram_id === null ? null : String(row.telegram_id),
    },
  };
}

function toEvent(row: EventRow): ReminderEvent {
  return {
    id: row.id,
    reminderId: row.reminder_id,
    userId: row.user_id,
    action: row.action,
    scheduledFor: row.scheduled_for,
    reason: row.reason,
    snoozeMinutes: numberOrNull(row.snooze_minutes),
    createdAt: row.created_at,
  };
}

/** The only place reminders and reminder_events are queried. Every user-facing read is scoped by user_id. */
export const remindersRepository = {
  async findDeliveryProfile(db: Db, userId: string): Promise<DeliveryProfile | undefined> {
    const row = await db('user_profiles')
      .where({ user_id: userId })
      .first('timezone', 'quiet_hours_start', 'quiet_hours_end');
    if (!row) return undefined;
    return {
      timezone: row.timezone as string,
      quietHoursStart: numberOrNull(row.quiet_hours_start),
      quietHoursEnd: numberOrNull(row.quiet_hours_end),
    };
  },

  async insert(db: Db, userId: string, values: ReminderWrite & { created_at: Date }): Promise<Reminder> {
    const [row] = await db('reminders')
      .insert({ ...values, user_id: userId, updated_at: values.created_at })
      .returning('*');
    return toReminder(row as ReminderRow);
  },

  async count(db: Db, userId: string): Promise<number> {
    const row = await db('reminders')
      .where({ user_id: userId })
      .count<{ count: string | number }>('* as count')
      .first();
    return Number(row?.count ?? 0);
  },

  async find(
    db: Db,
    userId: string,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Reminder | undefined> {
    const query = db('reminders').where({ user_id: userId, id }).first();
    const row = (await (options.forUpdate ? query.forUpdate() : query)) as ReminderRow | undefined;
    return row ? toReminder(row) : undefined;
  },

  async list(db: Db, userId: string): Promise<Reminder[]> {
    const rows = (await db('reminders')
      .where({ user_id: userId })
      .orderByRaw('next_run_at ASC NULLS LAST, created_at ASC, id ASC')) as ReminderRow[];
    return rows.map(toReminder);
  },

  async update(db: Db, userId: string, id: string, values: ReminderWrite): Promise<Reminder | undefined> {
    const [row] = await db('reminders').where({ user_id: userId, id }).update(values).returning('*');
    return row ? toReminder(row as ReminderRow) : undefined;
  },

  async delete(db: Db, userId: string, id: string): Promise<boolean> {
    // RETURNING gives rows on both drivers (knex-pglite reports a bare delete differently from pg).
    const rows = await db('reminders').where({ user_id: userId, id }).delete().returning('id');
    return rows.length > 0;
  },

  /**
   * Hands due reminders to one caller: rows already locked by a concurrent claim
   * are skipped, and a row claimed and committed meanwhile fails the re-checked
   * lease condition, so no reminder goes to two callers. Reminders of users who
   * are not active stay due until the user is active again.
   */
  async claimDue(
    db: Db,
    options: { now: Date; limit: number; claimerId: string; claimedUntil: Date },
  ): Promise<ClaimedReminder[]> {
    const { now, limit, claimerId, claimedUntil } = options;
    const result = await db.raw(
      `UPDATE reminders AS r
          SET claimed_by = ?, claimed_until = ?
        WHERE r.id IN (
          SELECT d.id FROM reminders AS d
           WHERE d.enabled
             AND d.next_run_at <= ?
             AND (d.claimed_until IS NULL OR d.claimed_until <= ?)
             AND EXISTS (SELECT 1 FROM users AS u WHERE u.id = d.user_id AND u.status = 'active')
           ORDER BY d.next_run_at, d.id
           LIMIT ?
           FOR UPDATE SKIP LOCKED)
        RETURNING r.*,
          (SELECT p.timezone FROM user_profiles AS p WHERE p.user_id = r.user_id) AS timezone,
          (SELECT p.quiet_hours_start FROM user_profiles AS p WHERE p.user_id = r.user_id) AS quiet_hours_start,
          (SELECT p.quiet_hours_end FROM user_profiles AS p WHERE p.user_id = r.user_id) AS quiet_hours_end,
          (SELECT u.telegram_id FROM users AS u WHERE u.id = r.user_id) AS telegram_id`,
      [claimerId, claimedUntil, now, now, limit],
    );
    const rows = (result as { rows: ClaimedRow[] }).rows;
    return rows
      .map(toClaimed)
      .sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime() || a.id.localeCompare(b.id));
  },

  /** A reminder locked for a dispatcher's follow-up, with its owner's timezone and its current claim. */
  async findClaimForUpdate(
    db: Db,
    id: string,
  ): Promise<{ reminder: Reminder; claimedBy: string | null; timezone: string } | undefined> {
    const row = (await db('reminders').where({ id }).first().forUpdate()) as ReminderRow | undefined;
    if (!row) return undefined;
    const profile = await db('user_profiles').where({ user_id: row.user_id }).first('timezone');
    return {
      reminder: toReminder(row),
      claimedBy: row.claimed_by,
      timezone: (profile?.timezone as string) ?? 'UTC',
    };
  },

  async updateById(db: Db, id: string, values: ReminderWrite): Promise<Reminder> {
    const [row] = await db('reminders').where({ id }).update(values).returning('*');
    return toReminder(row as ReminderRow);
  },

  async insertEvent(
    db: Db,
    event: {
      reminderId: string;
      userId: string;
      action: ReminderEventAction;
      scheduledFor: Date;
      createdAt: Date;
      reason?: string | null;
      snoozeMinutes?: number | null;
    },
  ): Promise<ReminderEvent> {
    const [row] = await db('reminder_events')
      .insert({
        reminder_id: event.reminderId,
        user_id: event.userId,
        action: event.action,
        scheduled_for: event.scheduledFor,
        reason: event.reason ?? null,
        snooze_minutes: event.snoozeMinutes ?? null,
        created_at: event.createdAt,
      })
      .returning('*');
    return toEvent(row as EventRow);
  },

  /** The sent occurrence of a reminder at scheduledFor, or its latest sent occurrence. */
  async findSentEvent(
    db: Db,
    userId: string,
    reminderId: string,
    scheduledFor?: Date,
  ): Promise<ReminderEvent | undefined> {
    const query = db('reminder_events').where({ user_id: userId, reminder_id: reminderId, action: 'sent' });
    if (scheduledFor) query.andWhere({ scheduled_for: scheduledFor });
    const row = (await query
      .orderBy([
        { column: 'scheduled_for', order: 'desc' },
        { column: 'created_at', order: 'desc' },
      ])
      .first()) as EventRow | undefined;
    return row ? toEvent(row) : undefined;
  },

  /** Every event about one occurrence of a reminder, oldest first. */
  async listOccurrenceEvents(db: Db, reminderId: string, scheduledFor: Date): Promise<ReminderEvent[]> {
    const rows = (await db('reminder_events')
      .where({ reminder_id: reminderId, scheduled_for: scheduledFor })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])) as EventRow[];
    return rows.map(toEvent);
  },

  /**
   * The occurrences sent in [from, to) with every answer to them (whenever it
   * came), plus the condition skips of the period: what the statistics count.
   */
  async listEventsForPeriod(
    db: Db,
    userId: string,
    period: { from: Date; to: Date; reminderId?: string },
  ): Promise<ReminderEvent[]> {
    const query = db('reminder_events as e')
      .where('e.user_id', userId)
      .andWhere((where) => {
        where
          .whereExists((sent) => {
            sent
              .select(db.raw('1'))
              .from('reminder_events as s')
              .whereRaw('s.reminder_id = e.reminder_id AND s.scheduled_for = e.scheduled_for')
              .andWhere('s.action', 'sent')
              .andWhere('s.created_at', '>=', period.from)
              .andWhere('s.created_at', '<', period.to);
          })
          .orWhere((skip) => {
            skip
              .where('e.action', 'condition_met')
              .andWhere('e.created_at', '>=', period.from)
              .andWhere('e.created_at', '<', period.to);
          });
      })
      .orderBy([
        { column: 'e.created_at', order: 'asc' },
        { column: 'e.id', order: 'asc' },
      ])
      .select('e.*');
    if (period.reminderId) query.andWhere('e.reminder_id', period.reminderId);
    return ((await query) as EventRow[]).map(toEvent);
  },

  /** Whether a confirmed food entry was eaten in [from, to]. */
  async hasFoodBetween(db: Db, userId: string, from: Date, to: Date): Promise<boolean> {
    const row = await db('food_entries')
      .where({ user_id: userId, status: 'confirmed' })
      .andWhere('eaten_at', '>=', from)
      .andWhere('eaten_at', '<=', to)
      .first('id');
    return row !== undefined;
  },

  /** Whether a metric of this kind was recorded in [from, to]. */
  async hasMetricBetween(db: Db, userId: string, kind: string, from: Date, to: Date): Promise<boolean> {
    const row = await db('metric_entries')
      .where({ user_id: userId, kind })
      .andWhere('recorded_at', '>=', from)
      .andWhere('recorded_at', '<=', to)
      .first('id');
    return row !== undefined;
  },
};

export type RemindersRepository = typeof remindersRepository;
