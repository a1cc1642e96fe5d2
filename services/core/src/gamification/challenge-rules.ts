import type { Activity, ActivityAction } from './activity.js';

/**
 * The challenge kinds. All but `custom` progress by themselves from matching
 * activities; `custom` progresses only by hand (the user reports progress or
 * declares it done).
 * - log_food_days / log_sleep_days / log_water_days: +1 per local day with such a log.
 * - exercise_sessions: +1 per logged workout.
 * - exercise_minutes: + details.minutes of each logged workout.
 * - water_ml: + details.ml of each water log.
 */
export const challengeKinds = [
  'log_food_days',
  'log_sleep_days',
  'log_water_days',
  'exercise_sessions',
  'exercise_minutes',
  'water_ml',
  'custom',
] as const;

export type ChallengeKind = (typeof challengeKinds)[number];

type Measure = { per: 'day' } | { per: 'activity' } | { per: 'detail'; detail: string };

const automatic: Record<Exclude<ChallengeKind, 'custom'>, { action: ActivityAction; measure: Measure }> = {
  log_food_days: { action: 'food_logged', measure: { per: 'day' } },
  log_sleep_days: { action: 'sleep_logged', measure: { per: 'day' } },
  log_water_days: { action: 'water_logged', measure: { per: 'day' } },
  exercise_sessions: { action: 'exercise_logged', measure: { per: 'activity' } },
  exercise_minutes: { action: 'exercise_logged', measure: { per: 'detail', detail: 'minutes' } },
  water_ml: { action: 'water_logged', measure: { per: 'detail', detail: 'ml' } },
};

/** The largest single contribution; a numeric(12,2) column must never overflow. */
export const maxChallengeAmount = 1_000_000_000;

export function isAutomaticKind(kind: ChallengeKind): kind is Exclude<ChallengeKind, 'custom'> {
  return kind !== 'custom';
}

/** Kinds counted in whole units (days, sessions): their targets must be whole numbers. */
export function isWholeUnitKind(kind: ChallengeKind): boolean {
  return isAutomaticKind(kind) && automatic[kind].measure.per !== 'detail';
}

/** Kinds counted once per local day: their target cannot exceed the days left. */
export function isDailyKind(kind: ChallengeKind): boolean {
  return isAutomaticKind(kind) && automatic[kind].measure.per === 'day';
}

/** Kinds an action can move. */
export function kindsMovedBy(action: ActivityAction): ChallengeKind[] {
  return challengeKinds.filter((kind) => isAutomaticKind(kind) && automatic[kind].action === action);
}

/**
 * What an activity adds to a challenge of a kind: an amount and the key that
 * makes it count once (per day for daily kinds, per logged thing otherwise).
 * null when it adds nothing.
 */
export function challengeContribution(
  kind: ChallengeKind,
  activity: Pick<Activity, 'action' | 'sourceId' | 'details'>,
  localDay: string,
): { key: string; amount: number } | null {
  if (!isAutomaticKind(kind)) return null;
  const rule = automatic[kind];
  if (rule.action !== activity.action) return null;
  switch (rule.measure.per) {
    case 'day':
      return { key: `day:${localDay}`, amount: 1 };
    case 'activity':
      return { key: `${activity.action}:${activity.sourceId}`, amount: 1 };
    case 'detail': {
      const value = activity.details?.[rule.measure.detail];
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
      const amount = Math.min(Math.round(value * 100) / 100, maxChallengeAmount);
      return amount > 0 ? { key: `${activity.action}:${activity.sourceId}`, amount } : null;
    }
  }
}
