import type { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { DependencyUnavailableError } from '../errors/index.js';
import type { RateLimitDecision, RateLimiter } from './rate-limiter.js';

export interface RateLimiterOptions {
  /** Points each key may spend per window. */
  points: number;
  /** Length of the window. */
  durationSeconds: number;
  /** Names the quota, so quotas sharing a store (or one Redis) do not share counts. */
  keyPrefix: string;
  /** When given, counts live in Redis and hold across processes; else in this process only. */
  redis?: Redis;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  if (!Number.isInteger(options.points) || options.points < 1) {
    throw new RangeError(`rate limit points must be a positive integer, got ${options.points}`);
  }
  if (!Number.isInteger(options.durationSeconds) || options.durationSeconds < 1) {
    throw new RangeError(
      `rate limit duration must be a positive whole number of seconds, got ${options.durationSeconds}`,
    );
  }
  const settings = {
    points: options.points,
    duration: options.durationSeconds,
    keyPrefix: options.keyPrefix,
  };
  const limiter: RateLimiterAbstract = options.redis
    ? new RateLimiterRedis({ ...settings, storeClient: options.redis })
    : new RateLimiterMemory(settings);
  return { consume: (key, points = 1) => consume(limiter, options.keyPrefix, key, points) };
}

async function consume(
  limiter: RateLimiterAbstract,
  keyPrefix: string,
  key: string,
  points: number,
): Promise<RateLimitDecision> {
  try {
    const result = await limiter.consume(key, points);
    return { allowed: true, remaining: result.remainingPoints, retryAfterMs: 0 };
  } catch (rejection) {
    // rate-limiter-flexible rejects with a RateLimiterRes when over quota, with an Error when its store fails.
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, remaining: rejection.remainingPoints, retryAfterMs: rejection.msBeforeNext };
    }
    throw new DependencyUnavailableError('rate limiter store failed', { keyPrefix }, { cause: rejection });
  }
}
