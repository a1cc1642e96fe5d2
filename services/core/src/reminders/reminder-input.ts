import { z } from 'zod';
import { ValidationError } from '../errors/index.js';
import { timeOfDayPattern } from './reminder-schedule.js';
import {
  type Reminder,
  type ReminderCondition,
  type ReminderKind,
  reminderConditions,
} from './reminder-types.js';

export const MAX_MESSAGE_CHARS = 500;
export const MAX_REASON_CHARS = 500;
export const MAX_SNOOZE_MINUTES = 1440;
/** Used when a condition is given without its window. */
export const DEFAULT_CONDITION_WINDOW_MINUTES = 60;
const ALL_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** Characters as PostgreSQL's char_length counts them: an emoji is one, not two UTF-16 units. */
const codePoints = (text: string): number => [...text].length;

/** PostgreSQL text cannot hold NUL. */
const withoutNul = (text: string): boolean => !text.includes('\u0000');

const message = z
  .string()
  .trim()
  .refine((text) => codePoints(text) >= 1, 'must not be empty')
  .refine(withoutNul, 'must not contain NUL characters')
  .refine((text) => codePoints(text) <= MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`)
  .describe(`What the reminder says, 1 to ${MAX_MESSAGE_CHARS} characters (emoji welcome)`);
const time = z
  .string()
  .regex(timeOfDayPattern, 'must be a time of day HH:MM, 00:00 to 23:59')
  .describe("Local time HH:MM in the user's timezone");
const weekday = z
  .number()
  .int()
  .min(1, 'weekdays are 1 (Monday) to 7 (Sunday)')
  .max(7, 'weekdays are 1 (Monday) to 7 (Sunday)');
const weekdays = z
  .array(weekday)
  .min(1, 'choose at least one weekday')
  .max(7)
  .transform((days) => [...new Set(days)].sort((a, b) => a - b))
  .describe('ISO weekdays, 1 = Monday ... 7 = Sunday; every day when left out');
const instant = z.iso.datetime({ offset: true }).describe('An instant with a UTC offset or Z');
const condition = z
  .enum(reminderConditions)
  .nullable()
  .optional()
  .describe('Skip the reminder when this was already logged within the window');
const conditionWindowMinutes = z
  .number()
  .int()
  .min(1)
  .max(1440)
  .nullable()
  .optional()
  .describe(
    `Minutes before the reminder that count for the condition (default ${DEFAULT_CONDITION_WINDOW_MINUTES})`,
  );

/** A new reminder: daily at HH:MM on chosen weekdays, weekly on one weekday, or once at an instant. */
export const createReminderSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('daily'),
    message,
    time,
    weekdays: weekdays.optional(),
    condition,
    conditionWindowMinutes,
  }),
  z.strictObject({ kind: z.literal('weekly'), message, time, weekday, condition, conditionWindowMinutes }),
  z.strictObject({ kind: z.literal('once'), message, runAt: instant, condition, conditionWindowMinutes }),
]);

export type CreateReminderInput = z.input<typeof createReminderSchema>;

/** A partial change; the fields are checked again against the resulting reminder, as on create. */
export const updateReminderSchema = z
  .strictObject({
    kind: z.enum(['daily', 'weekly', 'once']).optional(),
    message: message.optional(),
    time: time.optional(),
    weekdays: weekdays.optional(),
    weekday: weekday.optional(),
    runAt: instant.optional(),
    condition,
    conditionWindowMinutes,
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'nothing to update');

export type UpdateReminderInput = z.input<typeof updateReminderSchema>;

/** A reminder's user-chosen settings, validated and normalised. */
export interface ReminderSettings {
  kind: ReminderKind;
  message: string;
  timeOfDay: string | null;
  weekdays: number[];
  runAt: Date | null;
  condition: ReminderCondition | null;
  conditionWindowMinutes: number | null;
}

function fail(error: z.ZodError, what: string): never {
  const details = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new ValidationError(`The ${what} is not valid`, details);
}

function parse<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) fail(result.error, what);
  return result.data;
}

export function parseCreateReminder(input: unknown): ReminderSettings {
  const value = parse(createReminderSchema, input, 'reminder');
  const hasCondition = value.condition !== undefined && value.condition !== null;
  if (!hasCondition && value.conditionWindowMinutes != null) {
    throw new ValidationError('The reminder is not valid', [
      { path: 'conditionWindowMinutes', message: 'a condition window needs a condition' },
    ]);
  }
  const common = {
    kind: value.kind,
    message: value.message,
    condition: value.condition ?? null,
    conditionWindowMinutes: hasCondition
      ? (value.conditionWindowMinutes ?? DEFAULT_CONDITION_WINDOW_MINUTES)
      : null,
  };
  switch (value.kind) {
    case 'daily':
      return { ...common, timeOfDay: value.time, weekdays: value.weekdays ?? ALL_WEEKDAYS, runAt: null };
    case 'weekly':
      return { ...common, timeOfDay: value.time, weekdays: [value.weekday], runAt: null };
    case 'once':
      return { ...common, timeOfDay: null, weekdays: [], runAt: new Date(value.runAt) };
  }
}

/**
 * Applies a partial change to a reminder and validates the result as a whole.
 * Changing the kind keeps what still applies (the time of day between daily
 * and weekly) and requires what the new kind lacks.
 */
export function parseUpdateReminder(current: Reminder, input: unknown): ReminderSettings {
  const patch = parse(updateReminderSchema, input, 'change');
  const kind = patch.kind ?? current.kind;
  const merged: Record<string, unknown> = {
    kind,
    message: patch.message ?? current.message,
    condition: patch.condition !== undefined ? patch.condition : current.condition,
    // A new condition without a window gets the default rather than the old condition's window.
    conditionWindowMinutes:
      patch.conditionWindowMinutes !== undefined
        ? patch.conditionWindowMinutes
        : patch.condition !== undefined
          ? null
          : current.conditionWindowMinutes,
  };
  const timeOfDay = patch.time ?? current.timeOfDay ?? undefined;
  if (kind === 'daily') {
    merged.time = timeOfDay;
    merged.weekdays = patch.weekdays ?? (current.kind === 'daily' ? current.weekdays : undefined);
  } else if (kind === 'weekly') {
    merged.time = timeOfDay;
    merged.weekday = patch.weekday ?? (current.kind === 'weekly' ? current.weekdays[0] : undefined);
  } else {
    merged.runAt = patch.runAt ?? current.runAt?.toISOString();
  }
  // Fields the resulting kind does not have are refused rather than silently dropped.
  for (const key of ['time', 'weekdays', 'weekday', 'runAt'] as const) {
    if (patch[key] !== undefined && !(key in merged)) merged[key] = patch[key];
  }
  return parseCreateReminder(merged);
}

const scheduledFor = instant.describe('Which sent occurrence is answered; the latest one when left out');

export const markDoneSchema = z.strictObject({ scheduledFor: scheduledFor.optional() });
export const skipReminderSchema = z.strictObject({
  scheduledFor: scheduledFor.optional(),
  reason: z
    .string()
    .trim()
    .refine((text) => codePoints(text) <= MAX_REASON_CHARS, `must be at most ${MAX_REASON_CHARS} characters`)
    .refine(withoutNul, 'must not contain NUL characters')
    .optional(),
});
export const snoozeReminderSchema = z.strictObject({
  minutes: z.number().int().min(1).max(MAX_SNOOZE_MINUTES).describe(`1 to ${MAX_SNOOZE_MINUTES} minutes`),
  scheduledFor: scheduledFor.optional(),
});
export const disableReminderSchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .max(MAX_REASON_CHARS)
    .refine(withoutNul, 'must not contain NUL characters')
    .optional(),
});
export const reminderStatsQuerySchema = z.strictObject({
  from: instant.optional().describe('Start of the period (default: 30 days before `to`)'),
  to: instant.optional().describe('End of the period, exclusive (default: now)'),
  reminderId: z.uuid().optional().describe('Only this reminder'),
});

export type RespondToReminderInput = z.input<typeof markDoneSchema>;
export type SkipReminderInput = z.input<typeof skipReminderSchema>;
export type SnoozeReminderInput = z.input<typeof snoozeReminderSchema>;
export type ReminderStatsQuery = z.input<typeof reminderStatsQuerySchema>;
export type DisableReminderInput = z.input<typeof disableReminderSchema>;

const toDate = (text: string | undefined): Date | undefined =>
  text === undefined ? undefined : new Date(text);

export function parseRespond(input: unknown): { scheduledFor?: Date | undefined } {
  return { scheduledFor: toDate(parse(markDoneSchema, input ?? {}, 'answer').scheduledFor) };
}

export function parseSkip(input: unknown): { scheduledFor?: Date | undefined; reason: string | null } {
  const value = parse(skipReminderSchema, input ?? {}, 'answer');
  return { scheduledFor: toDate(value.scheduledFor), reason: value.reason ? value.reason : null };
}

export function parseSnooze(input: unknown): { minutes: number; scheduledFor?: Date | undefined } {
  const value = parse(snoozeReminderSchema, input, 'snooze');
  return { minutes: value.minutes, scheduledFor: toDate(value.scheduledFor) };
}

export function parseDisable(input: unknown): string | null {
  return parse(disableReminderSchema, input ?? {}, 'change').reason || null;
}

export function parseStatsQuery(input: unknown): {
  from?: Date | undefined;
  to?: Date | undefined;
  reminderId?: string;
} {
  const value = parse(reminderStatsQuerySchema, input ?? {}, 'period');
  return {
    from: toDate(value.from),
    to: toDate(value.to),
    ...(value.reminderId ? { reminderId: value.reminderId } : {}),
  };
}
