import { z } from 'zod';
import { freeText, instant, lineText, recordedAtRule } from '../health-metrics/log-input-rules.js';
import { trackerEntryValuesSchema } from './tracker-entry-schema.js';
import type { TrackerField } from './tracker-fields.js';
import { trackerFieldsSchema } from './tracker-fields.js';

export const trackerBounds = {
  nameLength: 100,
  descriptionLength: 500,
  noteLength: 1000,
  /** Archived trackers do not count. */
  activeTrackers: 50,
  listLimit: { default: 100, max: 1000 },
} as const;

export const createTrackerInputSchema = z.strictObject({
  name: lineText(trackerBounds.nameLength),
  description: freeText(trackerBounds.descriptionLength).default(''),
  fields: trackerFieldsSchema,
});
export type CreateTrackerInput = z.input<typeof createTrackerInputSchema>;

/** Only the name and description change: entries already logged depend on the fields. */
export const updateTrackerInputSchema = z
  .strictObject({
    name: lineText(trackerBounds.nameLength).optional(),
    description: freeText(trackerBounds.descriptionLength).optional(),
  })
  .refine((patch) => patch.name !== undefined || patch.description !== undefined, {
    message: 'give a name or a description to change',
  });
export type UpdateTrackerInput = z.input<typeof updateTrackerInputSchema>;

export const listTrackersQuerySchema = z.strictObject({ includeArchived: z.boolean().default(false) });
export type ListTrackersQuery = z.input<typeof listTrackersQuerySchema>;

/** An entry: its values validated against this tracker's own fields. */
export function trackerEntryInputSchema(fields: readonly TrackerField[], now: Date) {
  return z.strictObject({
    values: trackerEntryValuesSchema(fields),
    note: freeText(trackerBounds.noteLength).optional(),
    recordedAt: recordedAtRule(now).optional(),
  });
}
/**
 * The shape of an entry before the tracker is known (for describing the API); the
 * service checks `values` against the tracker's own fields.
 */
export const trackerEntryBodySchema = z.strictObject({
  values: z.record(z.string(), z.unknown()),
  note: freeText(trackerBounds.noteLength).optional(),
  recordedAt: recordedAtRule().optional(),
});

export interface LogTrackerEntryInput {
  values: Record<string, unknown>;
  note?: string;
  recordedAt?: Date | string;
}

export const trackerEntryListQuerySchema = z
  .strictObject({
    from: instant.optional(),
    to: instant.optional(),
    limit: z.int().min(1).max(trackerBounds.listLimit.max).default(trackerBounds.listLimit.default),
  })
  .refine((query) => !query.from || !query.to || query.from.getTime() < query.to.getTime(), {
    path: ['to'],
    message: 'must be after from',
  });
export type TrackerEntryListQuery = z.input<typeof trackerEntryListQuerySchema>;
