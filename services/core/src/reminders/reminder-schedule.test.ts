import { DateTime } from 'luxon';
import { isTimeOfDay, nextRunAt, parseTimeOfDay, resolveLocalTime } from './reminder-schedule.js';
import type { ReminderSchedule } from './reminder-types.js';

const ALL = [1, 2, 3, 4, 5, 6, 7];
const daily = (timeOfDay: string, weekdays: number[] = ALL): ReminderSchedule => ({
  kind: 'daily',
  timeOfDay,
  weekdays,
  runAt: null,
});
const weekly = (weekday: number, timeOfDay: string): ReminderSchedule => ({
  kind: 'weekly',
  timeOfDay,
  weekdays: [weekday],
  runAt: null,
});
const at = (iso: string): Date => new Date(iso);
const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

describe('nextRunAt in Europe/Stockholm', () => {
  const zone = 'Europe/Stockholm';

  it('when the clocks go forward, then 08:00 stays 08:00 local (06:00 UTC instead of 07:00)', () => {
    expect(iso(nextRunAt(daily('08:00'), at('2026-03-28T12:00:00Z'), zone))).toBe('2026-03-29T06:00:00.000Z');
    expect(iso(nextRunAt(daily('08:00'), at('2026-03-27T12:00:00Z'), zone))).toBe('2026-03-28T07:00:00.000Z');
  });

  it('when 02:30 does not exist on the spring-forward day, then it fires at 03:00 local, the first valid instant after', () => {
    const fire = nextRunAt(daily('02:30'), at('2026-03-28T12:00:00Z'), zone);
    expect(iso(fire)).toBe('2026-03-29T01:00:00.000Z');
    expect(DateTime.fromJSDate(fire as Date, { zone }).toFormat('yyyy-MM-dd HH:mm')).toBe('2026-03-29 03:00');
    // The day after, 02:30 exists again.
    expect(iso(nextRunAt(daily('02:30'), fire as Date, zone))).toBe('2026-03-30T00:30:00.000Z');
  });

  it('when 02:00 (the very start of the gap) is asked for, then it also fires at 03:00 local', () => {
    expect(iso(nextRunAt(daily('02:00'), at('2026-03-28T12:00:00Z'), zone))).toBe('2026-03-29T01:00:00.000Z');
  });

  it('when 02:30 happens twice as the clocks go back, then it fires once, at the first occurrence', () => {
    const first = nextRunAt(daily('02:30'), at('2026-10-24T12:00:00Z'), zone);
    expect(iso(first)).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    // Strictly after the first occurrence: the repeated 02:30 CET (01:30Z) is not a second fire.
    expect(iso(nextRunAt(daily('02:30'), first as Date, zone))).toBe('2026-10-26T01:30:00.000Z');
    // Asked from inside the repeated hour, the day's occurrence has already happened.
    expect(iso(nextRunAt(daily('02:30'), at('2026-10-25T01:00:00Z'), zone))).toBe('2026-10-26T01:30:00.000Z');
  });

  it('when the clocks go back, then 08:00 stays 08:00 local (07:00 UTC instead of 06:00)', () => {
    expect(iso(nextRunAt(daily('08:00'), at('2026-10-24T12:00:00Z'), zone))).toBe('2026-10-25T07:00:00.000Z');
  });

  it('when the UTC date differs from the local date, then the local date decides', () => {
    // 23:30 UTC on 1 January is 00:30 local on 2 January: 00:15 local on the 2nd has passed.
    expect(iso(nextRunAt(daily('00:15'), at('2026-01-01T23:30:00Z'), zone))).toBe('2026-01-02T23:15:00.000Z');
  });
});

describe('nextRunAt in America/New_York', () => {
  const zone = 'America/New_York';

  it('when 02:30 does not exist on the spring-forward day, then it fires at 03:00 EDT', () => {
    expect(iso(nextRunAt(daily('02:30'), at('2026-03-07T12:00:00Z'), zone))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(nextRunAt(daily('02:30'), at('2026-03-08T07:00:00Z'), zone))).toBe('2026-03-09T06:30:00.000Z');
  });

  it('when the clocks go forward, then 07:00 stays 07:00 local', () => {
    expect(iso(nextRunAt(daily('07:00'), at('2026-03-07T13:00:00Z'), zone))).toBe('2026-03-08T11:00:00.000Z');
  });

  it('when 01:30 happens twice as the clocks go back, then it fires once, at 01:30 EDT', () => {
    const first = nextRunAt(daily('01:30'), at('2026-10-31T12:00:00Z'), zone);
    expect(iso(first)).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(nextRunAt(daily('01:30'), first as Date, zone))).toBe('2026-11-02T06:30:00.000Z');
    expect(iso(nextRunAt(daily('01:30'), at('2026-11-01T06:00:00Z'), zone))).toBe('2026-11-02T06:30:00.000Z');
  });

  it('when a weekly Monday 20:00 reminder is due, then it fires Monday evening local, which is Tuesday in UTC', () => {
    expect(iso(nextRunAt(weekly(1, '20:00'), at('2026-01-01T00:00:00Z'), zone))).toBe(
      '2026-01-06T01:00:00.000Z',
    );
  });
});

describe('nextRunAt across a whole year', () => {
  it.each([
    ['Europe/Stockholm', '02:30'],
    ['America/New_York', '01:30'],
    ['America/New_York', '02:30'],
    ['Australia/Lord_Howe', '02:15'],
  ])(
    'when a daily %s %s reminder runs for a year, then it fires exactly once on every local day',
    (zone, time) => {
      const localDays: string[] = [];
      let after = at('2026-01-01T00:00:00Z');
      for (let i = 0; i < 366; i += 1) {
        const fire = nextRunAt(daily(time), after, zone) as Date;
        expect(fire.getTime()).toBeGreaterThan(after.getTime());
        localDays.push(DateTime.fromJSDate(fire, { zone }).toISODate() as string);
        after = fire;
      }
      const first = DateTime.fromISO(localDays[0] as string, { zone: 'utc' });
      expect(localDays).toEqual(localDays.map((_, i) => first.plus({ days: i }).toISODate()));
    },
  );
});

describe('nextRunAt weekday selection and calendar edges', () => {
  it('when only Monday, Wednesday and Friday are chosen, then Friday is followed by Monday', () => {
    // 2 January 2026 is a Friday.
    const schedule = daily('09:00', [1, 3, 5]);
    expect(iso(nextRunAt(schedule, at('2026-01-02T08:00:00Z'), 'UTC'))).toBe('2026-01-02T09:00:00.000Z');
    expect(iso(nextRunAt(schedule, at('2026-01-02T10:00:00Z'), 'UTC'))).toBe('2026-01-05T09:00:00.000Z');
    expect(iso(nextRunAt(schedule, at('2026-01-05T09:00:00Z'), 'UTC'))).toBe('2026-01-07T09:00:00.000Z');
  });

  it('when a weekly reminder is on Sunday, then it fires on the next Sunday', () => {
    expect(iso(nextRunAt(weekly(7, '18:00'), at('2026-01-04T18:00:00Z'), 'UTC'))).toBe(
      '2026-01-11T18:00:00.000Z',
    );
    expect(iso(nextRunAt(weekly(7, '18:00'), at('2026-01-04T17:59:59Z'), 'UTC'))).toBe(
      '2026-01-04T18:00:00.000Z',
    );
  });

  it('when the next day is in the next month or year, then the calendar rolls over', () => {
    expect(iso(nextRunAt(daily('23:59'), at('2026-12-31T23:59:00Z'), 'UTC'))).toBe(
      '2027-01-01T23:59:00.000Z',
    );
    expect(iso(nextRunAt(daily('00:00'), at('2026-02-28T12:00:00Z'), 'UTC'))).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(iso(nextRunAt(daily('00:00'), at('2028-02-28T12:00:00Z'), 'UTC'))).toBe(
      '2028-02-29T00:00:00.000Z',
    );
    // 31 December 2026 is a Thursday; the next Friday is in 2027.
    expect(iso(nextRunAt(weekly(5, '07:00'), at('2026-12-31T12:00:00Z'), 'UTC'))).toBe(
      '2027-01-01T07:00:00.000Z',
    );
    expect(iso(nextRunAt(daily('10:00', [1]), at('2026-04-30T12:00:00Z'), 'UTC'))).toBe(
      '2026-05-04T10:00:00.000Z',
    );
  });

  it('when "after" is exactly a fire time, then the next fire is strictly after it', () => {
    expect(iso(nextRunAt(daily('08:00'), at('2026-01-01T08:00:00.000Z'), 'UTC'))).toBe(
      '2026-01-02T08:00:00.000Z',
    );
    expect(iso(nextRunAt(daily('08:00'), at('2026-01-01T07:59:59.999Z'), 'UTC'))).toBe(
      '2026-01-01T08:00:00.000Z',
    );
  });

  it('when no weekday is chosen, then it never fires', () => {
    expect(nextRunAt(daily('08:00', []), at('2026-01-01T00:00:00Z'), 'UTC')).toBeNull();
  });
});

describe('nextRunAt for one-time reminders', () => {
  const once = (runAt: string): ReminderSchedule => ({
    kind: 'once',
    timeOfDay: null,
    weekdays: [],
    runAt: at(runAt),
  });

  it('when run_at is ahead, then it fires then; at or after it, never again', () => {
    expect(iso(nextRunAt(once('2026-05-01T10:00:00Z'), at('2026-05-01T09:59:59Z'), 'UTC'))).toBe(
      '2026-05-01T10:00:00.000Z',
    );
    expect(nextRunAt(once('2026-05-01T10:00:00Z'), at('2026-05-01T10:00:00Z'), 'UTC')).toBeNull();
    expect(nextRunAt(once('2026-05-01T10:00:00Z'), at('2026-06-01T00:00:00Z'), 'UTC')).toBeNull();
  });
});

describe('resolveLocalTime', () => {
  it('when the clocks jump at midnight (America/Santiago), then 00:30 resolves to 01:00 local', () => {
    expect(resolveLocalTime({ year: 2026, month: 9, day: 6 }, 0, 30, 'America/Santiago').toISOString()).toBe(
      '2026-09-06T04:00:00.000Z',
    );
  });

  it('when the clocks move by 30 minutes (Australia/Lord_Howe), then 02:15 resolves to 02:30 local', () => {
    expect(
      resolveLocalTime({ year: 2026, month: 10, day: 4 }, 2, 15, 'Australia/Lord_Howe').toISOString(),
    ).toBe('2026-10-03T15:30:00.000Z');
  });

  it('when the timezone is not an IANA zone, then it is refused', () => {
    expect(() => resolveLocalTime({ year: 2026, month: 1, day: 1 }, 8, 0, 'Mars/Olympus')).toThrow(
      RangeError,
    );
    expect(() => nextRunAt(daily('08:00'), at('2026-01-01T00:00:00Z'), 'Not/AZone')).toThrow(RangeError);
  });
});

describe('times of day', () => {
  it.each(['00:00', '07:05', '23:59'])('when %s is given, then it is a time of day', (text) => {
    expect(isTimeOfDay(text)).toBe(true);
  });

  it.each(['25:00', '24:00', '7:5', '7:05', '12:60', '12:00:00', '', ' 08:00', '08:00 '])(
    'when %j is given, then it is not a time of day',
    (text) => {
      expect(isTimeOfDay(text)).toBe(false);
      expect(() => parseTimeOfDay(text)).toThrow(RangeError);
    },
  );

  it('when a daily schedule has no time, then nextRunAt refuses it', () => {
    expect(() =>
      nextRunAt(
        { kind: 'daily', timeOfDay: null, weekdays: ALL, runAt: null },
        at('2026-01-01T00:00:00Z'),
        'UTC',
      ),
    ).toThrow(/needs a time of day/);
  });
});
