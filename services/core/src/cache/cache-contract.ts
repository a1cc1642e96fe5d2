import type { Cache } from './cache.js';

export interface CacheUnderTest {
  cache: Cache;
  /** Lets ms pass for the cache: a fake clock moves, or the test really waits. */
  elapse(ms: number): Promise<void>;
}

/**
 * The behaviour every Cache promises, run against each implementation so they stay interchangeable.
 * Each test gets a fresh cache from makeCache and closes it afterwards.
 */
export function describeCacheContract(name: string, makeCache: () => Promise<CacheUnderTest>): void {
  describe(`${name} keeps the Cache contract`, () => {
    let subject: CacheUnderTest;
    let cache: Cache;

    beforeEach(async () => {
      subject = await makeCache();
      cache = subject.cache;
    });

    afterEach(async () => {
      await cache.close();
    });

    it('when a key was never set, then get gives undefined', async () => {
      await expect(cache.get('missing')).resolves.toBeUndefined();
    });

    it('when JSON values are set, then get gives equal copies back', async () => {
      const meal = { name: 'oats', grams: 80, tags: ['breakfast'], nested: { kcal: 300.5, fibre: null } };
      await cache.set('meal', meal, 60);
      await cache.set('count', 3, 60);
      await cache.set('flag', false, 60);
      await cache.set('nothing', null, 60);
      await cache.set('text', 'žluťoučký', 60);
      const read = await cache.get<typeof meal>('meal');
      expect(read).toEqual(meal);
      expect(read).not.toBe(meal);
      await expect(cache.get('count')).resolves.toBe(3);
      await expect(cache.get('flag')).resolves.toBe(false);
      await expect(cache.get('nothing')).resolves.toBeNull();
      await expect(cache.get('text')).resolves.toBe('žluťoučký');
    });

    it('when a key is set twice, then the second value wins and other keys are untouched', async () => {
      await cache.set('a', 1, 60);
      await cache.set('b', 2, 60);
      await cache.set('a', 3, 60);
      await expect(cache.get('a')).resolves.toBe(3);
      await expect(cache.get('b')).resolves.toBe(2);
    });

    it('when a key is deleted, then it is gone, and deleting a missing key is fine', async () => {
      await cache.set('a', 1, 60);
      await cache.delete('a');
      await cache.delete('never-set');
      await expect(cache.get('a')).resolves.toBeUndefined();
    });

    it('when the ttl passes, then the value is gone', async () => {
      await cache.set('short', 'lived', 1);
      await subject.elapse(300);
      await expect(cache.get('short')).resolves.toBe('lived');
      await subject.elapse(800);
      await expect(cache.get('short')).resolves.toBeUndefined();
    });

    it('when getOrSet misses, then load runs once and its value is cached', async () => {
      const load = jest.fn(async () => ({ kcal: 52 }));
      await expect(cache.getOrSet('apple', 60, load)).resolves.toEqual({ kcal: 52 });
      await expect(cache.getOrSet('apple', 60, load)).resolves.toEqual({ kcal: 52 });
      await expect(cache.get('apple')).resolves.toEqual({ kcal: 52 });
      expect(load).toHaveBeenCalledTimes(1);
    });

    it('when many getOrSet calls miss together, then they share one load', async () => {
      let finish: (value: string) => void = () => {};
      const load = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));
      const callers = [1, 2, 3].map(() => cache.getOrSet('cold', 60, load));
      await new Promise((resolve) => setTimeout(resolve, 20));
      finish('warm');
      await expect(Promise.all(callers)).resolves.toEqual(['warm', 'warm', 'warm']);
      expect(load).toHaveBeenCalledTimes(1);
    });

    it('when load fails, then getOrSet rejects, caches nothing and loads again next time', async () => {
      const load = jest.fn<Promise<string>, []>().mockRejectedValueOnce(new Error('usda down'));
      load.mockResolvedValueOnce('ok');
      await expect(cache.getOrSet('k', 60, load)).rejects.toThrow('usda down');
      await expect(cache.get('k')).resolves.toBeUndefined();
      await expect(cache.getOrSet('k', 60, load)).resolves.toBe('ok');
    });

    it('when a value is not JSON or a ttl is not positive, then set refuses it', async () => {
      await expect(cache.set('u', undefined, 60)).rejects.toThrow(TypeError);
      await expect(cache.set('z', 1, 0)).rejects.toThrow(RangeError);
      await expect(cache.set('n', 1, Number.NaN)).rejects.toThrow(RangeError);
    });

    it('when open, then ping is true, and after close it is false', async () => {
      await expect(cache.ping()).resolves.toBe(true);
      await cache.close();
      await expect(cache.ping()).resolves.toBe(false);
    });
  });
}
