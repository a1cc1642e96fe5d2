import { z } from 'zod';
import { lineText } from '../health-metrics/log-input-rules.js';

/** Bounds that keep a tracker's schema sane. */
export const trackerFieldBounds = {
  fields: { min: 1, max: 30 },
  labelLength: 60,
  unitLength: 20,
  options: { min: 2, max: 50 },
  optionLength: 60,
  textMaxLength: { default: 280, max: 1000 },
  rating: { default: { min: 1, max: 10 }, lowest: 0, highest: 100 },
  durationMaxMinutes: { default: 24 * 60, max: 7 * 24 * 60 },
} as const;

export const trackerFieldTypes = [
  'number',
  'rating',
  'boolean',
  'text',
  'duration',
  'single_select',
  'multi_select',
] as const;
export type TrackerFieldType = (typeof trackerFieldTypes)[number];

/** Keys name values in entries and APIs, so they are plain identifiers: `pain_level`, `hours2`. */
const fieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be 1-40 lowercase letters, digits or _, starting with a letter');

const common = {
  key: fieldKey,
  /** What the user sees; any script, emoji included. Defaults to the key. */
  label: lineText(trackerFieldBounds.labelLength).optional(),
  required: z.boolean().default(false),
};

const options = z
  .array(lineText(trackerFieldBounds.optionLength))
  .min(trackerFieldBounds.options.min)
  .max(trackerFieldBounds.options.max)
  .refine(
    (values) => new Set(values.map((value) => value.toLowerCase())).size === values.length,
    'options must be unique',
  );

const numberField = z
  .strictObject({
    ...common,
    type: z.literal('number'),
    unit: lineText(trackerFieldBounds.unitLength).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
  })
  .refine((field) => field.min === undefined || field.max === undefined || field.min <= field.max, {
    path: ['max'],
    message: 'must not be below min',
  });

const ratingField = z
  .strictObject({
    ...common,
    type: z.literal('rating'),
    min: z
      .int()
      .min(trackerFieldBounds.rating.lowest)
      .max(trackerFieldBounds.rating.highest)
      .default(trackerFieldBounds.rating.default.min),
    max: z
      .int()
      .min(trackerFieldBounds.rating.lowest)
      .max(trackerFieldBounds.rating.highest)
      .default(trackerFieldBounds.rating.default.max),
  })
  .refine((field) => field.min < field.max, { path: ['max'], message: 'must be above min' });

const booleanField = z.strictObject({ ...common, type: z.literal('boolean') });

const textField = z.strictObject({
  ...common,
  type: z.literal('text'),
  maxLength: z
    .int()
    .min(1)
    .max(trackerFieldBounds.textMaxLength.max)
    .default(trackerFieldBounds.textMaxLength.default),
});

const durationField = z.strictObject({
  ...common,
  type: z.literal('duration'),
  maxMinutes: z
    .int()
    .min(1)
    .max(trackerFieldBounds.durationMaxMinutes.max)
    .default(trackerFieldBounds.durationMaxMinutes.default),
});

const singleSelectField = z.strictObject({ ...common, type: z.literal('single_select'), options });
const multiSelectField = z.strictObject({ ...common, type: z.literal('multi_select'), options });

export const trackerFieldSchema = z.discriminatedUnion('type', [
  numberField,
  ratingField,
  booleanField,
  textField,
  durationField,
  singleSelectField,
  multiSelectField,
]);

/** A field as the user may write it (defaults may be left out). */
export type TrackerFieldInput = z.input<typeof trackerFieldSchema>;
/** A field as stored: defaults filled in. */
export type TrackerField = z.output<typeof trackerFieldSchema>;

/** A tracker's field list: 1-30 fields whose keys are unique. */
export const trackerFieldsSchema = z
  .array(trackerFieldSchema)
  .min(trackerFieldBounds.fields.min)
  .max(trackerFieldBounds.fields.max)
  .superRefine((fields, context) => {
    const seen = new Set<string>();
    fields.forEach((field, index) => {
      if (seen.has(field.key)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'key'],
          message: `duplicate field key "${field.key}"`,
        });
      }
      seen.add(field.key);
    });
  });
