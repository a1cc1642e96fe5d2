import { addDays, localDayRange } from '../time/local-day.js';
import { addTotals, divideTotals, oneDecimal } from './food-entry-items.js';
import type {
  DailySummary,
  DayTotals,
  FoodEntry,
  FoodUserSettings,
  GoalProgress,
  MainNutrients,
  Meal,
  MealSummary,
  NutrientGoals,
  WeeklySummary,
} from './food-entry-types.js';
import { inferMeal } from './meal-inference.js';

export const WEEK_DAYS = 7;

function progressOf(goal: number, consumed: number): GoalProgress {
  return {
    goal,
    consumed,
    remaining: oneDecimal(goal - consumed),
    percent: Math.round((consumed / goal) * 100),
  };
}

function goalProgress(goals: NutrientGoals, totals: MainNutrients): DailySummary['progress'] {
  const progress: DailySummary['progress'] = {};
  for (const key of Object.keys(goals) as (keyof NutrientGoals)[]) {
    const goal = goals[key];
    if (goal !== null && goal > 0) progress[key] = progressOf(goal, totals[key]);
  }
  return progress;
}

function mealOf(entry: FoodEntry, timezone: string): Meal {
  return entry.meal ?? inferMeal(entry.eatenAt, timezone);
}

function mealSummaries(entries: readonly FoodEntry[], timezone: string): Record<Meal, MealSummary> {
  const byMeal: Record<Meal, FoodEntry[]> = { breakfast: [], lunch: [], dinner: [], snack: [] };
  for (const entry of entries) byMeal[mealOf(entry, timezone)].push(entry);
  const summary = (list: FoodEntry[]): MealSummary => ({
    entryCount: list.length,
    totals: addTotals(list.map((entry) => entry.totals)),
  });
  return {
    breakfast: summary(byMeal.breakfast),
    lunch: summary(byMeal.lunch),
    dinner: summary(byMeal.dinner),
    snack: summary(byMeal.snack),
  };
}

/** A local day's confirmed entries against the user's goals; `entries` are those of that day only. */
export function summarizeDay(
  userId: string,
  day: string,
  settings: FoodUserSettings,
  entries: readonly FoodEntry[],
): DailySummary {
  const { start, end } = localDayRange(day, settings);
  const totals = addTotals(entries.map((entry) => entry.totals));
  const progress = goalProgress(settings.goals, totals);
  return {
    userId,
    day,
    timezone: settings.timezone,
    dayStartHour: settings.dayStartHour,
    start,
    end,
    entryCount: entries.length,
    totals,
    goals: { ...settings.goals },
    progress,
    remainingKcal: progress.kcal?.remaining ?? null,
    meals: mealSummaries(entries, settings.timezone),
    entries: [...entries],
  };
}

/** The 7 local days ending on `endDay`: per-day totals and averages over logged days and over all 7. */
export function summarizeWeek(
  userId: string,
  endDay: string,
  settings: FoodUserSettings,
  entries: readonly FoodEntry[],
): WeeklySummary {
  const startDay = addDays(endDay, -(WEEK_DAYS - 1));
  const days: DayTotals[] = [];
  for (let offset = 0; offset < WEEK_DAYS; offset++) {
    const day = addDays(startDay, offset);
    const ofDay = entries.filter((entry) => entry.localDay === day);
    days.push({ day, entryCount: ofDay.length, totals: addTotals(ofDay.map((entry) => entry.totals)) });
  }
  const totals = addTotals(days.map((day) => day.totals));
  const logged = days.filter((day) => day.entryCount > 0);
  const kcalGoal = settings.goals.kcal;
  return {
    userId,
    startDay,
    endDay,
    timezone: settings.timezone,
    dayStartHour: settings.dayStartHour,
    days,
    totals,
    goals: { ...settings.goals },
    averages: {
      overLoggedDays: {
        dayCount: logged.length,
        totals:
          logged.length > 0 ? divideTotals(addTotals(logged.map((day) => day.totals)), logged.length) : null,
      },
      overAllDays: { dayCount: WEEK_DAYS, totals: divideTotals(totals, WEEK_DAYS) },
    },
    daysWithinKcalGoal: kcalGoal === null ? null : logged.filter((day) => day.totals.kcal <= kcalGoal).length,
  };
}
