import { minutesAsleep, normaliseClockTime } from './sleep-duration.js';

describe('sleep duration from bedtime and wake time', () => {
  it('when bedtime is before midnight and wake time after, then the night spans midnight', () => {
    expect(minutesAsleep('23:30', '07:00')).toBe(450);
    expect(minutesAsleep('22:00', '06:15')).toBe(495);
  });

  it('when both times are after midnight, then it is the plain difference', () => {
    expect(minutesAsleep('01:00', '09:00')).toBe(480);
    expect(minutesAsleep('13:00', '14:30')).toBe(90);
  });

  it('when bedtime equals wake time, then the duration is 0 (refused upstream, never 24 hours)', () => {
    expect(minutesAsleep('07:00', '07:00')).toBe(0);
  });

  it('when a clock time is written loosely, then it is normalised; nonsense is refused', () => {
    expect(normaliseClockTime('7:05')).toBe('07:05');
    expect(normaliseClockTime(' 23:59 ')).toBe('23:59');
    expect(normaliseClockTime('24:00')).toBeUndefined();
    expect(normaliseClockTime('12:60')).toBeUndefined();
    expect(normaliseClockTime('noon')).toBeUndefined();
  });
});
