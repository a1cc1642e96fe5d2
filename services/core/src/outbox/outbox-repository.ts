import type { Db } from '../db/db.js';
import type { OutboxChannel, OutboxMessage } from './outbox-types.js';

interface OutboxRow {
  id: string;
  user_id: string | null;
  channel: OutboxChannel;
  chat_id: string | number;
  payload: Record<string, unknown> | string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  created_at: Date;
  sent_at: Date | null;
  abandoned_at: Date | null;
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    userId: row.user_id,
    channel: row.channel,
    chatId: Number(row.chat_id),
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    nextAttemptAt: new Date(row.next_attempt_at),
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at && new Date(row.sent_at),
    abandonedAt: row.abandoned_at && new Date(row.abandoned_at),
  };
}

const pending = 'sent_at IS NULL AND abandoned_at IS NULL';

export const outboxRepository = {
  async insert(
    db: Db,
    message: {
      channel: OutboxChannel;
      chatId: number;
      payload: Record<string, unknown>;
      reason: string;
      now: Date;
    },
  ): Promise<OutboxMessage> {
    // The recipient's account, when the chat is a known Telegram user, so deleting the user drops the queue.
    const result = await db.raw(
      `INSERT INTO outbox_messages (user_id, channel, chat_id, payload, last_error, next_attempt_at, created_at)
       VALUES ((SELECT id FROM users WHERE telegram_id = ?), ?, ?, ?::jsonb, ?, ?, ?)
       RETURNING *`,
      [
        message.chatId,
        message.channel,
        message.chatId,
        JSON.stringify(message.payload),
        message.reason,
        message.now,
        message.now,
      ],
    );
    return toMessage((result as { rows: OutboxRow[] }).rows[0] as OutboxRow);
  },

  async hasPending(db: Db, chatId: number): Promise<boolean> {
    const row = await db('outbox_messages').where({ chat_id: chatId }).whereRaw(pending).first('id');
    return row !== undefined;
  },

  /**
   * Hands due messages to one worker. Only the oldest pending message of each chat is
   * eligible, so a chat's messages go out in queue order even across workers; rows locked
   * by a concurrent claim are skipped, and a claimed head keeps the rest of its chat waiting.
   */
  async claimDue(
    db: Db,
    options: { now: Date; limit: number; claimerId: string; claimedUntil: Date },
  ): Promise<OutboxMessage[]> {
    const { now, limit, claimerId, claimedUntil } = options;
    const result = await db.raw(
      `UPDATE outbox_messages AS m
          SET claimed_by = ?, claimed_until = ?, attempts = m.attempts + 1
        WHERE m.id IN (
          SELECT o.id FROM outbox_messages AS o
           WHERE o.sent_at IS NULL AND o.abandoned_at IS NULL
             AND o.next_attempt_at <= ?
             AND (o.claimed_until IS NULL OR o.claimed_until <= ?)
             AND NOT EXISTS (
               SELECT 1 FROM outbox_messages AS e
                WHERE e.chat_id = o.chat_id AND e.sent_at IS NULL AND e.abandoned_at IS NULL AND e.seq < o.seq)
           ORDER BY o.seq
           LIMIT ?
           FOR UPDATE SKIP LOCKED)
        RETURNING m.*`,
      [claimerId, claimedUntil, now, now, limit],
    );
    const rows = (result as { rows: Array<OutboxRow & { seq: string | number }> }).rows;
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toMessage);
  },

  async find(db: Db, id: string): Promise<OutboxMessage | undefined> {
    const row = (await db('outbox_messages').where({ id }).first()) as OutboxRow | undefined;
    return row && toMessage(row);
  },

  /** Updates a message this worker still holds; false when the claim was lost or the message settled. */
  async updateClaimed(
    db: Db,
    id: string,
    claimerId: string,
    values: {
      sent_at?: Date;
      abandoned_at?: Date;
      next_attempt_at?: Date;
      last_error?: string;
    },
  ): Promise<boolean> {
    const rows = await db('outbox_messages')
      .where({ id, claimed_by: claimerId })
      .whereRaw(pending)
      .update({ ...values, claimed_until: null })
      .returning('id');
    return rows.length > 0;
  },

  async abandonChat(db: Db, chatId: number, reason: string, now: Date): Promise<number> {
    const rows = await db('outbox_messages')
      .where({ chat_id: chatId })
      .whereRaw(pending)
      .update({ abandoned_at: now, last_error: reason, claimed_until: null })
      .returning('id');
    return rows.length;
  },

  async pendingCount(db: Db): Promise<number> {
    const row = await db('outbox_messages')
      .whereRaw(pending)
      .count<{ count: string | number }[]>('id as count');
    return Number(row[0]?.count ?? 0);
  },

  /** Moves a Telegram user between active and paused; an admin's block is never touched. */
  async setRecipientStatus(
    db: Db,
    telegramId: number,
    from: 'active' | 'paused',
    to: 'active' | 'paused',
    now: Date,
  ): Promise<boolean> {
    const rows = await db('users')
      .where({ telegram_id: telegramId, status: from })
      .update({ status: to, updated_at: now })
      .returning('id');
    return rows.length > 0;
  },
};
