import { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/index.js';
import type { ActivityOutcome, ActivityRecorder } from '../gamification/activity.js';
import type { Logger } from '../logging/logger.js';
import { isValidTimezone } from '../time/local-day.js';
import {
  type CreateReminderInput,
  DEFAULT_CONDITION_WINDOW_MINUTES,
  type DisableReminderInput,
  MAX_REASON_CHARS,
  parseCreateReminder,
  parseDisable,
  parseRespond,
  parseSkip,
  parseSnooze,
  parseStatsQuery,
  parseUpdateReminder,
  type ReminderSettings,
  type ReminderStatsQuery,
  type RespondToReminderInput,
  type SkipReminderInput,
  type SnoozeReminderInput,
  type UpdateReminderInput,
} from './reminder-input.js';
import { nextRunAt } from './reminder-schedule.js';
import { summarizeReminderStats } from './reminder-stats.js';
import {
  type ClaimedReminder,
  completedPauseReason,
  type Reminder,
  type ReminderCondition,
  type ReminderEvent,
  type ReminderStats,
} from './reminder-types.js';
import { type ReminderWrite, remindersRepository as repository } from './reminders-repository.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
export const DEFAULT_MAX_REMINDERS_PER_USER = 100;
export const DEFAULT_STATS_DAYS = 30;
export const MAX_STATS_DAYS = 366;
export const MAX_CLAIM_BATCH = 1000;

export interface RemindersServiceDependencies {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Pays XP for a reminder done, inside the transaction that records it. */
  activityRecorder: ActivityRecorder;
  maxRemindersPerUser?: number;
}

export interface DoneResult {
  reminder: Reminder;
  event: ReminderEvent;
  /** Whole minutes between sending and done. */
  withinMinutes: number;
  activity: ActivityOutcome;
}

export interface SkipResult {
  reminder: Reminder;
  event: ReminderEvent;
}

export interface SnoozeResult {
  reminder: Reminder;
  event: ReminderEvent;
  snoozedUntil: Date;
  /** True when the next regular occurrence comes before the snooze ends: it fires then, once. */
  mergedWithRegular: boolean;
}

/** Reminders for people (CRUD and answers) and for the dispatcher that sends them. */
export interface RemindersService {
  create(userId: string, input: CreateReminderInput): Promise<Reminder>;
  get(userId: string, reminderId: string): Promise<Reminder>;
  list(userId: string): Promise<Reminder[]>;
  /** Recomputes next_run_at when the schedule changes (which also drops a pending snooze). */
  update(userId: string, reminderId: string, input: UpdateReminderInput): Promise<Reminder>;
  delete(userId: string, reminderId: string): Promise<void>;
  disable(userId: string, reminderId: string, input?: DisableReminderInput): Promise<Reminder>;
  enable(userId: string, reminderId: string): Promise<Reminder>;
  /** Answers the latest sent occurrence (or the one at scheduledFor) as done; pays XP. */
  markDone(userId: string, reminderId: string, input?: RespondToReminderInput): Promise<DoneResult>;
  skip(userId: string, reminderId: string, input?: SkipReminderInput): Promise<SkipResult>;
  /** Fires the latest sent occurrence again in N minutes; the regular schedule continues after it. */
  snooze(userId: string, reminderId: string, input: SnoozeReminderInput): Promise<SnoozeResult>;
  stats(userId: string, query?: ReminderStatsQuery): Promise<ReminderStats>;

  /** Hands each due reminder to exactly one caller, leased for leaseMs. */
  claimDueReminders(now: Date, limit: number, claimerId: string, leaseMs: number): Promise<ClaimedReminder[]>;
  /** Records the sending of a claimed occurrence once, advances the schedule and releases the claim. */
  markSent(reminderId: string, scheduledFor: Date, claimerId: string): Promise<Reminder>;
  /** Releases the claim so the occurrence is retried (after retryAfterMs when given). */
  markFailed(
    reminderId: string,
    scheduledFor: Date,
    claimerId: string,
    options?: { error?: string; retryAfterMs?: number },
  ): Promise<Reminder>;
  /** Passes over a claimed occurrence whose condition is already met and advances the schedule. */
  skipForCondition(reminderId: string, scheduledFor: Date, claimerId: string): Promise<Reminder>;
  /** Moves a claimed occurrence to `until` (the end of quiet hours) and releases the claim. */
  deferClaimed(reminderId: string, scheduledFor: Date, claimerId: string, until: Date): Promise<Reminder>;
  /** Whether what the reminder asks for was already logged in its window before `now`. */
  isConditionMet(reminder: Reminder, now: Date): Promise<boolean>;
}

const idSchema = z.guid();

/** The metric kind whose entry meets a condition; meals are read from food entries. */
const conditionMetricKind: Record<Exclude<ReminderCondition, 'meal_logged'>, string> = {
  water_logged: 'water',
  weight_logged: 'weight',
  sleep_logged: 'sleep',
};

const claimSchema = z.object({
  limit: z.number().int().min(1).max(MAX_CLAIM_BATCH),
  claimerId: z.string().min(1).max(200),
  leaseMs: z.number().int().min(1000).max(DAY_MS),
});

const sameSchedule = (a: ReminderSettings, b: Reminder): boolean =>
  a.kind === b.kind &&
  a.timeOfDay === b.timeOfDay &&
  a.weekdays.join(',') === b.weekdays.join(',') &&
  (a.runAt?.getTime() ?? null) === (b.runAt?.getTime() ?? null);

const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);

function settingsColumns(settings: ReminderSettings): ReminderWrite {
  return {
    kind: settings.kind,
    message: settings.message,
    time_of_day: settings.timeOfDay,
    weekdays: settings.weekdays,
    run_at: settings.runAt,
    condition: settings.condition,
    condition_window_minutes: settings.conditionWindowMinutes,
  };
}

function truncate(text: string, maxChars: number): string {
  const chars = [...text.replaceAll('\u0000', '')];
  return chars.length <= maxChars ? chars.join('') : chars.slice(0, maxChars).join('');
}

export function createRemindersService(deps: RemindersServiceDependencies): RemindersService {
  const { db, clock, logger, activityRecorder } = deps;
  const maxReminders = deps.maxRemindersPerUser ?? DEFAULT_MAX_REMINDERS_PER_USER;

  function assertId(id: string, what: string): void {
    if (!idSchema.safeParse(id).success) throw new NotFoundError(`${what} not found`);
  }

  function usableTimezone(timezone: string, userId: string): string {
    if (isValidTimezone(timezone)) return timezone;
    logger.warn({ userId, timezone }, 'profile timezone is not an IANA zone; reminders use UTC');
    return 'UTC';
  }

  async function timezoneOf(trx: Db, userId: string): Promise<string> {
    assertId(userId, 'user');
    const profile = await repository.findDeliveryProfile(trx, userId);
    if (!profile) throw new NotFoundError('user not found');
    return usableTimezone(profile.timezone, userId);
  }

  async function owned(trx: Db, userId: string, reminderId: string, forUpdate = false): Promise<Reminder> {
    assertId(userId, 'reminder');
    assertId(reminderId, 'reminder');
    const reminder = await repository.find(trx, userId, reminderId, { forUpdate });
    if (!reminder) throw new NotFoundError('reminder not found');
    return reminder;
  }

  function assertFutureRunAt(settings: ReminderSettings, now: Date): void {
    if (settings.runAt && settings.runAt.getTime() <= now.getTime()) {
      throw new ValidationError('The reminder is not valid', [
        { path: 'runAt', message: 'must be in the future' },
      ]);
    }
  }

  /**
   * Where the schedule goes after an occurrence: the next regular time after
   * both the occurrence and now (so a late dispatch never replays missed days),
   * or finished for a one-time reminder.
   */
  function scheduleAfter(reminder: Reminder, occurrence: Date, now: Date, timezone: string): ReminderWrite {
    const next = nextRunAt(reminder, later(occurrence, now), timezone);
    if (next === null) return { next_run_at: null, enabled: false, paused_reason: completedPauseReason };
    return { next_run_at: next };
  }

  /** After a claimed occurrence: keep a time set meanwhile (edit, snooze) or a disable, else advance. */
  function advanceClaimed(
    reminder: Reminder,
    scheduledFor: Date,
    now: Date,
    timezone: string,
  ): ReminderWrite {
    if (!reminder.enabled) return {};
    if (reminder.nextRunAt && reminder.nextRunAt.getTime() > scheduledFor.getTime()) return {};
    return scheduleAfter(reminder, scheduledFor, now, timezone);
  }

  async function lockClaim(trx: Db, reminderId: string, claimerId: string) {
    assertId(reminderId, 'reminder');
    const claim = await repository.findClaimForUpdate(trx, reminderId);
    if (!claim) throw new NotFoundError('reminder not found');
    if (claim.claimedBy !== claimerId) {
      throw new ConflictError('the reminder is not claimed by this dispatcher', {
        reminderId,
        claimedBy: claim.claimedBy,
      });
    }
    return { ...claim, timezone: usableTimezone(claim.timezone, claim.reminder.userId) };
  }

  /** The sent occurrence an answer is about and everything recorded for it so far. */
  async function occurrence(trx: Db, reminder: Reminder, scheduledFor?: Date) {
    const sent = await repository.findSentEvent(trx, reminder.userId, reminder.id, scheduledFor);
    if (!sent) {
      if (scheduledFor) throw new NotFoundError('no reminder was sent at that time');
      throw new ConflictError('the reminder has not been sent yet');
    }
    const latest = scheduledFor ? await repository.findSentEvent(trx, reminder.userId, reminder.id) : sent;
    const events = await repository.listOccurrenceEvents(trx, reminder.id, sent.scheduledFor);
    const answered = events.find((event) => event.action === 'done' || event.action === 'skipped');
    if (answered) {
      throw new ConflictError(`this reminder was already answered (${answered.action})`, {
        scheduledFor: sent.scheduledFor.toISOString(),
      });
    }
    return {
      sent,
      isLatest: latest?.id === sent.id,
      snoozed: events.some((event) => event.action === 'snoozed'),
    };
  }

  /** Done or skip ends an occurrence: a snooze still pending for it is dropped. */
  async function endOccurrence(
    trx: Db,
    reminder: Reminder,
    found: { sent: ReminderEvent; isLatest: boolean; snoozed: boolean },
    now: Date,
  ): Promise<Reminder> {
    if (!(found.isLatest && found.snoozed && reminder.enabled)) return reminder;
    const timezone = await timezoneOf(trx, reminder.userId);
    const schedule = scheduleAfter(reminder, found.sent.scheduledFor, now, timezone);
    return repository.updateById(trx, reminder.id, schedule);
  }

  return {
    async create(userId, input) {
      const timezone = await timezoneOf(db, userId);
      const settings = parseCreateReminder(input);
      const now = clock.now();
      assertFutureRunAt(settings, now);
      if ((await repository.count(db, userId)) >= maxReminders) {
        throw new ConflictError(`a user can have at most ${maxReminders} reminders`, { limit: maxReminders });
      }
      const reminder = await repository.insert(db, userId, {
        ...settingsColumns(settings),
        next_run_at: nextRunAt(settings, now, timezone),
        created_at: now,
      });
      logger.info(
        { userId, reminderId: reminder.id, kind: reminder.kind, nextRunAt: reminder.nextRunAt },
        'reminder created',
      );
      return reminder;
    },

    async get(userId, reminderId) {
      return owned(db, userId, reminderId);
    },

    async list(userId) {
      await timezoneOf(db, userId);
      return repository.list(db, userId);
    },

    async update(userId, reminderId, input) {
      return db.transaction(async (trx) => {
        const current = await owned(trx, userId, reminderId, true);
        const settings = parseUpdateReminder(current, input);
        const now = clock.now();
        const values: ReminderWrite = { ...settingsColumns(settings), updated_at: now };
        const completed = !current.enabled && current.pausedReason === completedPauseReason;
        if (!sameSchedule(settings, current) && (current.enabled || completed)) {
          assertFutureRunAt(settings, now);
          const timezone = await timezoneOf(trx, userId);
          // A finished one-time reminder given a new time is armed again.
          Object.assign(values, {
            enabled: true,
            paused_reason: null,
            next_run_at: nextRunAt(settings, now, timezone),
          });
        }
        const updated = (await repository.update(trx, userId, reminderId, values)) as Reminder;
        logger.info({ userId, reminderId, nextRunAt: updated.nextRunAt }, 'reminder updated');
        return updated;
      });
    },

    async delete(userId, reminderId) {
      assertId(userId, 'reminder');
      assertId(reminderId, 'reminder');
      if (!(await repository.delete(db, userId, reminderId))) throw new NotFoundError('reminder not found');
      logger.info({ userId, reminderId }, 'reminder deleted');
    },

    async disable(userId, reminderId, input) {
      const pausedReason = parseDisable(input) ?? 'disabled';
      return db.transaction(async (trx) => {
        await owned(trx, userId, reminderId, true);
        const updated = (await repository.update(trx, userId, reminderId, {
          enabled: false,
          paused_reason: pausedReason,
          next_run_at: null,
          updated_at: clock.now(),
        })) as Reminder;
        logger.info({ userId, reminderId }, 'reminder disabled');
        return updated;
      });
    },

    async enable(userId, reminderId) {
      return db.transaction(async (trx) => {
        const current = await owned(trx, userId, reminderId, true);
        if (current.enabled) return current;
        const now = clock.now();
        const next = nextRunAt(current, now, await timezoneOf(trx, userId));
        if (next === null) {
          throw new ConflictError('the time of this one-time reminder has passed: give it a new runAt');
        }
        const updated = (await repository.update(trx, userId, reminderId, {
          enabled: true,
          paused_reason: null,
          next_run_at: next,
          updated_at: now,
        })) as Reminder;
        logger.info({ userId, reminderId, nextRunAt: next }, 'reminder enabled');
        return updated;
      });
    },

    async markDone(userId, reminderId, input) {
      const { scheduledFor } = parseRespond(input);
      return db.transaction(async (trx) => {
        const reminder = await owned(trx, userId, reminderId, true);
        const found = await occurrence(trx, reminder, scheduledFor);
        const now = clock.now();
        const event = await repository.insertEvent(trx, {
          reminderId,
          userId,
          action: 'done',
          scheduledFor: found.sent.scheduledFor,
          createdAt: now,
        });
        const updated = await endOccurrence(trx, reminder, found, now);
        const withinMinutes = Math.max(
          0,
          Math.floor((now.getTime() - found.sent.createdAt.getTime()) / MINUTE_MS),
        );
        const activity = await activityRecorder.recordActivity(trx, {
          userId,
          action: 'reminder_done',
          sourceId: `${reminderId}:${found.sent.scheduledFor.toISOString()}`,
          occurredAt: now,
          details: { withinMinutes },
        });
        logger.info({ userId, reminderId, withinMinutes }, 'reminder done');
        return { reminder: updated, event, withinMinutes, activity };
      });
    },

    async skip(userId, reminderId, input) {
      const { scheduledFor, reason } = parseSkip(input);
      return db.transaction(async (trx) => {
        const reminder = await owned(trx, userId, reminderId, true);
        const found = await occurrence(trx, reminder, scheduledFor);
        const now = clock.now();
        const event = await repository.insertEvent(trx, {
          reminderId,
          userId,
          action: 'skipped',
          scheduledFor: found.sent.scheduledFor,
          reason,
          createdAt: now,
        });
        const updated = await endOccurrence(trx, reminder, found, now);
        logger.info({ userId, reminderId }, 'reminder skipped');
        return { reminder: updated, event };
      });
    },

    async snooze(userId, reminderId, input) {
      const { minutes, scheduledFor } = parseSnooze(input);
      return db.transaction(async (trx) => {
        const reminder = await owned(trx, userId, reminderId, true);
        const found = await occurrence(trx, reminder, scheduledFor);
        if (!found.isLatest) throw new ConflictError('only the latest sent reminder can be snoozed');
        if (!reminder.enabled && reminder.pausedReason !== completedPauseReason) {
          throw new ConflictError('the reminder is disabled');
        }
        const now = clock.now();
        const snoozedUntil = new Date(now.getTime() + minutes * MINUTE_MS);
        const timezone = await timezoneOf(trx, userId);
        const regular = nextRunAt(reminder, later(found.sent.scheduledFor, now), timezone);
        const mergedWithRegular = regular !== null && regular.getTime() <= snoozedUntil.getTime();
        const updated = await repository.updateById(trx, reminderId, {
          enabled: true,
          paused_reason: null,
          next_run_at: mergedWithRegular ? regular : snoozedUntil,
        });
        const event = await repository.insertEvent(trx, {
          reminderId,
          userId,
          action: 'snoozed',
          scheduledFor: found.sent.scheduledFor,
          snoozeMinutes: minutes,
          createdAt: now,
        });
        logger.info({ userId, reminderId, minutes, nextRunAt: updated.nextRunAt }, 'reminder snoozed');
        return { reminder: updated, event, snoozedUntil, mergedWithRegular };
      });
    },

    async stats(userId, query) {
      const { from: fromInput, to: toInput, reminderId } = parseStatsQuery(query);
      await timezoneOf(db, userId);
      const to = toInput ?? clock.now();
      const from = fromInput ?? new Date(to.getTime() - DEFAULT_STATS_DAYS * DAY_MS);
      if (from.getTime() >= to.getTime()) {
        throw new ValidationError('The period is not valid', [
          { path: 'from', message: 'must be before to' },
        ]);
      }
      if (to.getTime() - from.getTime() > MAX_STATS_DAYS * DAY_MS) {
        throw new ValidationError('The period is not valid', [
          { path: 'from', message: `a period is at most ${MAX_STATS_DAYS} days` },
        ]);
      }
      const reminders = reminderId
        ? [await owned(db, userId, reminderId)]
        : await repository.list(db, userId);
      const events = await repository.listEventsForPeriod(db, userId, {
        from,
        to,
        ...(reminderId ? { reminderId } : {}),
      });
      return { period: { from, to }, ...summarizeReminderStats(reminders, events) };
    },

    async claimDueReminders(now, limit, claimerId, leaseMs) {
      const parsed = claimSchema.safeParse({ limit, claimerId, leaseMs });
      if (!parsed.success) {
        throw new ValidationError(
          'The claim is not valid',
          parsed.error.issues.map((issue) => issue.message),
        );
      }
      const claimedUntil = new Date(now.getTime() + leaseMs);
      const claimed = await repository.claimDue(db, { now, limit, claimerId, claimedUntil });
      if (claimed.length > 0) logger.debug({ claimerId, count: claimed.length }, 'reminders claimed');
      return claimed;
    },

    async markSent(reminderId, scheduledFor, claimerId) {
      return db.transaction(async (trx) => {
        const { reminder, timezone } = await lockClaim(trx, reminderId, claimerId);
        if (await repository.findSentEvent(trx, reminder.userId, reminderId, scheduledFor)) {
          throw new ConflictError('this occurrence was already sent', { reminderId, scheduledFor });
        }
        const now = clock.now();
        await repository.insertEvent(trx, {
          reminderId,
          userId: reminder.userId,
          action: 'sent',
          scheduledFor,
          createdAt: now,
        });
        const updated = await repository.updateById(trx, reminderId, {
          ...advanceClaimed(reminder, scheduledFor, now, timezone),
          claimed_by: null,
          claimed_until: null,
          last_sent_at: now,
        });
        logger.info(
          { userId: reminder.userId, reminderId, scheduledFor, nextRunAt: updated.nextRunAt },
          'reminder sent',
        );
        return updated;
      });
    },

    async markFailed(reminderId, scheduledFor, claimerId, options = {}) {
      return db.transaction(async (trx) => {
        const { reminder } = await lockClaim(trx, reminderId, claimerId);
        const now = clock.now();
        const retryAfterMs = Math.max(0, options.retryAfterMs ?? 0);
        await repository.insertEvent(trx, {
          reminderId,
          userId: reminder.userId,
          action: 'failed',
          scheduledFor,
          reason: options.error ? truncate(options.error, MAX_REASON_CHARS) : null,
          createdAt: now,
        });
        // An empty claimer with a future lease end is a back-off: nobody claims it before then.
        const updated = await repository.updateById(trx, reminderId, {
          claimed_by: null,
          claimed_until: retryAfterMs > 0 ? new Date(now.getTime() + retryAfterMs) : null,
        });
        logger.warn(
          { userId: reminder.userId, reminderId, scheduledFor, retryAfterMs },
          'reminder send failed',
        );
        return updated;
      });
    },

    async skipForCondition(reminderId, scheduledFor, claimerId) {
      return db.transaction(async (trx) => {
        const { reminder, timezone } = await lockClaim(trx, reminderId, claimerId);
        const now = clock.now();
        await repository.insertEvent(trx, {
          reminderId,
          userId: reminder.userId,
          action: 'condition_met',
          scheduledFor,
          createdAt: now,
        });
        const updated = await repository.updateById(trx, reminderId, {
          ...advanceClaimed(reminder, scheduledFor, now, timezone),
          claimed_by: null,
          claimed_until: null,
        });
        logger.info(
          { userId: reminder.userId, reminderId, scheduledFor },
          'reminder passed over: condition met',
        );
        return updated;
      });
    },

    async deferClaimed(reminderId, scheduledFor, claimerId, until) {
      if (until.getTime() <= scheduledFor.getTime()) {
        throw new ValidationError('a reminder can only be deferred to a later time', {
          scheduledFor: scheduledFor.toISOString(),
          until: until.toISOString(),
        });
      }
      return db.transaction(async (trx) => {
        const { reminder } = await lockClaim(trx, reminderId, claimerId);
        const updated = await repository.updateById(trx, reminderId, {
          ...(reminder.enabled ? { next_run_at: until } : {}),
          claimed_by: null,
          claimed_until: null,
        });
        logger.info({ userId: reminder.userId, reminderId, scheduledFor, until }, 'reminder deferred');
        return updated;
      });
    },

    async isConditionMet(reminder, now) {
      if (reminder.condition === null) return false;
      const windowMinutes = reminder.conditionWindowMinutes ?? DEFAULT_CONDITION_WINDOW_MINUTES;
      const from = new Date(now.getTime() - windowMinutes * MINUTE_MS);
      if (reminder.condition === 'meal_logged')
        return repository.hasFoodBetween(db, reminder.userId, from, now);
      return repository.hasMetricBetween(
        db,
        reminder.userId,
        conditionMetricKind[reminder.condition],
        from,
        now,
      );
    },
  };
}
