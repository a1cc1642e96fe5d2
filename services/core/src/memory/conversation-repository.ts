import type { Db } from '../db/db.js';
import type { ConversationMessage, MessageRole } from './memory-types.js';

interface MessageRow {
  id: string | number;
  user_id: string;
  role: MessageRole;
  content: string;
  created_at: Date;
}

function toMessage(row: MessageRow): ConversationMessage {
  return {
    id: Number(row.id),
    userId: row.user_id,
    role: row.role,
    content: row.content,
    createdAt: new Date(row.created_at),
  };
}

// Deletes use RETURNING to count rows: knex-pglite resolves del() to the raw result, not a number.

/** Conversation messages: the only SQL of the memory feature's chat history. */
export const conversationRepository = {
  /**
   * Serialises appends of one user until the transaction ends, so two concurrent
   * appends cannot both count the same rows and leave the user above the cap.
   */
  async lockUserConversation(db: Db, userId: string): Promise<void> {
    await db.raw("SELECT pg_advisory_xact_lock(hashtextextended('conversation:' || ?, 0))", [userId]);
  },

  async insertMessage(
    db: Db,
    userId: string,
    message: { role: MessageRole; content: string },
    at: Date,
  ): Promise<ConversationMessage> {
    const [row] = await db('conversation_messages')
      .insert({ user_id: userId, role: message.role, content: message.content, created_at: at })
      .returning(['id', 'user_id', 'role', 'content', 'created_at']);
    return toMessage(row as MessageRow);
  },

  /** Deletes all but the newest `keep` messages of the user; returns how many went. */
  async pruneMessages(db: Db, userId: string, keep: number): Promise<number> {
    const newestDropped = db('conversation_messages')
      .select('id')
      .where('user_id', userId)
      .orderBy('id', 'desc')
      .offset(keep)
      .limit(1);
    const deleted = await db('conversation_messages')
      .where('user_id', userId)
      .where('id', '<=', newestDropped)
      .del()
      .returning('id');
    return deleted.length;
  },

  /** The newest `limit` messages, oldest first (the order a model reads them in). */
  async recentMessages(db: Db, userId: string, limit: number): Promise<ConversationMessage[]> {
    const rows: MessageRow[] = await db('conversation_messages')
      .select('id', 'user_id', 'role', 'content', 'created_at')
      .where('user_id', userId)
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.reverse().map(toMessage);
  },

  async deleteMessages(db: Db, userId: string): Promise<number> {
    const deleted = await db('conversation_messages').where('user_id', userId).del().returning('id');
    return deleted.length;
  },
};
