import type { Cache } from './cache.js';

/**
 * getOrSet for any Cache: a miss calls load once even when many callers miss at the same time in this
 * process, so a cold key does not send a burst of identical requests to the dependency behind it.
 */
export class ReadThrough {
  private readonly loading = new Map<string, Promise<unknown>>();

  async getOrSet<T>(cache: Cache, key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    const cached = await cache.get<T>(key);
    if (cached !== undefined) return cached;
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    const loaded = this.loadAndStore(cache, key, ttlSeconds, load);
    this.loading.set(key, loaded);
    try {
      return await loaded;
    } finally {
      this.loading.delete(key);
    }
  }

  private async loadAndStore<T>(
    cache: Cache,
    key: string,
    ttlSeconds: number,
    load: () => Promise<T>,
  ): Promise<T> {
    const value = await load();
    await cache.set(key, value, ttlSeconds);
    return value;
  }
}
