import { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { ValidationError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { outboxRepository as repo } from './outbox-repository.js';
import type { FailedDelivery, NewOutboxMessage, OutboxMessage } from './outbox-types.js';

export const DEFAULT_OUTBOX_MAX_ATTEMPTS = 12;
const MAX_ERROR_CHARS = 1000;
const MAX_CLAIM_BATCH = 500;

export interface OutboxServiceDependencies {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Worker attempts before a message is abandoned. */
  maxAttempts?: number;
  /** Wait after the first failed attempt; doubled after each further one. */
  retryBaseMs?: number;
  /** The wait between attempts never exceeds this. */
  retryMaxMs?: number;
}

/**
 * Outbound messages that could not be delivered at once: queued in PostgreSQL, claimed by
 * workers in per-chat order, retried with backoff and abandoned after the last attempt.
 * Also records whether a recipient can be reached, since a user who blocked the bot must
 * get no reminders until they write again.
 */
export interface OutboxService {
  enqueue(message: NewOutboxMessage): Promise<OutboxMessage>;
  /** Whether the chat has messages still waiting; later messages must queue behind them. */
  hasPending(chatId: number): Promise<boolean>;
  claimDue(options: { limit: number; leaseMs: number; claimerId: string }): Promise<OutboxMessage[]>;
  markSent(id: string, claimerId: string): Promise<boolean>;
  /** Schedules the next attempt with backoff, or abandons the message when its attempts are used up. */
  markFailed(id: string, claimerId: string, error: string): Promise<FailedDelivery>;
  abandon(id: string, claimerId: string, reason: string): Promise<boolean>;
  pendingCount(): Promise<number>;
  /** The recipient blocked the bot: pause the user (reminders stop) and drop what waits for them. */
  markRecipientUnreachable(chatId: number, reason: string): Promise<{ paused: boolean; abandoned: number }>;
  /** The recipient wrote again: a paused user becomes active. */
  markRecipientReachable(chatId: number): Promise<boolean>;
}

const chatIdSchema = z
  .number()
  .int()
  .refine((value) => value !== 0 && Number.isSafeInteger(value), {
    message: 'must be a Telegram chat id',
  });

const newMessageSchema = z.object({
  channel: z.literal('telegram').default('telegram'),
  chatId: chatIdSchema,
  payload: z.record(z.string(), z.unknown()),
  reason: z.string().min(1),
});

const claimSchema = z.object({
  limit: z.number().int().min(1).max(MAX_CLAIM_BATCH),
  leaseMs: z.number().int().min(1000),
  claimerId: z.string().min(1).max(200),
});

function invalid(error: z.ZodError, what: string): ValidationError {
  return new ValidationError(
    `Invalid ${what}`,
    error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

function clip(text: string): string {
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

export function createOutboxService(deps: OutboxServiceDependencies): OutboxService {
  const { db, clock, logger } = deps;
  const maxAttempts = deps.maxAttempts ?? DEFAULT_OUTBOX_MAX_ATTEMPTS;
  const retryBaseMs = deps.retryBaseMs ?? 30_000;
  const retryMaxMs = deps.retryMaxMs ?? 3_600_000;

  function assertChatId(chatId: number): void {
    const parsed = chatIdSchema.safeParse(chatId);
    if (!parsed.success) throw invalid(parsed.error, 'chat id');
  }

  return {
    async enqueue(message) {
      const parsed = newMessageSchema.safeParse(message);
      if (!parsed.success) throw invalid(parsed.error, 'outbox message');
      const queued = await repo.insert(db, {
        ...parsed.data,
        reason: clip(parsed.data.reason),
        now: clock.now(),
      });
      logger.info({ outboxId: queued.id, chatId: queued.chatId, reason: queued.lastError }, 'message queued');
      return queued;
    },

    async hasPending(chatId) {
      assertChatId(chatId);
      return repo.hasPending(db, chatId);
    },

    async claimDue(options) {
      const parsed = claimSchema.safeParse(options);
      if (!parsed.success) throw invalid(parsed.error, 'claim');
      const now = clock.now();
      return repo.claimDue(db, {
        now,
        limit: parsed.data.limit,
        claimerId: parsed.data.claimerId,
        claimedUntil: new Date(now.getTime() + parsed.data.leaseMs),
      });
    },

    async markSent(id, claimerId) {
      return repo.updateClaimed(db, id, claimerId, { sent_at: clock.now() });
    },

    async markFailed(id, claimerId, error) {
      const message = await repo.find(db, id);
      const now = clock.now();
      if (!message) return { abandoned: false, nextAttemptAt: null };
      if (message.attempts >= maxAttempts) {
        await repo.updateClaimed(db, id, claimerId, { abandoned_at: now, last_error: clip(error) });
        logger.warn(
          { outboxId: id, attempts: message.attempts, err: error },
          'message abandoned: attempts used up',
        );
        return { abandoned: true, nextAttemptAt: null };
      }
      const waitMs = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, message.attempts - 1));
      const nextAttemptAt = new Date(now.getTime() + waitMs);
      const updated = await repo.updateClaimed(db, id, claimerId, {
        next_attempt_at: nextAttemptAt,
        last_error: clip(error),
      });
      return { abandoned: false, nextAttemptAt: updated ? nextAttemptAt : null };
    },

    async abandon(id, claimerId, reason) {
      const done = await repo.updateClaimed(db, id, claimerId, {
        abandoned_at: clock.now(),
        last_error: clip(reason),
      });
      if (done) logger.warn({ outboxId: id, reason }, 'message abandoned');
      return done;
    },

    pendingCount() {
      return repo.pendingCount(db);
    },

    async markRecipientUnreachable(chatId, reason) {
      assertChatId(chatId);
      const now = clock.now();
      return db.transaction(async (trx) => {
        const paused = await repo.setRecipientStatus(trx, chatId, 'active', 'paused', now);
        const abandoned = await repo.abandonChat(trx, chatId, clip(reason), now);
        if (paused || abandoned) logger.info({ chatId, paused, abandoned }, 'recipient unreachable');
        return { paused, abandoned };
      });
    },

    async markRecipientReachable(chatId) {
      assertChatId(chatId);
      const resumed = await repo.setRecipientStatus(db, chatId, 'paused', 'active', clock.now());
      if (resumed) logger.info({ chatId }, 'recipient reachable again: user resumed');
      return resumed;
    },
  };
}
