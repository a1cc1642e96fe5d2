import type { Db } from '../db/db.js';
import type { ApiKeyInfo, Invite, KeyScope, User, UserRole } from './access-types.js';

interface UserRow {
  id: string;
  telegram_id: string | number | null;
  display_name: string;
  role: UserRole;
  status: User['status'];
  created_at: Date;
}

interface ApiKeyRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  scope: KeyScope;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

interface InviteRow {
  id: string;
  max_uses: number;
  used_count: number;
  expires_at: Date | null;
  created_at: Date;
  revoked_at: Date | null;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    telegramId: row.telegram_id === null ? null : Number(row.telegram_id),
    displayName: row.display_name,
    role: row.role,
    status: row.status,
    createdAt: new Date(row.created_at),
  };
}

function toApiKey(row: ApiKeyRow): ApiKeyInfo {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at && new Date(row.last_used_at),
    expiresAt: row.expires_at && new Date(row.expires_at),
    revokedAt: row.revoked_at && new Date(row.revoked_at),
  };
}

function toInvite(row: InviteRow): Invite {
  return {
    id: row.id,
    maxUses: row.max_uses,
    usedCount: row.used_count,
    expiresAt: row.expires_at && new Date(row.expires_at),
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at && new Date(row.revoked_at),
  };
}

const keyColumns = [
  'id',
  'user_id',
  'name',
  'prefix',
  'scope',
  'created_at',
  'last_used_at',
  'expires_at',
  'revoked_at',
];

/** Users, API keys, invites and the Telegram allow-list: the only SQL of the access feature. */
export const accessRepository = {
  async insertUser(
    db: Db,
    user: { displayName: string; role: UserRole; telegramId?: number | undefined },
  ): Promise<User> {
    const [row] = await db('users')
      .insert({ display_name: user.displayName, role: user.role, telegram_id: user.telegramId ?? null })
      .returning('*');
    await db('user_profiles').insert({ user_id: row.id });
    return toUser(row);
  },

  async findUser(db: Db, id: string): Promise<User | undefined> {
    const row = await db('users').where({ id }).first();
    return row && toUser(row);
  },

  async findUserByTelegramId(db: Db, telegramId: number): Promise<User | undefined> {
    const row = await db('users').where({ telegram_id: telegramId }).first();
    return row && toUser(row);
  },

  async listUsers(db: Db, page: { limit: number; offset: number }): Promise<User[]> {
    const rows = await db('users').orderBy('created_at').orderBy('id').limit(page.limit).offset(page.offset);
    return rows.map(toUser);
  },

  async anyAdmin(db: Db): Promise<boolean> {
    return Boolean(await db('users').where({ role: 'admin' }).first('id'));
  },

  async insertApiKey(
    db: Db,
    key: {
      userId: string;
      name: string;
      prefix: string;
      hash: string;
      scope: KeyScope;
      expiresAt: Date | null;
    },
  ): Promise<ApiKeyInfo> {
    const [row] = await db('api_keys')
      .insert({
        user_id: key.userId,
        name: key.name,
        prefix: key.prefix,
        key_hash: key.hash,
        scope: key.scope,
        expires_at: key.expiresAt,
      })
      .returning(keyColumns);
    return toApiKey(row);
  },

  async findActiveKeyByHash(
    db: Db,
    hash: string,
    now: Date,
  ): Promise<(ApiKeyInfo & { userStatus: string }) | undefined> {
    const row = await db('api_keys as k')
      .join('users as u', 'u.id', 'k.user_id')
      .where('k.key_hash', hash)
      .whereNull('k.revoked_at')
      .where((q) => q.whereNull('k.expires_at').orWhere('k.expires_at', '>', now))
      .first(...keyColumns.map((c) => `k.${c}`), 'u.status as user_status');
    return row && { ...toApiKey(row), userStatus: row.user_status };
  },

  async touchApiKey(db: Db, id: string, now: Date): Promise<void> {
    await db('api_keys').where({ id }).update({ last_used_at: now });
  },

  async listApiKeys(db: Db, userId: string): Promise<ApiKeyInfo[]> {
    const rows = await db('api_keys').where({ user_id: userId }).orderBy('created_at').select(keyColumns);
    return rows.map(toApiKey);
  },

  async revokeApiKey(db: Db, userId: string, keyId: string, now: Date): Promise<boolean> {
    const count = await db('api_keys')
      .where({ id: keyId, user_id: userId })
      .whereNull('revoked_at')
      .update({ revoked_at: now });
    return count > 0;
  },

  async insertInvite(
    db: Db,
    invite: { codeHash: string; maxUses: number; expiresAt: Date | null; createdBy: string | null },
  ): Promise<Invite> {
    const [row] = await db('invites')
      .insert({
        code_hash: invite.codeHash,
        max_uses: invite.maxUses,
        expires_at: invite.expiresAt,
        created_by: invite.createdBy,
      })
      .returning('*');
    return toInvite(row);
  },

  /** Takes one use of a live invite atomically; undefined when it is unknown, used up, expired or revoked. */
  async useInvite(db: Db, codeHash: string, now: Date): Promise<Invite | undefined> {
    const [row] = await db('invites')
      .where({ code_hash: codeHash })
      .whereNull('revoked_at')
      .whereRaw('used_count < max_uses')
      .where((q) => q.whereNull('expires_at').orWhere('expires_at', '>', now))
      .increment('used_count', 1)
      .returning('*');
    return row && toInvite(row);
  },

  async listInvites(db: Db): Promise<Invite[]> {
    return (await db('invites').orderBy('created_at', 'desc')).map(toInvite);
  },

  async revokeInvite(db: Db, id: string, now: Date): Promise<boolean> {
    const rows = await db('invites')
      .where({ id })
      .whereNull('revoked_at')
      .update({ revoked_at: now })
      .returning('id');
    return rows.length > 0;
  },

  async allow(db: Db, telegramId: number, note: string, addedBy: string | null): Promise<void> {
    await db('telegram_allow_list')
      .insert({ telegram_id: telegramId, note, added_by: addedBy })
      .onConflict('telegram_id')
      .merge(['note']);
  },

  async disallow(db: Db, telegramId: number): Promise<boolean> {
    const rows = await db('telegram_allow_list')
      .where({ telegram_id: telegramId })
      .delete()
      .returning('telegram_id');
    return rows.length > 0;
  },

  async isAllowed(db: Db, telegramId: number): Promise<boolean> {
    return Boolean(await db('telegram_allow_list').where({ telegram_id: telegramId }).first('telegram_id'));
  },

  async listAllowed(db: Db): Promise<Array<{ telegramId: number; note: string; createdAt: Date }>> {
    const rows = await db('telegram_allow_list').orderBy('created_at');
    return rows.map((row) => ({
      telegramId: Number(row.telegram_id),
      note: row.note,
      createdAt: new Date(row.created_at),
    }));
  },
};
