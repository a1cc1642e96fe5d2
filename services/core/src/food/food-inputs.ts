import { type ZodType, z } from 'zod';
import { ValidationError } from '../errors/index.js';
import { MAX_ITEM_GRAMS, MAX_ITEMS } from './food-entry-items.js';
import { meals } from './food-entry-types.js';

export const MAX_TEXT_LENGTH = 2000;
/** Phones and servers disagree a little; later than this is a mistake, not clock skew. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Earlier is almost certainly a typo in the year. */
export const EARLIEST_EATEN_AT = new Date('2000-01-01T00:00:00Z');
/** Longest span a list or summary reads at once. */
export const MAX_LIST_DAYS = 366;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id cannot name any row; callers answer "not found" as for another user's id. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

export const mealSchema = z.enum(meals);

const foodText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`)
  // PostgreSQL text and jsonb cannot hold U+0000.
  .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');

export const gramsSchema = z
  .number()
  .finite()
  .positive('must be more than 0 g')
  .max(MAX_ITEM_GRAMS, `must be at most ${MAX_ITEM_GRAMS} g`);

/** A calendar day, YYYY-MM-DD, that exists (no 30 February). */
export const calendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) && day >= '2000-01-01';
  }, 'must be a real calendar day from 2000 on');

/** When the food was eaten: a Date or ISO-8601 with offset, not before 2000, not in the future (given `now`). */
export function eatenAtSchema(now?: Date) {
  return z
    .union([z.date(), z.iso.datetime({ offset: true }).transform((value) => new Date(value))])
    .refine((at) => !Number.isNaN(at.getTime()), 'must be a valid time')
    .refine((at) => at.getTime() >= EARLIEST_EATEN_AT.getTime(), 'must not be before 2000-01-01')
    .refine((at) => !now || at.getTime() <= now.getTime() + CLOCK_SKEW_MS, 'must not be in the future');
}

export function draftOptionsSchema(now?: Date) {
  return z.strictObject({ meal: mealSchema.optional(), eatenAt: eatenAtSchema(now).optional() });
}
export type DraftOptions = z.input<ReturnType<typeof draftOptionsSchema>>;

export const draftTextSchema = foodText;

const itemChange = z
  .strictObject({
    index: z
      .number()
      .int()
      .min(0)
      .max(MAX_ITEMS - 1),
    grams: gramsSchema.optional(),
    remove: z.literal(true).optional(),
  })
  .refine((change) => (change.grams === undefined) !== (change.remove === undefined), {
    message: 'give either grams or remove: true',
  });

export function editSchema(now?: Date) {
  return z
    .strictObject({
      text: foodText.optional(),
      items: z.array(itemChange).min(1).max(MAX_ITEMS).optional(),
      meal: mealSchema.optional(),
      eatenAt: eatenAtSchema(now).optional(),
    })
    .refine((edit) => !(edit.text !== undefined && edit.items !== undefined), {
      message: 'give either text or items, not both',
    })
    .refine((edit) => Object.values(edit).some((value) => value !== undefined), {
      message: 'nothing to change',
    });
}
export type FoodEntryEdit = z.input<ReturnType<typeof editSchema>>;

export const listQuerySchema = z.strictObject({
  from: calendarDaySchema.optional(),
  to: calendarDaySchema.optional(),
  status: z.enum(['confirmed', 'draft', 'all']).optional(),
});
export type FoodEntryListQuery = z.input<typeof listQuerySchema>;

/** A missing field reads "is required" rather than "expected number, received undefined". */
const requiredMessage = (issue: z.core.$ZodRawIssue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;

/** Parses input or throws a ValidationError with one { path, message } per problem, as the HTTP layer shows them. */
export function parseFoodInput<T>(schema: ZodType<T>, input: unknown, field?: string): T {
  const result = schema.safeParse(input, { error: requiredMessage });
  if (result.success) return result.data;
  const join = (path: readonly PropertyKey[]) => [...(field ? [field] : []), ...path.map(String)].join('.');
  // Unknown keys are reported one by one under their own path, like any other field.
  const details = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: join([...issue.path, key]), message: 'is not a known field' }))
      : [{ path: join(issue.path), message: issue.message }],
  );
  throw new ValidationError('The input is not valid', details);
}
