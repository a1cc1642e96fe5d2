import { type ZodType, z } from 'zod';
import { ValidationError } from '../errors/index.js';

/** Phones and servers disagree by a little; anything later than this is a mistake, not clock skew. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Older records are almost certainly a typo in the year. */
export const EARLIEST_RECORDED_AT = new Date('2000-01-01T00:00:00Z');

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PostgreSQL would reject a malformed uuid with an error; callers treat it as "no such row". */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** PostgreSQL text and jsonb cannot hold U+0000; refuse it here rather than fail in the database. */
const noNul = (value: string) => !value.includes('\u0000');

/** Free text (notes, descriptions): trimmed, may hold line breaks, never NUL. */
export function freeText(max: number) {
  return z.string().trim().max(max).refine(noNul, 'must not contain NUL characters');
}

/** A short single-line name or label: trimmed, non-empty, no control characters. */
export function lineText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !/\p{Cc}/u.test(value), 'must be one line without control characters');
}

/** An instant as a Date or an ISO-8601 string with offset. */
export const instant = z.union([
  z.date(),
  z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
]);

/**
 * When something happened: not before 2000 and not in the future beyond the allowed
 * clock skew, judged against the injected clock. Without `now` (a schema built only
 * to describe the API) the future is not checked.
 */
export function recordedAtRule(now?: Date) {
  return instant
    .refine((at) => at.getTime() >= EARLIEST_RECORDED_AT.getTime(), 'must not be before 2000-01-01')
    .refine((at) => !now || at.getTime() <= now.getTime() + CLOCK_SKEW_MS, 'must not be in the future');
}

/** A missing field reads "is required" rather than "expected number, received undefined". */
const requiredMessage = (issue: z.core.$ZodRawIssue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;

/** Parses input or throws a ValidationError naming each failing field, in the error handler's shape. */
export function parseInput<T>(schema: ZodType<T>, input: unknown, prefix?: string): T {
  const result = schema.safeParse(input, { error: requiredMessage });
  if (result.success) return result.data;
  throw new ValidationError('The input is not valid', validationDetails(result.error.issues, prefix));
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** Flattens zod issues into { path, message }; unknown keys are reported one by one under their own path. */
export function validationDetails(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldProblem[] {
  const join = (path: readonly PropertyKey[]) =>
    [...(prefix ? [prefix] : []), ...path.map((part) => String(part))].join('.');
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: join([...issue.path, key]), message: 'is not a known field' }))
      : [{ path: join(issue.path), message: issue.message }],
  );
}

/** A calendar day, YYYY-MM-DD, that exists (no 30 February). */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
  }, 'must be a real calendar day');
