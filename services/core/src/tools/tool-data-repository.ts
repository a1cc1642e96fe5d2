import type { Db } from '../db/db.js';
import type { ReadableMetricKind } from './tool-declared-reads.js';

/**
 * Reads the data a tool declared, for ONE user: every query here is scoped by
 * user_id and a time window, and selects named columns only (no free-text notes,
 * no names), so a tool sees what it declared and nothing else.
 */

/** Rows per declared read; the most recent ones are kept when a window holds more. */
export const MAX_ROWS_PER_READ = 5000;

export interface Window {
  /** Inclusive. */
  from: Date;
  /** Inclusive: something logged at this very instant is part of the window. */
  to: Date;
}

export interface ProfileBasics {
  timezone: string;
  dayStartHour: number;
  units: 'metric' | 'imperial';
  goals: {
    dailyKcal: number | null;
    proteinG: number | null;
    carbsG: number | null;
    fatG: number | null;
    waterMl: number | null;
    goalWeightKg: number | null;
    weeklyRateKg: number | null;
  };
}

export interface FoodEntryRead {
  eatenAt: Date;
  meal: string | null;
  description: string;
  items: unknown[];
  totalKcal: number;
  proteinG: number;
  fatG: number;
  carbsG: number;
  fiberG: number;
  sugarG: number;
  sodiumMg: number;
}

export interface MetricEntryRead {
  recordedAt: Date;
  value: number;
  unit: string;
  details: Record<string, unknown>;
}

export interface TrackerRead {
  id: string;
  name: string;
  description: string;
  fields: unknown[];
  archived: boolean;
}

export interface TrackerEntryRead {
  trackerId: string;
  recordedAt: Date;
  values: Record<string, unknown>;
}

const nullableNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

export async function readProfileBasics(db: Db, userId: string): Promise<ProfileBasics | undefined> {
  const row = await db('user_profiles')
    .where({ user_id: userId })
    .first<Record<string, unknown> | undefined>(
      'timezone',
      'day_start_hour',
      'units',
      'daily_kcal_goal',
      'protein_goal_g',
      'carbs_goal_g',
      'fat_goal_g',
      'water_goal_ml',
      'goal_weight_kg',
      'weekly_rate_kg',
    );
  if (!row) return undefined;
  return {
    timezone: String(row.timezone),
    dayStartHour: Number(row.day_start_hour),
    units: row.units as ProfileBasics['units'],
    goals: {
      dailyKcal: nullableNumber(row.daily_kcal_goal),
      proteinG: nullableNumber(row.protein_goal_g),
      carbsG: nullableNumber(row.carbs_goal_g),
      fatG: nullableNumber(row.fat_goal_g),
      waterMl: nullableNumber(row.water_goal_ml),
      goalWeightKg: nullableNumber(row.goal_weight_kg),
      weeklyRateKg: nullableNumber(row.weekly_rate_kg),
    },
  };
}

/** Confirmed entries only: drafts are not yet the user's record. Oldest first. */
export async function readFoodEntries(db: Db, userId: string, window: Window): Promise<FoodEntryRead[]> {
  const rows: Array<Record<string, unknown>> = await db('food_entries')
    .where({ user_id: userId, status: 'confirmed' })
    .where('eaten_at', '>=', window.from)
    .where('eaten_at', '<=', window.to)
    .orderBy('eaten_at', 'desc')
    .limit(MAX_ROWS_PER_READ)
    .select(
      'eaten_at',
      'meal',
      'description',
      'items',
      'total_kcal',
      'protein_g',
      'fat_g',
      'carbs_g',
      'fiber_g',
      'sugar_g',
      'sodium_mg',
    );
  return rows.reverse().map((row) => ({
    eatenAt: new Date(row.eaten_at as Date),
    meal: (row.meal as string | null) ?? null,
    description: String(row.description),
    items: row.items as unknown[],
    totalKcal: Number(row.total_kcal),
    proteinG: Number(row.protein_g),
    fatG: Number(row.fat_g),
    carbsG: Number(row.carbs_g),
    fiberG: Number(row.fiber_g),
    sugarG: Number(row.sugar_g),
    sodiumMg: Number(row.sodium_mg),
  }));
}

/** Oldest first; the note column is not read. */
export async function readMetricEntries(
  db: Db,
  userId: string,
  kind: ReadableMetricKind,
  window: Window,
): Promise<MetricEntryRead[]> {
  const rows: Array<Record<string, unknown>> = await db('metric_entries')
    .where({ user_id: userId, kind })
    .where('recorded_at', '>=', window.from)
    .where('recorded_at', '<=', window.to)
    .orderBy('recorded_at', 'desc')
    .limit(MAX_ROWS_PER_READ)
    .select('recorded_at', 'value', 'unit', 'data');
  return rows.reverse().map((row) => ({
    recordedAt: new Date(row.recorded_at as Date),
    value: Number(row.value),
    unit: String(row.unit),
    details: row.data as Record<string, unknown>,
  }));
}

export async function readTrackers(db: Db, userId: string): Promise<TrackerRead[]> {
  const rows: Array<Record<string, unknown>> = await db('custom_trackers')
    .where({ user_id: userId })
    .orderBy('created_at', 'asc')
    .select('id', 'name', 'description', 'fields', 'archived_at');
  return rows.map((row) => ({
    id: String(row.id),
    name: String(row.name),
    description: String(row.description),
    fields: row.fields as unknown[],
    archived: row.archived_at !== null,
  }));
}

/** Oldest first; the note column is not read. */
export async function readTrackerEntries(
  db: Db,
  userId: string,
  window: Window,
): Promise<TrackerEntryRead[]> {
  const rows: Array<Record<string, unknown>> = await db('tracker_entries')
    .where({ user_id: userId })
    .where('recorded_at', '>=', window.from)
    .where('recorded_at', '<=', window.to)
    .orderBy('recorded_at', 'desc')
    .limit(MAX_ROWS_PER_READ)
    .select('tracker_id', 'recorded_at', 'values');
  return rows.reverse().map((row) => ({
    trackerId: String(row.tracker_id),
    recordedAt: new Date(row.recorded_at as Date),
    values: row.values as Record<string, unknown>,
  }));
}
