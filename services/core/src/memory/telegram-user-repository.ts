import type { Db } from '../db/db.js';

/**
 * The two user queries the memory importer needs: match a folder's Telegram id to a
 * user, or create that user (with the default profile every user has).
 */
export const telegramUserRepository = {
  async findUserIdByTelegramId(db: Db, telegramId: number): Promise<string | null> {
    const row: { id: string } | undefined = await db('users')
      .select('id')
      .where('telegram_id', telegramId)
      .first();
    return row?.id ?? null;
  },

  /** Creates the user unless someone else just did; returns the id and whether this call created it. */
  async findOrCreateUserByTelegramId(
    db: Db,
    telegramId: number,
    at: Date,
  ): Promise<{ userId: string; created: boolean }> {
    const inserted = await db('users')
      .insert({ telegram_id: telegramId, created_at: at, updated_at: at })
      .onConflict('telegram_id')
      .ignore()
      .returning('id');
    const created = (inserted as Array<{ id: string }>)[0];
    if (!created) {
      const existing = await telegramUserRepository.findUserIdByTelegramId(db, telegramId);
      if (!existing) throw new Error(`user with telegram id ${telegramId} vanished during import`);
      return { userId: existing, created: false };
    }
    await db('user_profiles').insert({ user_id: created.id, created_at: at, updated_at: at });
    return { userId: created.id, created: true };
  },
};
