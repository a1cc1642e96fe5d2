import { ValidationError } from '../errors/index.js';
import {
  parseCreateReminder,
  parseSkip,
  parseSnooze,
  parseStatsQuery,
  parseUpdateReminder,
} from './reminder-input.js';
import type { Reminder } from './reminder-types.js';

function failure(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}
const paths = (error: ValidationError): string[] =>
  (error.details as Array<{ path: string }>).map((d) => d.path);

const existing = (overrides: Partial<Reminder> = {}): Reminder => ({
  id: 'r',
  userId: 'u',
  kind: 'daily',
  message: 'Drink water',
  timeOfDay: '08:00',
  weekdays: [1, 2, 3, 4, 5],
  runAt: null,
  condition: null,
  conditionWindowMinutes: null,
  enabled: true,
  pausedReason: null,
  nextRunAt: null,
  lastSentAt: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...overrides,
});

describe('creating a reminder', () => {
  it('when a daily reminder has no weekdays, then it runs every day', () => {
    expect(parseCreateReminder({ kind: 'daily', message: ' Water ', time: '08:00' })).toEqual({
      kind: 'daily',
      message: 'Water',
      timeOfDay: '08:00',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      runAt: null,
      condition: null,
      conditionWindowMinutes: null,
    });
  });

  it('when weekdays repeat or come unordered, then they are stored once, in order', () => {
    expect(
      parseCreateReminder({ kind: 'daily', message: 'x', time: '08:00', weekdays: [5, 1, 5, 3] }).weekdays,
    ).toEqual([1, 3, 5]);
  });

  it('when a weekly reminder is created, then its one weekday is stored', () => {
    expect(
      parseCreateReminder({ kind: 'weekly', message: 'Weigh in', time: '07:30', weekday: 7 }),
    ).toMatchObject({
      weekdays: [7],
      timeOfDay: '07:30',
    });
  });

  it('when a one-time reminder has an instant with an offset, then it is that instant', () => {
    const parsed = parseCreateReminder({
      kind: 'once',
      message: 'Dentist',
      runAt: '2026-05-01T10:00:00+02:00',
    });
    expect(parsed).toMatchObject({ timeOfDay: null, weekdays: [] });
    expect(parsed.runAt?.toISOString()).toBe('2026-05-01T08:00:00.000Z');
  });

  it.each(['25:00', '7:5', '24:00', '12:60', '8 am', ''])(
    'when the time is %j, then it is refused',
    (time) => {
      expect(paths(failure(() => parseCreateReminder({ kind: 'daily', message: 'x', time })))).toEqual([
        'time',
      ]);
    },
  );

  it.each([[[]], [[0]], [[8]], [[1.5]], [['1']]])(
    'when the weekdays are %j, then they are refused',
    (weekdays) => {
      const error = failure(() =>
        parseCreateReminder({ kind: 'daily', message: 'x', time: '08:00', weekdays }),
      );
      expect(paths(error)[0]).toMatch(/^weekdays/);
    },
  );

  it('when a weekly reminder has no weekday or a list of them, then it is refused', () => {
    expect(
      paths(failure(() => parseCreateReminder({ kind: 'weekly', message: 'x', time: '08:00' }))),
    ).toEqual(['weekday']);
    const error = failure(() =>
      parseCreateReminder({ kind: 'weekly', message: 'x', time: '08:00', weekday: 1, weekdays: [1, 2] }),
    );
    expect(error.details).toEqual([
      expect.objectContaining({ message: expect.stringContaining('weekdays') }),
    ]);
  });

  it('when the message is empty, blank, too long or has NUL, then it is refused', () => {
    for (const message of ['', '   ', 'a'.repeat(501), 'bad\u0000text']) {
      expect(paths(failure(() => parseCreateReminder({ kind: 'daily', message, time: '08:00' })))).toEqual([
        'message',
      ]);
    }
  });

  it('when the message is 500 emoji, then it fits: characters are counted as PostgreSQL counts them', () => {
    const message = '💧'.repeat(500);
    expect(message.length).toBe(1000);
    expect(parseCreateReminder({ kind: 'daily', message, time: '08:00' }).message).toBe(message);
    expect(() => parseCreateReminder({ kind: 'daily', message: `${message}💧`, time: '08:00' })).toThrow(
      ValidationError,
    );
  });

  it('when a one-time reminder lacks run_at, has a local time without offset or a time of day, then it is refused', () => {
    expect(paths(failure(() => parseCreateReminder({ kind: 'once', message: 'x' })))).toEqual(['runAt']);
    expect(
      paths(failure(() => parseCreateReminder({ kind: 'once', message: 'x', runAt: '2026-05-01T10:00:00' }))),
    ).toEqual(['runAt']);
    expect(() =>
      parseCreateReminder({ kind: 'once', message: 'x', runAt: '2026-05-01T10:00:00Z', time: '08:00' }),
    ).toThrow(ValidationError);
  });

  it('when the kind is unknown or the input is not an object, then it is refused', () => {
    expect(() => parseCreateReminder({ kind: 'hourly', message: 'x', time: '08:00' })).toThrow(
      ValidationError,
    );
    expect(() => parseCreateReminder(null)).toThrow(ValidationError);
  });

  it('when a condition has no window, then the default window applies; a window alone is refused', () => {
    expect(
      parseCreateReminder({ kind: 'daily', message: 'Lunch?', time: '12:30', condition: 'meal_logged' }),
    ).toMatchObject({ condition: 'meal_logged', conditionWindowMinutes: 60 });
    expect(
      parseCreateReminder({
        kind: 'daily',
        message: 'Water',
        time: '12:30',
        condition: 'water_logged',
        conditionWindowMinutes: 120,
      }),
    ).toMatchObject({ conditionWindowMinutes: 120 });
    expect(
      paths(
        failure(() =>
          parseCreateReminder({ kind: 'daily', message: 'x', time: '08:00', conditionWindowMinutes: 30 }),
        ),
      ),
    ).toEqual(['conditionWindowMinutes']);
    for (const conditionWindowMinutes of [0, 1441, -5]) {
      expect(() =>
        parseCreateReminder({
          kind: 'daily',
          message: 'x',
          time: '08:00',
          condition: 'meal_logged',
          conditionWindowMinutes,
        }),
      ).toThrow(ValidationError);
    }
    expect(() =>
      parseCreateReminder({ kind: 'daily', message: 'x', time: '08:00', condition: 'mood_logged' }),
    ).toThrow(ValidationError);
  });
});

describe('changing a reminder', () => {
  it('when only the message changes, then the rest is kept', () => {
    expect(parseUpdateReminder(existing(), { message: 'Tea 🍵' })).toMatchObject({
      kind: 'daily',
      message: 'Tea 🍵',
      timeOfDay: '08:00',
      weekdays: [1, 2, 3, 4, 5],
    });
  });

  it('when a daily reminder becomes weekly, then it keeps its time and needs a weekday', () => {
    expect(parseUpdateReminder(existing(), { kind: 'weekly', weekday: 3 })).toMatchObject({
      kind: 'weekly',
      timeOfDay: '08:00',
      weekdays: [3],
    });
    expect(paths(failure(() => parseUpdateReminder(existing(), { kind: 'weekly' })))).toEqual(['weekday']);
  });

  it('when a weekly reminder becomes daily, then it runs every day unless weekdays are given', () => {
    const weeklyOne = existing({ kind: 'weekly', weekdays: [2] });
    expect(parseUpdateReminder(weeklyOne, { kind: 'daily' }).weekdays).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseUpdateReminder(weeklyOne, { time: '09:15' })).toMatchObject({
      weekdays: [2],
      timeOfDay: '09:15',
    });
  });

  it('when a reminder becomes one-time, then it needs run_at and refuses a time of day', () => {
    expect(parseUpdateReminder(existing(), { kind: 'once', runAt: '2026-05-01T10:00:00Z' })).toMatchObject({
      kind: 'once',
      timeOfDay: null,
      weekdays: [],
    });
    expect(paths(failure(() => parseUpdateReminder(existing(), { kind: 'once' })))).toEqual(['runAt']);
    expect(() =>
      parseUpdateReminder(existing(), { kind: 'once', runAt: '2026-05-01T10:00:00Z', time: '08:00' }),
    ).toThrow(ValidationError);
  });

  it('when a one-time reminder becomes daily, then it needs a time', () => {
    const once = existing({
      kind: 'once',
      timeOfDay: null,
      weekdays: [],
      runAt: new Date('2026-05-01T10:00:00Z'),
    });
    expect(paths(failure(() => parseUpdateReminder(once, { kind: 'daily' })))).toEqual(['time']);
    expect(parseUpdateReminder(once, { kind: 'daily', time: '07:00' })).toMatchObject({
      runAt: null,
      timeOfDay: '07:00',
    });
  });

  it('when a field of another kind is sent, then it is refused rather than ignored', () => {
    expect(() => parseUpdateReminder(existing(), { weekday: 3 })).toThrow(ValidationError);
    expect(() => parseUpdateReminder(existing(), { runAt: '2026-05-01T10:00:00Z' })).toThrow(ValidationError);
  });

  it('when a condition is replaced without a window, then the default window applies; null removes it', () => {
    const withCondition = existing({ condition: 'water_logged', conditionWindowMinutes: 180 });
    expect(parseUpdateReminder(withCondition, { condition: 'meal_logged' }).conditionWindowMinutes).toBe(60);
    expect(parseUpdateReminder(withCondition, { message: 'x' }).conditionWindowMinutes).toBe(180);
    expect(parseUpdateReminder(withCondition, { condition: null })).toMatchObject({
      condition: null,
      conditionWindowMinutes: null,
    });
  });

  it('when the change is empty or has unknown fields, then it is refused', () => {
    expect(() => parseUpdateReminder(existing(), {})).toThrow(/not valid/);
    expect(() => parseUpdateReminder(existing(), { enabled: false })).toThrow(ValidationError);
    expect(paths(failure(() => parseUpdateReminder(existing(), { time: '25:00' })))).toEqual(['time']);
  });
});

describe('answers and periods', () => {
  it('when a skip has a blank reason, then it has none; a long one is refused', () => {
    expect(parseSkip(undefined)).toEqual({ reason: null });
    expect(parseSkip({ reason: '  ' })).toEqual({ reason: null });
    expect(parseSkip({ reason: 'Ate out 🍕' })).toEqual({ reason: 'Ate out 🍕' });
    expect(() => parseSkip({ reason: 'x'.repeat(501) })).toThrow(ValidationError);
  });

  it.each([0, -5, 1441, 2.5, '10'])('when a snooze is %j minutes, then it is refused', (minutes) => {
    expect(() => parseSnooze({ minutes })).toThrow(ValidationError);
  });

  it('when a snooze is 1 or 1440 minutes, then it is accepted', () => {
    expect(parseSnooze({ minutes: 1 }).minutes).toBe(1);
    expect(parseSnooze({ minutes: 1440 }).minutes).toBe(1440);
  });

  it('when a period has instants, then they are dates; garbage is refused', () => {
    expect(parseStatsQuery(undefined)).toEqual({});
    expect(parseStatsQuery({ from: '2026-01-01T00:00:00Z' }).from?.toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(() => parseStatsQuery({ from: 'yesterday' })).toThrow(ValidationError);
  });
});
