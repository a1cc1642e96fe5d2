import { z } from 'zod';
import { ValidationError } from '../errors/index.js';
import { calendarDay, freeText, isUuid, lineText, parseInput, recordedAtRule } from './log-input-rules.js';

describe('log input rules', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('when a recorded time is within the 5 minute clock skew, then it is accepted; beyond it, refused', () => {
    const rule = recordedAtRule(now);
    expect(rule.safeParse('2026-03-01T12:04:59Z').success).toBe(true);
    expect(rule.safeParse('2026-03-01T12:05:01Z').success).toBe(false);
    expect(rule.safeParse(new Date('2026-03-01T11:00:00Z')).success).toBe(true);
  });

  it('when a recorded time is before 2000 or not a date-time, then it is refused', () => {
    const rule = recordedAtRule(now);
    expect(rule.safeParse('1999-12-31T23:59:59Z').success).toBe(false);
    expect(rule.safeParse('yesterday').success).toBe(false);
    expect(rule.safeParse('2026-03-01').success).toBe(false);
  });

  it('when text holds NUL or a line holds control characters, then it is refused; emoji are fine', () => {
    expect(freeText(10).safeParse('a\u0000b').success).toBe(false);
    expect(freeText(20).parse('  line\nbreak ')).toBe('line\nbreak');
    expect(lineText(10).safeParse('two\nlines').success).toBe(false);
    expect(lineText(10).safeParse('   ').success).toBe(false);
    expect(lineText(10).parse(' 💊 Vitamin ')).toBe('💊 Vitamin');
  });

  it('when a day is not a real calendar day, then it is refused', () => {
    expect(calendarDay.safeParse('2026-02-28').success).toBe(true);
    expect(calendarDay.safeParse('2028-02-29').success).toBe(true);
    expect(calendarDay.safeParse('2026-02-30').success).toBe(false);
    expect(calendarDay.safeParse('2026-2-1').success).toBe(false);
  });

  it('when an id is not a uuid, then it is recognised as such', () => {
    expect(isUuid('5b1c9a7e-8f0a-4c1e-9d3f-2a6b7c8d9e0f')).toBe(true);
    expect(isUuid("1' OR '1'='1")).toBe(false);
  });

  it('when input fails, then a ValidationError names each failing field, unknown keys one by one', () => {
    const schema = z.strictObject({ a: z.number(), b: z.object({ c: z.string() }) });
    let caught: unknown;
    try {
      parseInput(schema, { a: 'x', b: { c: 1 }, extra: 1, other: 2 }, 'values');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const paths = ((caught as ValidationError).details as Array<{ path: string }>).map(
      (problem) => problem.path,
    );
    expect(paths.sort()).toEqual(['values.a', 'values.b.c', 'values.extra', 'values.other']);
  });
});

describe('required fields', () => {
  it('when a required field is missing, then the message says it is required', () => {
    const error = (() => {
      try {
        parseInput(z.strictObject({ amount: z.number() }), {});
      } catch (caught) {
        return caught as ValidationError;
      }
      throw new Error('expected a ValidationError');
    })();
    expect(error.details).toEqual([{ path: 'amount', message: 'is required' }]);
  });
});
