import type { Redis } from 'ioredis';
import { DependencyUnavailableError } from '../errors/index.js';
import type { Cache } from './cache.js';
import { decodeCacheValue, encodeCacheValue, ttlToMs } from './cache-encoding.js';
import { ReadThrough } from './read-through.js';

export interface RedisCacheOptions {
  client: Redis;
  /** Put before every key, so caches of several apps or tests can share one Redis. */
  keyPrefix: string;
  /** Whether close() quits the client; false when the client is shared, e.g. with rate limiters. Default true. */
  ownsClient?: boolean;
}

/** The Cache on Redis, for production where several processes share it. */
export class RedisCache implements Cache {
  private readonly client: Redis;
  private readonly keyPrefix: string;
  private readonly ownsClient: boolean;
  private readonly readThrough = new ReadThrough();

  constructor(options: RedisCacheOptions) {
    this.client = options.client;
    this.keyPrefix = options.keyPrefix;
    this.ownsClient = options.ownsClient ?? true;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const text = await this.command('get', key, () => this.client.get(this.keyPrefix + key));
    return text === null ? undefined : decodeCacheValue<T>(text);
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    const text = encodeCacheValue(key, value);
    const ttlMs = ttlToMs(ttlSeconds);
    await this.command('set', key, () => this.client.set(this.keyPrefix + key, text, 'PX', ttlMs));
  }

  async delete(key: string): Promise<void> {
    await this.command('delete', key, () => this.client.del(this.keyPrefix + key));
  }

  getOrSet<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    return this.readThrough.getOrSet(this, key, ttlSeconds, load);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (!this.ownsClient || this.client.status === 'end') return;
    await this.client.quit();
  }

  private async command<R>(operation: string, key: string, run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      throw new DependencyUnavailableError(`redis cache ${operation} failed`, { key }, { cause: error });
    }
  }
}
