import {
  type ClaimedReminder,
  type Clock,
  ConflictError,
  isValidTimezone,
  type Logger,
  nextRunAt,
  type ProfileService,
  quietHoursEnd,
  type RemindersService,
  systemTimerClock,
  type TimerClock,
} from '@health-agent/core';
import { type Api, GrammyError } from 'grammy';
import { DeliveryDeferredError } from '../delivery/delivery-deferred-error.js';
import { createTranslator, type Language } from '../i18n/translator.js';
import type { ReminderMetrics } from './reminder-metrics.js';
import { answerKeyboard, reminderText } from './reminder-text.js';

const MINUTE_MS = 60_000;

/**
 * A recurring reminder more than this late is not sent: after an outage, "take vitamins" at
 * 15:00 for 08:00, or yesterday's 23:00 reminder this morning, is the wrong-day reminder the
 * old bot was known for. It is passed over to its next regular time. A one-time reminder has
 * no next time, so it is still sent, saying when it was due.
 */
export const DEFAULT_MAX_LATENESS_MS = 60 * MINUTE_MS;
/**
 * How long one send may take with the delivery policy's retries: attempts times the call
 * timeout, backoff, and a waited-out 429 (defaults: 4 x 10 s + 4 s + 30 s). A claim is only
 * used for a send while at least this much of its lease is left, so a lease never runs out
 * mid-send and lets another replica send the same reminder.
 */
export const DEFAULT_SEND_BUDGET_MS = 90_000;
/** Longer than the send budget times a few sends; a claim not finished in it goes back to the pool. */
export const DEFAULT_LEASE_MS = 5 * MINUTE_MS;
export const DEFAULT_BATCH_SIZE = 25;
/** Back-off after a failed send (Telegram refused it); the next pass of any replica retries. */
export const DEFAULT_RETRY_DELAY_MS = 5 * MINUTE_MS;
/** A user who blocked the bot is paused and not claimed at all; this only spaces out the edge cases. */
const BLOCKED_RETRY_MS = 60 * MINUTE_MS;
/** A one-time reminder with nowhere to go (no Telegram chat) is looked at again daily. */
const NO_CHAT_RETRY_MS = 24 * 60 * MINUTE_MS;
/** Full batches in a row handled in one pass, so a backlog drains without waiting for ticks. */
const MAX_BATCHES_PER_PASS = 40;
const MARK_SENT_ATTEMPTS = 3;

export interface ReminderDispatcherDependencies {
  reminders: Pick<
    RemindersService,
    'claimDueReminders' | 'markSent' | 'markFailed' | 'skipForCondition' | 'deferClaimed' | 'isConditionMet'
  >;
  profiles: Pick<ProfileService, 'getProfile'>;
  /** The bot's API with the delivery policy installed (TelegramDelivery.install). */
  api: Api;
  clock: Clock;
  logger: Logger;
  metrics: ReminderMetrics;
  /** Names this dispatcher's claims; unique per process (host and pid). */
  claimerId: string;
  intervalMs: number;
  batchSize?: number;
  leaseMs?: number;
  sendBudgetMs?: number;
  maxLatenessMs?: number;
  retryDelayMs?: number;
  /** Schedules the passes; the clock above decides what is due. */
  timers?: TimerClock;
}

export interface ReminderDispatchSummary {
  sent: number;
  /** Handed to the outbox: Telegram could not take it now, it follows later. */
  queued: number;
  conditionMet: number;
  /** Moved to the end of quiet hours. */
  deferred: number;
  /** Too late, or no chat to send to: moved on to the next regular time. */
  passedOver: number;
  failed: number;
  /** Left for another pass: too little of the lease was left to send safely. */
  leaseShort: number;
}

type Outcome = keyof ReminderDispatchSummary;

function emptySummary(): ReminderDispatchSummary {
  return { sent: 0, queued: 0, conditionMet: 0, deferred: 0, passedOver: 0, failed: 0, leaseShort: 0 };
}

/**
 * Sends due reminders in the bot process, every intervalMs. Several replicas may run one each:
 * a reminder is claimed by exactly one (the domain's lease), sent with Done / Skip / Snooze
 * buttons in its owner's language, and recorded as sent, so nobody gets it twice. Reminders
 * whose condition was met are passed over, quiet hours move them to their end.
 */
export class ReminderDispatcher {
  private timer: unknown;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  /** Set by stop(): a pass in progress finishes its batch but claims no more. */
  private stopRequested = false;
  private readonly timers: TimerClock;
  private readonly logger: Logger;
  private readonly settings: Required<
    Pick<
      ReminderDispatcherDependencies,
      'batchSize' | 'leaseMs' | 'sendBudgetMs' | 'maxLatenessMs' | 'retryDelayMs'
    >
  >;

  constructor(private readonly deps: ReminderDispatcherDependencies) {
    this.timers = deps.timers ?? systemTimerClock;
    this.logger = deps.logger.child({ component: 'reminder-dispatcher', claimerId: deps.claimerId });
    this.settings = {
      batchSize: deps.batchSize ?? DEFAULT_BATCH_SIZE,
      leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS,
      sendBudgetMs: deps.sendBudgetMs ?? DEFAULT_SEND_BUDGET_MS,
      maxLatenessMs: deps.maxLatenessMs ?? DEFAULT_MAX_LATENESS_MS,
      retryDelayMs: deps.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
    };
    if (this.settings.leaseMs <= this.settings.sendBudgetMs) {
      throw new RangeError('the claim lease must be longer than the send budget, or a send could outlive it');
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopRequested = false;
    this.schedule(0);
  }

  /** Stops scheduling and waits for the pass in progress, so shutdown never cuts a send in half. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopRequested = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass: claims due reminders batch by batch until fewer than a batch are due. */
  async runOnce(): Promise<ReminderDispatchSummary> {
    const summary = emptySummary();
    const { batchSize, leaseMs } = this.settings;
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch += 1) {
      const claimed = await this.deps.reminders.claimDueReminders(
        this.deps.clock.now(),
        batchSize,
        this.deps.claimerId,
        leaseMs,
      );
      for (const reminder of claimed) summary[await this.dispatch(reminder)] += 1;
      if (claimed.length < batchSize || this.stopRequested) break;
    }
    if (Object.values(summary).some((count) => count > 0))
      this.logger.info({ ...summary }, 'reminder pass done');
    return summary;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'reminder pass failed'))
        .finally(() => this.schedule(this.deps.intervalMs));
    }, delayMs);
  }

  private async dispatch(reminder: ClaimedReminder): Promise<Outcome> {
    const log = this.logger.child({ reminderId: reminder.id, userId: reminder.userId });
    try {
      return await this.handle(reminder, log);
    } catch (error) {
      // Our own bookkeeping failed (the database): the claim lapses and a later pass retries it.
      log.error({ err: error, scheduledFor: reminder.scheduledFor }, 'reminder could not be dispatched');
      return 'failed';
    }
  }

  private async handle(reminder: ClaimedReminder, log: Logger): Promise<Outcome> {
    const { reminders, clock, claimerId, metrics } = this.deps;
    const { id, scheduledFor } = reminder;
    const now = clock.now();
    const chatId = reminder.delivery.telegramId === null ? Number.NaN : Number(reminder.delivery.telegramId);
    if (!Number.isSafeInteger(chatId)) return this.passOver(reminder, now, 'no_chat', log);
    const late = now.getTime() - scheduledFor.getTime() > this.settings.maxLatenessMs;
    if (late && reminder.kind !== 'once') return this.passOver(reminder, now, 'stale', log);
    if (await reminders.isConditionMet(reminder, now)) {
      await reminders.skipForCondition(id, scheduledFor, claimerId);
      metrics.notSent.inc({ reason: 'condition_met' });
      return 'conditionMet';
    }
    const quietUntil = quietHoursEnd(now, reminder.delivery);
    if (quietUntil) {
      await reminders.deferClaimed(id, scheduledFor, claimerId, quietUntil);
      metrics.notSent.inc({ reason: 'quiet_hours' });
      log.info({ scheduledFor, until: quietUntil }, 'reminder deferred to the end of quiet hours');
      return 'deferred';
    }
    if (reminder.claimedUntil.getTime() - clock.now().getTime() < this.settings.sendBudgetMs) {
      log.warn(
        { claimedUntil: reminder.claimedUntil },
        'too little of the lease left to send; left for a later pass',
      );
      return 'leaseShort';
    }
    return this.send(reminder, chatId, late, log);
  }

  private async send(
    reminder: ClaimedReminder,
    chatId: number,
    late: boolean,
    log: Logger,
  ): Promise<Outcome> {
    const { api, reminders, claimerId, metrics } = this.deps;
    const { id, scheduledFor } = reminder;
    const language = await this.languageOf(reminder.userId, log);
    const t = createTranslator(language);
    const zone = isValidTimezone(reminder.delivery.timezone) ? reminder.delivery.timezone : 'UTC';
    const text = reminderText(reminder, { scheduledFor, late, zone, t, language });
    try {
      await api.sendMessage(chatId, text, { reply_markup: answerKeyboard(id, scheduledFor, t) });
    } catch (error) {
      if (error instanceof DeliveryDeferredError) {
        // The outbox delivers it later with the same buttons; the occurrence counts as sent now.
        await this.recordSent(reminder, log);
        metrics.sent.inc({ via: 'outbox' });
        return 'queued';
      }
      const blocked = error instanceof GrammyError && error.error_code === 403;
      const reason = error instanceof Error ? error.message : String(error);
      await reminders.markFailed(id, scheduledFor, claimerId, {
        error: reason,
        retryAfterMs: blocked ? BLOCKED_RETRY_MS : this.settings.retryDelayMs,
      });
      metrics.notSent.inc({ reason: blocked ? 'blocked' : 'failed' });
      log.warn({ err: error, scheduledFor, blocked }, 'reminder send failed');
      return 'failed';
    }
    await this.recordSent(reminder, log);
    metrics.sent.inc({ via: 'telegram' });
    return 'sent';
  }

  /**
   * Records the send. The message is out, so a passing database error is retried here: if the
   * claim lapsed unrecorded, another pass would send the reminder again.
   */
  private async recordSent(reminder: ClaimedReminder, log: Logger): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deps.reminders.markSent(reminder.id, reminder.scheduledFor, this.deps.claimerId);
        return;
      } catch (error) {
        if (error instanceof ConflictError || attempt >= MARK_SENT_ATTEMPTS) throw error;
        log.warn({ err: error, attempt }, 'recording a sent reminder failed; trying again');
        await new Promise<void>((resolve) => this.timers.setTimeout(resolve, 200 * attempt));
      }
    }
  }

  /** Moves a reminder that cannot be sent now past this occurrence, to its next regular time. */
  private async passOver(
    reminder: ClaimedReminder,
    now: Date,
    reason: 'stale' | 'no_chat',
    log: Logger,
  ): Promise<Outcome> {
    const { reminders, claimerId, metrics } = this.deps;
    const zone = isValidTimezone(reminder.delivery.timezone) ? reminder.delivery.timezone : 'UTC';
    const next = nextRunAt(reminder, now, zone);
    if (next) await reminders.deferClaimed(reminder.id, reminder.scheduledFor, claimerId, next);
    else
      await reminders.markFailed(reminder.id, reminder.scheduledFor, claimerId, {
        error: 'no Telegram chat to send to',
        retryAfterMs: NO_CHAT_RETRY_MS,
      });
    metrics.notSent.inc({ reason });
    log.warn({ scheduledFor: reminder.scheduledFor, next, reason }, 'reminder passed over');
    return 'passedOver';
  }

  private async languageOf(userId: string, log: Logger): Promise<Language> {
    try {
      return (await this.deps.profiles.getProfile(userId)).language;
    } catch (error) {
      log.warn({ err: error }, 'profile unreadable; sending the reminder in English');
      return 'en';
    }
  }
}
