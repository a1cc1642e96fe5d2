import { z } from 'zod';
import { addDays, daysBetween } from '../time/local-day.js';
import { metricKinds } from './health-metric-types.js';
import { calendarDay, freeText, instant, lineText, recordedAtRule } from './log-input-rules.js';
import { minutesAsleep, normaliseClockTime } from './sleep-duration.js';
import { massUnits, toKilograms, toMillilitres, volumeUnits } from './unit-conversion.js';

export const metricBounds = {
  waterMl: { min: 1, max: 10_000 },
  weightKg: { min: 20, max: 400 },
  sleepMinutes: { min: 1, max: 24 * 60 },
  exerciseMinutes: { min: 1, max: 24 * 60 },
  exerciseKcal: { min: 0, max: 10_000 },
  mood: { min: 1, max: 10 },
  sleepQuality: { min: 1, max: 10 },
  steps: { min: 1, max: 200_000 },
  noteLength: 1000,
  moodTags: 10,
  listLimit: { default: 100, max: 1000 },
  /** Longest span a trend or a daily-totals query may cover. */
  spanDays: 366,
} as const;

const clockTime = z
  .string()
  .describe('A local 24-hour clock time, HH:MM')
  .transform((text, context) => {
    const normalised = normaliseClockTime(text);
    if (normalised) return normalised;
    context.addIssue({ code: 'custom', message: 'must be a 24-hour clock time such as 23:30' });
    return z.NEVER;
  });

function commonFields(now?: Date) {
  return {
    recordedAt: recordedAtRule(now).optional(),
    note: freeText(metricBounds.noteLength).optional(),
  };
}

const inRange = (value: number, range: { min: number; max: number }) =>
  value >= range.min && value <= range.max;

/**
 * What may be logged, per kind. Amounts without a unit are metric; imperial needs its
 * unit spelled out. The service passes its clock's `now` to refuse future times.
 */
export function metricLogInputSchema(now?: Date) {
  const common = commonFields(now);
  const water = z
    .strictObject({
      kind: z.literal('water'),
      amount: z.number(),
      unit: z.enum(volumeUnits).default('ml'),
      ...common,
    })
    .refine((input) => inRange(toMillilitres(input.amount, input.unit), metricBounds.waterMl), {
      path: ['amount'],
      message: `water must be ${metricBounds.waterMl.min}-${metricBounds.waterMl.max} ml per entry`,
    });
  const weight = z
    .strictObject({
      kind: z.literal('weight'),
      amount: z.number(),
      unit: z.enum(massUnits).default('kg'),
      ...common,
    })
    .refine((input) => inRange(toKilograms(input.amount, input.unit), metricBounds.weightKg), {
      path: ['amount'],
      message: `weight must be ${metricBounds.weightKg.min}-${metricBounds.weightKg.max} kg`,
    });
  const sleep = z
    .strictObject({
      kind: z.literal('sleep'),
      durationMinutes: z
        .int()
        .min(metricBounds.sleepMinutes.min)
        .max(metricBounds.sleepMinutes.max)
        .optional(),
      quality: z.int().min(metricBounds.sleepQuality.min).max(metricBounds.sleepQuality.max).optional(),
      bedtime: clockTime.optional(),
      wakeTime: clockTime.optional(),
      ...common,
    })
    .superRefine((input, context) => {
      const { bedtime, wakeTime, durationMinutes } = input;
      if (bedtime === undefined || wakeTime === undefined) {
        if (durationMinutes === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['durationMinutes'],
            message: 'give durationMinutes, or both bedtime and wakeTime',
          });
        }
        return;
      }
      const inBed = minutesAsleep(bedtime, wakeTime);
      if (inBed === 0) {
        context.addIssue({
          code: 'custom',
          path: ['wakeTime'],
          message: 'wake time must differ from bedtime',
        });
      } else if (durationMinutes !== undefined && durationMinutes > inBed) {
        context.addIssue({
          code: 'custom',
          path: ['durationMinutes'],
          message: `cannot be longer than the ${inBed} minutes from bedtime to wake time`,
        });
      }
    });
  const exercise = z.strictObject({
    kind: z.literal('exercise'),
    activity: lineText(100),
    durationMinutes: z.int().min(metricBounds.exerciseMinutes.min).max(metricBounds.exerciseMinutes.max),
    kcal: z.number().min(metricBounds.exerciseKcal.min).max(metricBounds.exerciseKcal.max).optional(),
    ...common,
  });
  const mood = z.strictObject({
    kind: z.literal('mood'),
    score: z.int().min(metricBounds.mood.min).max(metricBounds.mood.max),
    tags: z
      .array(lineText(40))
      .max(metricBounds.moodTags)
      .transform((tags) => [...new Map(tags.map((tag) => [tag.toLowerCase(), tag])).values()])
      .optional(),
    ...common,
  });
  const steps = z.strictObject({
    kind: z.literal('steps'),
    count: z.int().min(metricBounds.steps.min).max(metricBounds.steps.max),
    ...common,
  });
  const medication = z.strictObject({
    kind: z.literal('medication'),
    name: lineText(100),
    dose: lineText(100).optional(),
    ...common,
  });
  return z.discriminatedUnion('kind', [water, weight, sleep, exercise, mood, steps, medication]);
}

export type MetricLogInput = z.input<ReturnType<typeof metricLogInputSchema>>;
export type ParsedMetricLogInput = z.output<ReturnType<typeof metricLogInputSchema>>;

export const metricListQuerySchema = z
  .strictObject({
    kind: z.enum(metricKinds).optional(),
    from: instant.optional(),
    to: instant.optional(),
    limit: z.int().min(1).max(metricBounds.listLimit.max).default(metricBounds.listLimit.default),
  })
  .refine((query) => !query.from || !query.to || query.from.getTime() < query.to.getTime(), {
    path: ['to'],
    message: 'must be after from',
  });

export type MetricListQuery = z.input<typeof metricListQuerySchema>;

/** A span of local days, both ends included; missing ends default around `today`. */
export function daySpanSchema(today: string, defaultDays: number) {
  return z
    .strictObject({ from: calendarDay.optional(), to: calendarDay.optional() })
    .transform(({ from, to }) => {
      const end = to ?? today;
      return { from: from ?? addDays(end, -(defaultDays - 1)), to: end };
    })
    .refine((span) => span.from <= span.to, { path: ['to'], message: 'must not be before from' })
    .refine((span) => daysBetween(span.from, span.to) < metricBounds.spanDays, {
      path: ['from'],
      message: `the span may cover at most ${metricBounds.spanDays} days`,
    });
}

export type DaySpanQuery = { from?: string; to?: string };
