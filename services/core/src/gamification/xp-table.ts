import { z } from 'zod';
import { type Activity, type ActivityAction, activityActions } from './activity.js';

/**
 * What each logging action pays, and the bonuses on top. Injected into the
 * gamification service (deps.xpTable) so operators can tune it; the default
 * below is what the product ships with.
 */
export interface XpTable {
  actions: Record<ActivityAction, number>;
  /** Extra XP when a reminder is marked done within `withinMinutes` of firing. */
  promptReminderBonus: { withinMinutes: number; xp: number };
  /** Bonus paid once per streak run when the run reaches `days`. */
  streakMilestones: Array<{ days: number; xp: number }>;
}

/**
 * Rationale: XP rewards the act of logging, weighted by effort and by how
 * often the thing can sensibly be logged, so no single action dominates.
 * - Once-a-day logs that take thought pay most: sleep 20, exercise 15.
 * - Meals (several a day) 5; weight and mood (daily at most) 5.
 * - Quick, repeatable taps pay little so spamming them is not worth it:
 *   water 2 per glass, steps 3, medication 3.
 * - Building the habit: a custom tracker 10, each tracker entry 10, a done
 *   reminder 10 (+5 when done within 30 minutes: acting on the cue is the habit).
 * - A completed challenge 25 (challenges are multi-day goals).
 * Nothing here ever depends on what was eaten: logging a 3,000 kcal day pays
 * exactly like logging a 1,200 kcal day. We reward logging, never eating less.
 */
export const defaultXpTable: XpTable = {
  actions: {
    food_logged: 5,
    water_logged: 2,
    weight_logged: 5,
    sleep_logged: 20,
    exercise_logged: 15,
    mood_logged: 5,
    steps_logged: 3,
    medication_logged: 3,
    tracker_created: 10,
    tracker_entry_logged: 10,
    reminder_done: 10,
    challenge_completed: 25,
  },
  promptReminderBonus: { withinMinutes: 30, xp: 5 },
  streakMilestones: [
    { days: 7, xp: 50 },
    { days: 14, xp: 100 },
    { days: 30, xp: 200 },
    { days: 100, xp: 500 },
  ],
};

const xp = z.number().int().min(0).max(100_000);

const xpTableSchema = z.object({
  actions: z.object(
    Object.fromEntries(activityActions.map((action) => [action, xp])) as Record<ActivityAction, typeof xp>,
  ),
  promptReminderBonus: z.object({
    withinMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    xp,
  }),
  streakMilestones: z
    .array(z.object({ days: z.number().int().min(2).max(10_000), xp }))
    .max(20)
    .refine((milestones) => new Set(milestones.map((m) => m.days)).size === milestones.length, {
      message: 'milestone days must be distinct',
    }),
});

/** Refuses a misconfigured table at start-up rather than paying odd XP later. */
export function validateXpTable(table: XpTable): XpTable {
  const parsed = xpTableSchema.safeParse(table);
  if (!parsed.success) {
    throw new Error(`invalid XP table: ${z.prettifyError(parsed.error)}`);
  }
  return {
    ...parsed.data,
    streakMilestones: [...parsed.data.streakMilestones].sort((a, b) => a.days - b.days),
  };
}

/** XP an activity earns on its own (streak and achievement bonuses come on top). */
export function xpForActivity(table: XpTable, activity: Pick<Activity, 'action' | 'details'>): number {
  const base = table.actions[activity.action];
  if (activity.action !== 'reminder_done') return base;
  const withinMinutes = activity.details?.withinMinutes;
  const prompt =
    typeof withinMinutes === 'number' &&
    Number.isFinite(withinMinutes) &&
    withinMinutes >= 0 &&
    withinMinutes <= table.promptReminderBonus.withinMinutes;
  return prompt ? base + table.promptReminderBonus.xp : base;
}
