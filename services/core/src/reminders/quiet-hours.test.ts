import { isQuietHour, quietHoursEnd } from './quiet-hours.js';
import type { DeliveryProfile } from './reminder-types.js';

const profile = (
  start: number | null,
  end: number | null,
  timezone = 'Europe/Stockholm',
): DeliveryProfile => ({
  timezone,
  quietHoursStart: start,
  quietHoursEnd: end,
});
const at = (iso: string): Date => new Date(iso);

describe('quiet hours', () => {
  it('when quiet hours wrap midnight (22 to 7), then 22:00-06:59 local is quiet and 07:00 is not', () => {
    const nights = profile(22, 7);
    // Stockholm is UTC+1 in January.
    expect(isQuietHour(at('2026-01-10T20:59:00Z'), nights)).toBe(false); // 21:59
    expect(isQuietHour(at('2026-01-10T21:00:00Z'), nights)).toBe(true); // 22:00
    expect(isQuietHour(at('2026-01-10T23:30:00Z'), nights)).toBe(true); // 00:30
    expect(isQuietHour(at('2026-01-11T05:59:00Z'), nights)).toBe(true); // 06:59
    expect(isQuietHour(at('2026-01-11T06:00:00Z'), nights)).toBe(false); // 07:00
  });

  it('when quiet hours lie within a day (13 to 15), then only those local hours are quiet', () => {
    const nap = profile(13, 15, 'America/New_York');
    expect(isQuietHour(at('2026-07-01T16:59:00Z'), nap)).toBe(false); // 12:59 EDT
    expect(isQuietHour(at('2026-07-01T17:00:00Z'), nap)).toBe(true); // 13:00
    expect(isQuietHour(at('2026-07-01T18:59:00Z'), nap)).toBe(true); // 14:59
    expect(isQuietHour(at('2026-07-01T19:00:00Z'), nap)).toBe(false); // 15:00
  });

  it('when quiet hours are not set or start equals end, then no hour is quiet', () => {
    expect(isQuietHour(at('2026-01-10T23:00:00Z'), profile(null, 7))).toBe(false);
    expect(isQuietHour(at('2026-01-10T23:00:00Z'), profile(22, null))).toBe(false);
    expect(isQuietHour(at('2026-01-10T23:00:00Z'), profile(5, 5))).toBe(false);
  });

  it('when a reminder falls in quiet hours before midnight, then it is deferred to the end the next morning', () => {
    expect(quietHoursEnd(at('2026-01-10T22:00:00Z'), profile(22, 7))?.toISOString()).toBe(
      '2026-01-11T06:00:00.000Z',
    );
  });

  it('when a reminder falls in quiet hours after midnight, then it is deferred to the end the same morning', () => {
    expect(quietHoursEnd(at('2026-01-11T02:00:00Z'), profile(22, 7))?.toISOString()).toBe(
      '2026-01-11T06:00:00.000Z',
    );
  });

  it('when the quiet hours end on the spring-forward morning at 02:00, then they end at 03:00 local', () => {
    expect(quietHoursEnd(at('2026-03-28T23:30:00Z'), profile(0, 2))?.toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('when it is not quiet, then there is nothing to defer to', () => {
    expect(quietHoursEnd(at('2026-01-10T12:00:00Z'), profile(22, 7))).toBeNull();
  });
});
