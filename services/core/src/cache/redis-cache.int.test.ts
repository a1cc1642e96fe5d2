import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DependencyUnavailableError } from '../errors/index.js';
import { testRedisUrl } from '../testing/test-backends.js';
import { describeCacheContract } from './cache-contract.js';
import { MemoryCache } from './memory-cache.js';
import { RedisCache } from './redis-cache.js';

const redisUrl = testRedisUrl();
// One prefix per test run and file, so parallel files and runs never see each other's keys.
const runPrefix = `test:cache:${process.pid}:${randomUUID()}:`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

if (redisUrl) {
  const admin = new Redis(redisUrl);
  let caches = 0;

  afterAll(async () => {
    const keys = await admin.keys(`${runPrefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  describeCacheContract('RedisCache', async () => ({
    cache: new RedisCache({ client: new Redis(redisUrl), keyPrefix: `${runPrefix}${caches++}:` }),
    elapse: sleep,
  }));

  describe('RedisCache on Redis', () => {
    it('when values are set, then they live under the key prefix with a ttl', async () => {
      const cache = new RedisCache({ client: admin, keyPrefix: `${runPrefix}prefixed:`, ownsClient: false });
      await cache.set('meal', { kcal: 1 }, 60);
      await expect(admin.get(`${runPrefix}prefixed:meal`)).resolves.toBe('{"kcal":1}');
      const ttlMs = await admin.pttl(`${runPrefix}prefixed:meal`);
      expect(ttlMs).toBeGreaterThan(59_000);
      expect(ttlMs).toBeLessThanOrEqual(60_000);
    });

    it('when two caches have different prefixes, then they do not see each other', async () => {
      const first = new RedisCache({ client: admin, keyPrefix: `${runPrefix}one:`, ownsClient: false });
      const second = new RedisCache({ client: admin, keyPrefix: `${runPrefix}two:`, ownsClient: false });
      await first.set('k', 'first', 60);
      await expect(second.get('k')).resolves.toBeUndefined();
    });

    it('when the client is shared, then close leaves it open', async () => {
      const cache = new RedisCache({ client: admin, keyPrefix: runPrefix, ownsClient: false });
      await cache.close();
      await expect(admin.ping()).resolves.toBe('PONG');
    });

    it('when the cache is closed twice, then the second close does nothing', async () => {
      const cache = new RedisCache({ client: new Redis(redisUrl), keyPrefix: runPrefix });
      await cache.close();
      await expect(cache.close()).resolves.toBeUndefined();
    });
  });
} else {
  console.info('Redis was not available (REDIS_URL not set): running the Cache contract against MemoryCache');
  describeCacheContract('MemoryCache (Redis not available)', async () => ({
    cache: new MemoryCache(),
    elapse: sleep,
  }));
}

describe('RedisCache when Redis does not answer', () => {
  // Port 1 on loopback: nothing listens, so every command fails at once.
  const client = new Redis('redis://127.0.0.1:1', {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  const cache = new RedisCache({ client, keyPrefix: runPrefix });

  afterAll(() => client.disconnect());

  it('when a command fails, then it is reported as a dependency being unavailable', async () => {
    await expect(cache.get('k')).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(cache.set('k', 1, 60)).rejects.toThrow('redis cache set failed');
    await expect(cache.delete('k')).rejects.toBeInstanceOf(DependencyUnavailableError);
  });

  it('when pinged, then it answers false', async () => {
    await expect(cache.ping()).resolves.toBe(false);
  });
});
