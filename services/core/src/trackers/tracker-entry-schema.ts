import { type ZodType, z } from 'zod';
import type { TrackerField } from './tracker-fields.js';
import type { TrackerValue } from './tracker-types.js';

const noNul = (value: string) => !value.includes('\u0000');

/** Options match whatever the case and spacing, and are stored as the tracker spells them. */
function optionSchema(options: readonly string[]) {
  const canonical = new Map(options.map((option) => [option.toLowerCase(), option]));
  return z.preprocess(
    (value) => (typeof value === 'string' ? (canonical.get(value.trim().toLowerCase()) ?? value) : value),
    z.enum(options as [string, ...string[]]),
  );
}

/** The schema one field's value must satisfy. */
export function fieldValueSchema(field: TrackerField): ZodType<TrackerValue> {
  switch (field.type) {
    case 'number': {
      let schema = field.integer ? z.int() : z.number();
      if (field.min !== undefined) schema = schema.min(field.min);
      if (field.max !== undefined) schema = schema.max(field.max);
      return schema;
    }
    case 'rating':
      return z.int().min(field.min).max(field.max);
    case 'boolean':
      return z.boolean();
    case 'text':
      return z.string().trim().min(1).max(field.maxLength).refine(noNul, 'must not contain NUL characters');
    case 'duration':
      return z.number().min(0).max(field.maxMinutes);
    case 'single_select':
      return optionSchema(field.options);
    case 'multi_select':
      return z
        .array(optionSchema(field.options))
        .min(field.required ? 1 : 0)
        .refine((chosen) => new Set(chosen).size === chosen.length, 'an option may be chosen only once');
  }
}

/**
 * Turns a tracker's field definitions into the validator of its entries' values, at
 * run time: unknown keys are refused, required fields must be present, optional ones
 * may be missing or null (and are then left out), and an entry holds at least one value.
 */
export function trackerEntryValuesSchema(
  fields: readonly TrackerField[],
): ZodType<Record<string, TrackerValue>> {
  const shape: Record<string, ZodType<TrackerValue | undefined>> = {};
  for (const field of fields) {
    const value = fieldValueSchema(field);
    shape[field.key] = field.required ? value : value.nullish().transform((given) => given ?? undefined);
  }
  return z
    .strictObject(shape)
    .transform((values) => {
      const present: Record<string, TrackerValue> = {};
      for (const [key, value] of Object.entries(values)) if (value !== undefined) present[key] = value;
      return present;
    })
    .refine((values) => Object.keys(values).length > 0, 'an entry needs at least one value');
}
