/** A key-value cache of JSON values with a time to live; in-process or Redis behind one interface. */
export interface Cache {
  /** The value, or undefined when it is missing or expired. */
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** The cached value, or load()'s result, cached for ttlSeconds; concurrent misses share one load. */
  getOrSet<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T>;
  /** True while the backing store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
