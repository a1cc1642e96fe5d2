import type { ActivityOutcome } from '../gamification/activity.js';
import type { TrackerField } from './tracker-fields.js';

export interface Tracker {
  id: string;
  userId: string;
  name: string;
  description: string;
  fields: TrackerField[];
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A value as validated against its field: number, rating, duration (minutes), boolean, text, option(s). */
export type TrackerValue = number | boolean | string | string[];

export interface TrackerEntry {
  id: string;
  trackerId: string;
  userId: string;
  /** Field key -> value; optional fields left out are absent. */
  values: Record<string, TrackerValue>;
  note: string | null;
  recordedAt: Date;
  createdAt: Date;
}

export interface CreatedTracker {
  tracker: Tracker;
  activity: ActivityOutcome;
}

export interface LoggedTrackerEntry {
  entry: TrackerEntry;
  activity: ActivityOutcome;
}
