import type { Db } from '../db/db.js';

let counter = 0;

/** Inserts a user with a profile; returns its id. For integration tests. */
export async function insertTestUser(
  db: Db,
  profile: { timezone?: string; dayStartHour?: number; role?: 'user' | 'admin'; telegramId?: number } = {},
): Promise<string> {
  counter += 1;
  const [user] = await db('users')
    .insert({
      display_name: `Test user ${counter}`,
      role: profile.role ?? 'user',
      ...(profile.telegramId ? { telegram_id: profile.telegramId } : {}),
    })
    .returning('id');
  await db('user_profiles').insert({
    user_id: user.id,
    timezone: profile.timezone ?? 'UTC',
    day_start_hour: profile.dayStartHour ?? 0,
  });
  return user.id as string;
}
