import { createHash, randomBytes } from 'node:crypto';

/** Random bytes are injected so tests can make predictable keys. */
export type RandomBytes = (size: number) => Buffer;

export const systemRandomBytes: RandomBytes = (size) => randomBytes(size);

export interface IssuedApiKey {
  /** Shown once, never stored: `ha_<prefix>_<secret>`. */
  plaintext: string;
  prefix: string;
  hash: string;
}

const keyPattern = /^ha_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

/** Keys carry 256 random bits, so a plain SHA-256 is a safe, fast stored form. */
export function hashSecret(plaintext: string): string {
  return createHash('sha256').update(plaintext).digest('hex');
}

export function issueApiKey(random: RandomBytes = systemRandomBytes): IssuedApiKey {
  const prefix = random(5).toString('hex').slice(0, 8);
  const secret = random(32).toString('base64url');
  const plaintext = `ha_${prefix}_${secret}`;
  return { plaintext, prefix, hash: hashSecret(plaintext) };
}

/** The prefix of a well-formed key, or undefined when it cannot be one of ours. */
export function apiKeyPrefix(plaintext: string): string | undefined {
  return keyPattern.exec(plaintext)?.[1];
}

/** Invite codes: short enough to type, random enough not to guess (about 60 bits). */
export function issueInviteCode(random: RandomBytes = systemRandomBytes): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = random(12);
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export function normaliseInviteCode(code: string): string {
  return code.trim().toUpperCase().replace(/[\s-]/g, '');
}
