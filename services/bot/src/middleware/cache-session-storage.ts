import type { Cache } from '@health-agent/core';
import type { StorageAdapter } from 'grammy';

/**
 * grammY sessions kept in the platform cache (Redis in production, in-process locally), so a
 * conversation survives a restart and any replica can continue it. An abandoned conversation
 * expires after ttlSeconds.
 */
export class CacheSessionStorage<T> implements StorageAdapter<T> {
  constructor(
    private readonly cache: Cache,
    private readonly options: { keyPrefix: string; ttlSeconds: number },
  ) {}

  read(key: string): Promise<T | undefined> {
    return this.cache.get<T>(this.options.keyPrefix + key);
  }

  write(key: string, value: T): Promise<void> {
    return this.cache.set(this.options.keyPrefix + key, value, this.options.ttlSeconds);
  }

  delete(key: string): Promise<void> {
    return this.cache.delete(this.options.keyPrefix + key);
  }
}
