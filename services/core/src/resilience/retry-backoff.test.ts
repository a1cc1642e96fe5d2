import { fullJitterDelayMs } from './retry-backoff.js';

describe('fullJitterDelayMs', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };

  it('when random is at its extremes, then the delay stays within [0, base * 2^retry)', () => {
    for (const retry of [0, 1, 2, 3]) {
      const ceiling = 100 * 2 ** retry;
      expect(fullJitterDelayMs(retry, policy, () => 0)).toBe(0);
      const highest = fullJitterDelayMs(retry, policy, () => 0.999_999);
      expect(highest).toBeLessThan(ceiling);
      expect(highest).toBeGreaterThanOrEqual(ceiling - 1);
    }
  });

  it('when retries pile up, then the ceiling is capped at maxDelayMs', () => {
    expect(fullJitterDelayMs(10, policy, () => 0.5)).toBe(500);
  });
});
