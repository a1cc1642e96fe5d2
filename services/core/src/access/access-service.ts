import { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  parseInput,
  UnauthorizedError,
  ValidationError,
} from '../errors/index.js';
import { accessRepository as repo } from './access-repository.js';
import type { Actor, ApiKeyInfo, Invite, KeyScope, User, UserRole } from './access-types.js';
import {
  apiKeyPrefix,
  hashSecret,
  issueApiKey,
  issueInviteCode,
  normaliseInviteCode,
  type RandomBytes,
  systemRandomBytes,
} from './api-key-codec.js';

export interface AccessServiceDependencies {
  db: Db;
  clock: Clock;
  random?: RandomBytes;
  /** Telegram ids that are admins by configuration (ADMIN_TELEGRAM_IDS). */
  adminTelegramIds?: number[];
}

const newUserSchema = z.object({
  displayName: z.string().trim().min(1).max(200),
  role: z.enum(['user', 'admin']).default('user'),
  telegramId: z.number().int().positive().optional(),
});

const newKeySchema = z.object({
  name: z.string().trim().max(100).default(''),
  scope: z.enum(['user', 'admin']).default('user'),
  expiresAt: z.date().nullable().default(null),
});

const newInviteSchema = z.object({
  maxUses: z.number().int().min(1).max(10_000).default(1),
  expiresAt: z.date().nullable().default(null),
});

/**
 * Who may use the product and as whom: users, API keys (stored hashed, scoped),
 * invite codes and the Telegram allow-list.
 */
export class AccessService {
  private readonly random: RandomBytes;

  constructor(private readonly deps: AccessServiceDependencies) {
    this.random = deps.random ?? systemRandomBytes;
  }

  async createUser(input: { displayName: string; role?: UserRole; telegramId?: number }): Promise<User> {
    const user = parseInput(newUserSchema, input, 'user');
    if (user.telegramId && (await repo.findUserByTelegramId(this.deps.db, user.telegramId))) {
      throw new ConflictError('A user with this Telegram id already exists', { telegramId: user.telegramId });
    }
    return this.deps.db.transaction((trx) => repo.insertUser(trx, user));
  }

  async getUser(userId: string): Promise<User> {
    const user = z.uuid().safeParse(userId).success ? await repo.findUser(this.deps.db, userId) : undefined;
    if (!user) throw new NotFoundError('User not found', { userId });
    return user;
  }

  listUsers(page: { limit: number; offset: number }): Promise<User[]> {
    return repo.listUsers(this.deps.db, page);
  }

  /** Issues a key; the plaintext is returned once and only its hash is kept. */
  async createApiKey(
    userId: string,
    input: { name?: string; scope?: KeyScope; expiresAt?: Date | null } = {},
  ): Promise<{ key: string; info: ApiKeyInfo }> {
    const options = parseInput(newKeySchema, input, 'API key');
    const user = await this.getUser(userId);
    if (options.scope === 'admin' && user.role !== 'admin') {
      throw new ForbiddenError('Only admin users can hold admin keys');
    }
    if (options.expiresAt && options.expiresAt <= this.deps.clock.now()) {
      throw new ValidationError('The key would already be expired', [
        { path: 'expiresAt', message: 'must be in the future' },
      ]);
    }
    const issued = issueApiKey(this.random);
    const info = await repo.insertApiKey(this.deps.db, {
      userId,
      name: options.name,
      prefix: issued.prefix,
      hash: issued.hash,
      scope: options.scope,
      expiresAt: options.expiresAt,
    });
    return { key: issued.plaintext, info };
  }

  /** Resolves a presented key to the acting user, or refuses with one message for every failure. */
  async authenticateApiKey(presented: string | undefined): Promise<Actor> {
    const refuse = () => new UnauthorizedError('A valid API key is required');
    if (!presented || !apiKeyPrefix(presented)) throw refuse();
    const now = this.deps.clock.now();
    const key = await repo.findActiveKeyByHash(this.deps.db, hashSecret(presented), now);
    if (!key || key.userStatus === 'blocked') throw refuse();
    await repo.touchApiKey(this.deps.db, key.id, now);
    return { userId: key.userId, scope: key.scope, keyId: key.id };
  }

  listApiKeys(userId: string): Promise<ApiKeyInfo[]> {
    return repo.listApiKeys(this.deps.db, userId);
  }

  async revokeApiKey(userId: string, keyId: string): Promise<void> {
    if (!(await repo.revokeApiKey(this.deps.db, userId, keyId, this.deps.clock.now()))) {
      throw new NotFoundError('API key not found', { keyId });
    }
  }

  /** Creates an admin and an admin key when the installation has no admin yet (first start). */
  async bootstrapAdmin(): Promise<{ user: User; key: string } | undefined> {
    if (await repo.anyAdmin(this.deps.db)) return undefined;
    const user = await this.createUser({ displayName: 'Local admin', role: 'admin' });
    const { key } = await this.createApiKey(user.id, { name: 'bootstrap', scope: 'admin' });
    return { user, key };
  }

  async createInvite(
    createdBy: string | null,
    input: { maxUses?: number; expiresAt?: Date | null } = {},
  ): Promise<{ code: string; invite: Invite }> {
    const options = parseInput(newInviteSchema, input, 'invite');
    const code = issueInviteCode(this.random);
    const invite = await repo.insertInvite(this.deps.db, {
      codeHash: hashSecret(normaliseInviteCode(code)),
      maxUses: options.maxUses,
      expiresAt: options.expiresAt,
      createdBy,
    });
    return { code, invite };
  }

  listInvites(): Promise<Invite[]> {
    return repo.listInvites(this.deps.db);
  }

  async revokeInvite(inviteId: string): Promise<void> {
    if (!(await repo.revokeInvite(this.deps.db, inviteId, this.deps.clock.now()))) {
      throw new NotFoundError('Invite not found or already revoked', { inviteId });
    }
  }

  /**
   * Admits a Telegram user with an invite code: one use is taken and the user created
   * in one transaction, so a failed creation never burns a use.
   */
  async redeemInvite(code: string, telegram: { telegramId: number; displayName: string }): Promise<User> {
    const db = this.deps.db;
    const existing = await repo.findUserByTelegramId(db, telegram.telegramId);
    if (existing) return existing;
    return db.transaction(async (trx) => {
      const invite = await repo.useInvite(trx, hashSecret(normaliseInviteCode(code)), this.deps.clock.now());
      if (!invite) throw new ForbiddenError('This invite code is unknown, used up, expired or revoked');
      return repo.insertUser(trx, {
        displayName: telegram.displayName.slice(0, 200) || `Telegram ${telegram.telegramId}`,
        role: this.isAdminTelegramId(telegram.telegramId) ? 'admin' : 'user',
        telegramId: telegram.telegramId,
      });
    });
  }

  /** The Telegram user's account when admitted (existing user, admin id or allow-listed), else undefined. */
  async admitTelegramUser(telegram: { telegramId: number; displayName: string }): Promise<User | undefined> {
    const existing = await repo.findUserByTelegramId(this.deps.db, telegram.telegramId);
    if (existing) return existing.status === 'blocked' ? undefined : existing;
    const admin = this.isAdminTelegramId(telegram.telegramId);
    if (!admin && !(await repo.isAllowed(this.deps.db, telegram.telegramId))) return undefined;
    // The user and their profile are written together, or not at all.
    return this.deps.db.transaction((trx) =>
      repo.insertUser(trx, {
        displayName: telegram.displayName.slice(0, 200) || `Telegram ${telegram.telegramId}`,
        role: admin ? 'admin' : 'user',
        telegramId: telegram.telegramId,
      }),
    );
  }

  async allowTelegramId(telegramId: number, note: string, addedBy: string | null): Promise<void> {
    if (!Number.isSafeInteger(telegramId) || telegramId <= 0) {
      throw new ValidationError('Telegram ids are positive whole numbers', [
        { path: 'telegramId', message: 'invalid' },
      ]);
    }
    await repo.allow(this.deps.db, telegramId, note.slice(0, 500), addedBy);
  }

  async disallowTelegramId(telegramId: number): Promise<void> {
    if (!(await repo.disallow(this.deps.db, telegramId)))
      throw new NotFoundError('Not on the allow-list', { telegramId });
  }

  listAllowedTelegramIds(): Promise<Array<{ telegramId: number; note: string; createdAt: Date }>> {
    return repo.listAllowed(this.deps.db);
  }

  private isAdminTelegramId(telegramId: number): boolean {
    return (this.deps.adminTelegramIds ?? []).includes(telegramId);
  }
}
