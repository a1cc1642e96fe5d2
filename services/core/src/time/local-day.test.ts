import { addDays, daysBetween, isValidTimezone, localDayOf, localDayRange } from './local-day.js';

const stockholm = { timezone: 'Europe/Stockholm', dayStartHour: 0 };

describe('local days', () => {
  it('when food is logged at 23:30 local, then it counts for that local day, not the UTC one', () => {
    // 23:30 in New York on 14 March is 03:30 UTC on the 15th.
    expect(
      localDayOf(new Date('2026-03-15T03:30:00Z'), { timezone: 'America/New_York', dayStartHour: 0 }),
    ).toBe('2026-03-14');
  });

  it('when the day starts at 04:00, then 02:00 local belongs to the day before', () => {
    expect(
      localDayOf(new Date('2026-06-10T00:00:00Z'), { timezone: 'Europe/Stockholm', dayStartHour: 4 }),
    ).toBe('2026-06-09');
  });

  it('when the clocks go forward or back, then the day is 23 or 25 hours long', () => {
    const spring = localDayRange('2026-03-29', stockholm);
    expect(spring.start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    const autumn = localDayRange('2026-10-25', stockholm);
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
  });

  it('when a day string is not a day, then it is refused', () => {
    expect(() => localDayRange('2026-02-30', stockholm)).toThrow(/not a calendar day/);
  });

  it('when days are added or counted, then calendar arithmetic holds across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });

  it('when a timezone is checked, then IANA names pass and others fail', () => {
    expect(isValidTimezone('Europe/Stockholm')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
  });
});
