import { DateTime } from 'luxon';
import type { Meal } from './food-entry-types.js';

/** Local clock minutes at which each meal window starts; outside them a food is a snack. */
const MEAL_WINDOWS: ReadonlyArray<{ meal: Meal; from: number; to: number }> = [
  { meal: 'breakfast', from: 4 * 60, to: 10 * 60 + 30 },
  { meal: 'lunch', from: 10 * 60 + 30, to: 15 * 60 },
  { meal: 'dinner', from: 17 * 60, to: 21 * 60 + 30 },
];

/**
 * The meal a food eaten at `eatenAt` most likely was, by the user's local clock time: breakfast
 * 04:00–10:30, lunch 10:30–15:00, dinner 17:00–21:30, otherwise a snack.
 */
export function inferMeal(eatenAt: Date, timezone: string): Meal {
  const local = DateTime.fromJSDate(eatenAt, { zone: timezone });
  const minutes = local.hour * 60 + local.minute;
  return MEAL_WINDOWS.find((window) => minutes >= window.from && minutes < window.to)?.meal ?? 'snack';
}
