import type { Cache } from './cache.js';
import { decodeCacheValue, encodeCacheValue, ttlToMs } from './cache-encoding.js';
import { ReadThrough } from './read-through.js';

export interface MemoryCacheOptions {
  /** Time source for expiry; injected so tests need not wait. */
  clock?: { now(): number };
  /** Entries kept at most; the least recently used go first. Default 10000. */
  maxEntries?: number;
}

interface Entry {
  text: string;
  expiresAt: number;
}

/** The in-process Cache for the embedded mode and for tests. */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: { now(): number };
  private readonly maxEntries: number;
  private readonly readThrough = new ReadThrough();
  private closed = false;

  constructor(options: MemoryCacheOptions = {}) {
    this.clock = options.clock ?? Date;
    this.maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${this.maxEntries}`);
    }
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.clock.now()) return undefined;
    // Re-inserting moves the key to the end of the Map's order, which is what eviction reads.
    this.entries.set(key, entry);
    return decodeCacheValue<T>(entry.text);
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    const entry = { text: encodeCacheValue(key, value), expiresAt: this.clock.now() + ttlToMs(ttlSeconds) };
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evictOverflow();
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  getOrSet<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    return this.readThrough.getOrSet(this, key, ttlSeconds, load);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.entries.clear();
  }

  /** How many entries are held, expired ones included until they are read or evicted. */
  get size(): number {
    return this.entries.size;
  }

  private evictOverflow(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) return;
      this.entries.delete(key);
    }
  }
}
