/** Values are stored as JSON text in both caches, so a value reads back the same from either. */
export function encodeCacheValue(key: string, value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`cache value for ${key} is not JSON-serialisable`);
  return text;
}

export function decodeCacheValue<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function ttlToMs(ttlSeconds: number): number {
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`cache ttl must be a positive number of seconds, got ${ttlSeconds}`);
  }
  return Math.ceil(ttlSeconds * 1000);
}
