import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DependencyUnavailableError } from '../errors/index.js';
import { testRedisUrl } from '../testing/test-backends.js';
import { createRateLimiter } from './create-rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';

const redisUrl = testRedisUrl();
// One prefix per test run and file, so parallel files and runs never share counts.
const runPrefix = `test:rl:${process.pid}:${randomUUID()}`;
const client = redisUrl ? new Redis(redisUrl) : undefined;
let quotas = 0;

/** A limiter with a fresh key prefix, on Redis when this run has one. */
function makeLimiter(
  points: number,
  durationSeconds: number,
  keyPrefix = `${runPrefix}:${quotas++}`,
): RateLimiter {
  return createRateLimiter({ points, durationSeconds, keyPrefix, ...(client ? { redis: client } : {}) });
}

if (!client) console.info('Redis was not available (REDIS_URL not set): rate limiter tests run in memory');

afterAll(async () => {
  if (!client) return;
  const keys = await client.keys(`${runPrefix}*`);
  if (keys.length > 0) await client.del(...keys);
  await client.quit();
});

describe(`rate limiter on ${client ? 'Redis' : 'memory (Redis not available)'}`, () => {
  it('when a key spends its points, then the next call is refused with a retry delay within the window', async () => {
    const limiter = makeLimiter(2, 60);
    await expect(limiter.consume('user-1')).resolves.toEqual({
      allowed: true,
      remaining: 1,
      retryAfterMs: 0,
    });
    await expect(limiter.consume('user-1')).resolves.toEqual({
      allowed: true,
      remaining: 0,
      retryAfterMs: 0,
    });
    const refused = await limiter.consume('user-1');
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.retryAfterMs).toBeGreaterThan(55_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    await expect(limiter.consume('user-2')).resolves.toMatchObject({ allowed: true });
  });

  it('when the window ends, then the key has its points back', async () => {
    const limiter = makeLimiter(1, 1);
    await expect(limiter.consume('k')).resolves.toMatchObject({ allowed: true });
    await expect(limiter.consume('k')).resolves.toMatchObject({ allowed: false });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(limiter.consume('k')).resolves.toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
  });
});

if (client) {
  describe('rate limiter on Redis across processes', () => {
    it('when two limiters share a key prefix, then they share the count as two processes would', async () => {
      const keyPrefix = `${runPrefix}:shared`;
      const first = makeLimiter(2, 60, keyPrefix);
      const second = makeLimiter(2, 60, keyPrefix);
      await first.consume('user-1');
      await second.consume('user-1');
      await expect(first.consume('user-1')).resolves.toMatchObject({ allowed: false });
      await expect(client.exists(`${keyPrefix}:user-1`)).resolves.toBe(1);
    });
  });
}

describe('rate limiter when Redis does not answer', () => {
  // Port 1 on loopback: nothing listens, so every command fails at once.
  const down = new Redis('redis://127.0.0.1:1', {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });

  afterAll(() => down.disconnect());

  it('when the store fails, then it is reported as a dependency being unavailable', async () => {
    const limiter = createRateLimiter({ points: 1, durationSeconds: 60, keyPrefix: runPrefix, redis: down });
    const error = await limiter.consume('k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as Error).message).toBe('rate limiter store failed');
  });
});
