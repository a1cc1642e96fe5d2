import type { Db } from '../db/db.js';

/** Logging actions that earn XP and move streaks; the XP per action is a configurable table. */
export const activityActions = [
  'food_logged',
  'water_logged',
  'weight_logged',
  'sleep_logged',
  'exercise_logged',
  'mood_logged',
  'steps_logged',
  'medication_logged',
  'tracker_created',
  'tracker_entry_logged',
  'reminder_done',
  'challenge_completed',
] as const;

export type ActivityAction = (typeof activityActions)[number];

export interface Activity {
  userId: string;
  action: ActivityAction;
  /** The logged thing's id: the same action on the same source never pays twice. */
  sourceId: string;
  occurredAt: Date;
  /**
   * What gamification reads: reminder_done { withinMinutes } (+5 XP within 30),
   * water_logged { ml } and exercise_logged { minutes } (they move water_ml and
   * exercise_minutes challenges). Anything else is stored with the XP event.
   */
  details?: Record<string, unknown>;
}

export interface ActivityOutcome {
  xpAwarded: number;
  totalXp: number;
  level: number;
  leveledUp: boolean;
  achievementsUnlocked: string[];
  streakMilestones: Array<{ domain: string; days: number; bonusXp: number }>;
}

/**
 * What domain services call when a user logs something, inside the same
 * transaction as the write, so a failed write never pays XP.
 */
export interface ActivityRecorder {
  recordActivity(db: Db, activity: Activity): Promise<ActivityOutcome>;
}
