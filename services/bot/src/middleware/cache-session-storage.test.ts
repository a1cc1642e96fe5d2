import { MemoryCache } from '@health-agent/core';
import { CacheSessionStorage } from './cache-session-storage.js';

describe('cache session storage', () => {
  it('when a session is written, then it is read back under its key until it expires or is deleted', async () => {
    let now = 0;
    const cache = new MemoryCache({ clock: { now: () => now } });
    const storage = new CacheSessionStorage<{ flow?: { kind: string } }>(cache, {
      keyPrefix: 'bot:session:',
      ttlSeconds: 60,
    });
    await storage.write('42', { flow: { kind: 'onboarding' } });
    expect(await storage.read('42')).toEqual({ flow: { kind: 'onboarding' } });
    expect(await cache.get('bot:session:42')).toEqual({ flow: { kind: 'onboarding' } });
    expect(await storage.read('43')).toBeUndefined();
    now = 61_000;
    expect(await storage.read('42')).toBeUndefined();
    await storage.write('42', {});
    await storage.delete('42');
    expect(await storage.read('42')).toBeUndefined();
  });
});
