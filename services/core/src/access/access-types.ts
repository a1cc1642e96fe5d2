export type UserRole = 'user' | 'admin';
export type KeyScope = 'user' | 'admin';

export interface User {
  id: string;
  telegramId: number | null;
  displayName: string;
  role: UserRole;
  status: 'active' | 'paused' | 'blocked';
  createdAt: Date;
}

/** Who is calling: resolved from an API key (or a Telegram id in the bot). */
export interface Actor {
  userId: string;
  scope: KeyScope;
  keyId?: string;
}

export interface ApiKeyInfo {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scope: KeyScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface Invite {
  id: string;
  maxUses: number;
  usedCount: number;
  expiresAt: Date | null;
  createdAt: Date;
  revokedAt: Date | null;
}
