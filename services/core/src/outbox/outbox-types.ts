/** Channels the outbox delivers to; only Telegram today. */
export type OutboxChannel = 'telegram';

/** A message that could not be delivered at once and waits to be retried, across restarts. */
export interface OutboxMessage {
  id: string;
  /** The recipient's account when the chat belongs to a known user. */
  userId: string | null;
  channel: OutboxChannel;
  chatId: number;
  /** What to send, in the adapter's own shape (the bot serialises Bot API calls here). */
  payload: Record<string, unknown>;
  /** Delivery attempts made by workers so far. */
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt: Date | null;
  abandonedAt: Date | null;
}

export interface NewOutboxMessage {
  channel?: OutboxChannel;
  chatId: number;
  payload: Record<string, unknown>;
  /** Why the message was queued instead of sent, kept as its last error. */
  reason: string;
}

export interface FailedDelivery {
  /** True when the attempts are used up and the message will not be tried again. */
  abandoned: boolean;
  nextAttemptAt: Date | null;
}
