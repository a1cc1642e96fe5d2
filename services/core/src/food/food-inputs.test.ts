import { ValidationError } from '../errors/index.js';
import {
  calendarDaySchema,
  draftOptionsSchema,
  editSchema,
  gramsSchema,
  isUuid,
  listQuerySchema,
  parseFoodInput,
} from './food-inputs.js';

const now = new Date('2026-05-10T12:00:00Z');

function problemsOf(run: () => unknown): Array<{ path: string; message: string }> {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.details as Array<{ path: string; message: string }>;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('food inputs', () => {
  it('when eatenAt is an ISO time with offset, then it becomes a Date; without offset, in the future or before 2000 it is refused', () => {
    const schema = draftOptionsSchema(now);
    expect(parseFoodInput(schema, { eatenAt: '2026-05-10T13:30:00+02:00', meal: 'lunch' })).toEqual({
      eatenAt: new Date('2026-05-10T11:30:00Z'),
      meal: 'lunch',
    });
    expect(parseFoodInput(schema, { eatenAt: new Date('2026-05-10T12:04:00Z') }).eatenAt).toBeInstanceOf(
      Date,
    );
    expect(problemsOf(() => parseFoodInput(schema, { eatenAt: '2026-05-10T12:30:00Z' }))).toEqual([
      { path: 'eatenAt', message: 'must not be in the future' },
    ]);
    expect(problemsOf(() => parseFoodInput(schema, { eatenAt: '1999-12-31T23:00:00Z' }))[0]?.message).toBe(
      'must not be before 2000-01-01',
    );
    expect(problemsOf(() => parseFoodInput(schema, { eatenAt: '2026-05-10 10:00' }))[0]?.path).toBe(
      'eatenAt',
    );
    expect(problemsOf(() => parseFoodInput(schema, { eatenAt: new Date(Number.NaN) }))[0]?.path).toBe(
      'eatenAt',
    );
  });

  it('when a meal is unknown or an extra field is sent, then it is refused by path', () => {
    const problems = problemsOf(() =>
      parseFoodInput(draftOptionsSchema(now), { meal: 'brunch', colour: 'red' }),
    );
    expect(problems.map((problem) => problem.path).sort()).toEqual(['colour', 'meal']);
  });

  it('when grams are zero, negative, not finite, absurd or missing, then they are refused', () => {
    expect(parseFoodInput(gramsSchema, 30)).toBe(30);
    for (const bad of [0, -5, Number.POSITIVE_INFINITY, Number.NaN, 5001]) {
      expect(() => parseFoodInput(gramsSchema, bad, 'grams')).toThrow(ValidationError);
    }
    expect(problemsOf(() => parseFoodInput(gramsSchema, undefined, 'grams'))).toEqual([
      { path: 'grams', message: 'is required' },
    ]);
  });

  it('when an edit gives text and items, nothing, or an item with both grams and remove, then it is refused', () => {
    const schema = editSchema(now);
    expect(
      parseFoodInput(schema, {
        items: [
          { index: 0, grams: 20 },
          { index: 1, remove: true },
        ],
      }).items,
    ).toHaveLength(2);
    expect(() => parseFoodInput(schema, { text: 'an apple', items: [{ index: 0, grams: 1 }] })).toThrow(
      'The input is not valid',
    );
    expect(problemsOf(() => parseFoodInput(schema, {}))[0]?.message).toBe('nothing to change');
    expect(
      problemsOf(() => parseFoodInput(schema, { items: [{ index: 0, grams: 5, remove: true }] }))[0]?.path,
    ).toBe('items.0');
    expect(problemsOf(() => parseFoodInput(schema, { items: [{ index: -1, grams: 5 }] }))[0]?.path).toBe(
      'items.0.index',
    );
    expect(problemsOf(() => parseFoodInput(schema, { text: '   ' }))[0]?.path).toBe('text');
    expect(problemsOf(() => parseFoodInput(schema, { text: 'egg\u0000' }))[0]?.message).toBe(
      'must not contain NUL characters',
    );
  });

  it('when a day is not YYYY-MM-DD, does not exist or is before 2000, then it is refused', () => {
    expect(parseFoodInput(calendarDaySchema, '2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2026-02-30', '2026-5-1', '1999-12-31', 'today', '2026-13-01']) {
      expect(() => parseFoodInput(calendarDaySchema, bad, 'day')).toThrow(ValidationError);
    }
    expect(parseFoodInput(listQuerySchema, { from: '2026-05-01', status: 'all' })).toEqual({
      from: '2026-05-01',
      status: 'all',
    });
  });

  it('when an id is checked, then only the 8-4-4-4-12 hex form passes', () => {
    expect(isUuid('3f1c2a4e-8b9d-4c1e-a2f3-0123456789ab')).toBe(true);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid("1' OR '1'='1")).toBe(false);
  });
});
