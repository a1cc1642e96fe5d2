import type { ActivityOutcome } from '../gamification/activity.js';

export const metricKinds = ['water', 'weight', 'sleep', 'exercise', 'mood', 'steps', 'medication'] as const;
export type MetricKind = (typeof metricKinds)[number];

/** Every metric is stored in one canonical unit; imperial input is converted on the way in. */
export const canonicalUnits = {
  water: 'ml',
  weight: 'kg',
  sleep: 'min',
  exercise: 'min',
  mood: 'score',
  steps: 'steps',
  medication: 'dose',
} as const satisfies Record<MetricKind, string>;

/** What the user typed when it was not already canonical, kept so a display can echo it. */
export interface OriginalAmount {
  amount: number;
  unit: string;
}

export interface WaterDetails {
  input: OriginalAmount | null;
}
export interface WeightDetails {
  input: OriginalAmount | null;
}
export interface SleepDetails {
  quality: number | null;
  /** Local clock times, HH:MM. */
  bedtime: string | null;
  wakeTime: string | null;
  /** `given`: the user said how long; `bed_and_wake`: derived from the two clock times. */
  durationSource: 'given' | 'bed_and_wake';
}
export interface ExerciseDetails {
  activity: string;
  /** The MET table entry the activity matched, or null when it matched none. */
  matchedActivity: string | null;
  met: number | null;
  kcal: number | null;
  /** `user`: given by the user; `met_estimate`: MET x kg x hours; `none`: unknown activity, no estimate. */
  kcalSource: 'user' | 'met_estimate' | 'none';
  /** The body weight used for the estimate; null when nothing was estimated. */
  bodyWeightKg: number | null;
  bodyWeightSource: 'latest_weight' | 'default' | null;
}
export interface MoodDetails {
  tags: string[];
}
export type StepsDetails = Record<string, never>;
export interface MedicationDetails {
  name: string;
  dose: string | null;
}

export interface MetricDetailsByKind {
  water: WaterDetails;
  weight: WeightDetails;
  sleep: SleepDetails;
  exercise: ExerciseDetails;
  mood: MoodDetails;
  steps: StepsDetails;
  medication: MedicationDetails;
}

interface StoredMetricEntryOf<K extends MetricKind> {
  id: string;
  userId: string;
  kind: K;
  /** In the canonical unit: ml, kg, minutes, score 1-10, steps, doses. */
  value: number;
  unit: (typeof canonicalUnits)[K];
  note: string | null;
  details: MetricDetailsByKind[K];
  recordedAt: Date;
  createdAt: Date;
}

/** An entry as stored, narrowed by its kind. */
export type StoredMetricEntry = { [K in MetricKind]: StoredMetricEntryOf<K> }[MetricKind];

/** An entry as the service returns it: with the user's local day (YYYY-MM-DD) it counts for. */
export type MetricEntry = StoredMetricEntry & { localDay: string };

export interface LoggedMetric {
  entry: MetricEntry;
  activity: ActivityOutcome;
  /** Things the user should know about how the entry was computed (e.g. a default body weight). */
  notices: string[];
}

export interface WeightTrendPoint {
  day: string;
  /** The last weight of that local day. */
  weightKg: number;
  /** Average of the last weight of each of the last (up to) 7 local days that have one, up to this day. */
  movingAverageKg: number;
  daysInAverage: number;
}

export interface WeightTrend {
  from: string;
  to: string;
  points: WeightTrendPoint[];
  /** Last minus first point of the period; null when the period has no weight. */
  change: { movingAverageKg: number; weightKg: number } | null;
}

export interface DailyMetricTotals {
  day: string;
  waterMl: number;
  steps: number;
  exerciseMinutes: number;
  /** Sum of known kcal (given or estimated); exercise without an estimate adds nothing. */
  exerciseKcal: number;
  sleepMinutes: number;
  /** Average quality of the day's sleep entries that have one. */
  sleepQuality: number | null;
  /** The last weight of the day. */
  weightKg: number | null;
  moodAverage: number | null;
  medicationsTaken: number;
}
