import { describeCacheContract } from './cache-contract.js';
import { MemoryCache } from './memory-cache.js';

function manualClock() {
  let now = 1_000_000;
  return {
    now: () => now,
    elapse: async (ms: number) => {
      now += ms;
    },
  };
}

describeCacheContract('MemoryCache', async () => {
  const clock = manualClock();
  return { cache: new MemoryCache({ clock }), elapse: clock.elapse };
});

describe('MemoryCache', () => {
  it('when it is full, then the least recently used entry is evicted', async () => {
    const cache = new MemoryCache({ maxEntries: 2 });
    await cache.set('a', 1, 60);
    await cache.set('b', 2, 60);
    await cache.get('a');
    await cache.set('c', 3, 60);
    expect(cache.size).toBe(2);
    await expect(cache.get('b')).resolves.toBeUndefined();
    await expect(cache.get('a')).resolves.toBe(1);
    await expect(cache.get('c')).resolves.toBe(3);
  });

  it('when an existing key is set again, then nothing is evicted', async () => {
    const cache = new MemoryCache({ maxEntries: 2 });
    await cache.set('a', 1, 60);
    await cache.set('b', 2, 60);
    await cache.set('a', 3, 60);
    await expect(cache.get('b')).resolves.toBe(2);
    await expect(cache.get('a')).resolves.toBe(3);
  });

  it('when an expired entry is read, then it is dropped', async () => {
    const clock = manualClock();
    const cache = new MemoryCache({ clock });
    await cache.set('a', 1, 1);
    await clock.elapse(1_000);
    await expect(cache.get('a')).resolves.toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('when maxEntries is not a positive integer, then it refuses to start', () => {
    expect(() => new MemoryCache({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => new MemoryCache({ maxEntries: 1.5 })).toThrow(
      'maxEntries must be a positive integer, got 1.5',
    );
  });

  it('when no clock is given, then it uses the system time', async () => {
    const cache = new MemoryCache();
    await cache.set('a', 'b', 60);
    await expect(cache.get('a')).resolves.toBe('b');
  });
});
