import { createRateLimiter } from './create-rate-limiter.js';

describe('createRateLimiter without Redis', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('when a key spends its points, then further calls are refused until the window ends', async () => {
    const limiter = createRateLimiter({ points: 3, durationSeconds: 60, keyPrefix: 'tool-exec' });
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await limiter.consume('user-1'));
    expect(decisions).toEqual([
      { allowed: true, remaining: 2, retryAfterMs: 0 },
      { allowed: true, remaining: 1, retryAfterMs: 0 },
      { allowed: true, remaining: 0, retryAfterMs: 0 },
    ]);

    jest.advanceTimersByTime(20_000);
    await expect(limiter.consume('user-1')).resolves.toEqual({
      allowed: false,
      remaining: 0,
      retryAfterMs: 40_000,
    });

    jest.advanceTimersByTime(40_000);
    await expect(limiter.consume('user-1')).resolves.toEqual({
      allowed: true,
      remaining: 2,
      retryAfterMs: 0,
    });
  });

  it('when keys differ, then each has its own quota', async () => {
    const limiter = createRateLimiter({ points: 1, durationSeconds: 60, keyPrefix: 'api' });
    await expect(limiter.consume('a')).resolves.toMatchObject({ allowed: true });
    await expect(limiter.consume('b')).resolves.toMatchObject({ allowed: true });
    await expect(limiter.consume('a')).resolves.toMatchObject({ allowed: false });
  });

  it('when a call costs several points, then they are spent at once', async () => {
    const limiter = createRateLimiter({ points: 5, durationSeconds: 60, keyPrefix: 'api' });
    await expect(limiter.consume('a', 4)).resolves.toEqual({ allowed: true, remaining: 1, retryAfterMs: 0 });
    await expect(limiter.consume('a', 2)).resolves.toMatchObject({ allowed: false, remaining: 0 });
  });

  it('when points or duration are not positive integers, then it refuses to start', () => {
    expect(() => createRateLimiter({ points: 0, durationSeconds: 60, keyPrefix: 'x' })).toThrow(
      'rate limit points must be a positive integer, got 0',
    );
    expect(() => createRateLimiter({ points: 1, durationSeconds: 0.5, keyPrefix: 'x' })).toThrow(RangeError);
  });
});
