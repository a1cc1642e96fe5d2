export { fieldValueSchema, trackerEntryValuesSchema } from './tracker-entry-schema.js';
export {
  type TrackerField,
  type TrackerFieldInput,
  type TrackerFieldType,
  trackerFieldBounds,
  trackerFieldSchema,
  trackerFieldsSchema,
  trackerFieldTypes,
} from './tracker-fields.js';
export {
  type CreateTrackerInput,
  createTrackerInputSchema,
  type ListTrackersQuery,
  type LogTrackerEntryInput,
  type TrackerEntryListQuery,
  trackerBounds,
  trackerEntryBodySchema,
  trackerEntryListQuerySchema,
  type UpdateTrackerInput,
  updateTrackerInputSchema,
} from './tracker-inputs.js';
export type {
  CreatedTracker,
  LoggedTrackerEntry,
  Tracker,
  TrackerEntry,
  TrackerValue,
} from './tracker-types.js';
export {
  createTrackersService,
  type TrackersService,
  type TrackersServiceDependencies,
} from './trackers-service.js';
