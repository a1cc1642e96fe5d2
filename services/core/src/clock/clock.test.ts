import { ManualClock, systemClock } from './clock.js';

describe('clocks', () => {
  it('when a manual clock is set or advanced, then now() follows', () => {
    const clock = new ManualClock('2026-03-29T00:30:00Z');
    clock.advance(90 * 60 * 1000);
    expect(clock.now().toISOString()).toBe('2026-03-29T02:00:00.000Z');
    clock.set('2026-10-25T01:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-10-25T01:00:00.000Z');
  });

  it('when the system clock is read, then it is the current time', () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});
