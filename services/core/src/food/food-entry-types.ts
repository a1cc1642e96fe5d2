import type { ActivityOutcome } from '../gamification/activity.js';
import type { NutrientKey, NutrientValues } from '../nutrition/index.js';

export const meals = ['breakfast', 'lunch', 'dinner', 'snack'] as const;
export type Meal = (typeof meals)[number];

export type FoodEntryStatus = 'draft' | 'confirmed';

/** How the entry was made; the schema also knows photo, manual and agent entries made elsewhere. */
export type FoodEntrySource = 'text' | 'photo' | 'barcode' | 'manual' | 'agent';

/** The nutrients summaries and goals are about; each is also a column of food_entries. */
export const mainNutrientKeys = [
  'kcal',
  'proteinG',
  'fatG',
  'carbsG',
  'fiberG',
  'sugarG',
  'sodiumMg',
] as const;
export type MainNutrientKey = (typeof mainNutrientKeys)[number] & NutrientKey;
export type MainNutrients = Record<MainNutrientKey, number>;

/** One food of an entry, with everything needed to recompute it when its grams change. */
export interface FoodEntryItem {
  /** The phrase it was read from, or the barcode. */
  text: string;
  foodId: string;
  foodName: string;
  /** Where the numbers come from: 'usda-sr28', 'usda-fdc' or 'open-food-facts'. */
  source: string;
  quantity: number | null;
  unit: string | null;
  grams: number;
  /** What one unit was taken to be, e.g. '1 large = 50 g'; null when the grams were given. */
  portion: string | null;
  /** Defaults and conventions used to get the grams, in words. */
  assumptions: string[];
  per100g: NutrientValues;
  nutrients: NutrientValues;
}

export interface FoodEntry {
  id: string;
  userId: string;
  status: FoodEntryStatus;
  meal: Meal | null;
  description: string;
  source: FoodEntrySource;
  items: FoodEntryItem[];
  totals: MainNutrients;
  /** Main nutrients some item has no value for: their total is a lower bound. */
  incompleteNutrients: MainNutrientKey[];
  eatenAt: Date;
  /** The user's local day (timezone and day-start hour) the entry counts for. */
  localDay: string;
  confirmedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** When a draft can no longer be confirmed; null once confirmed. */
  draftExpiresAt: Date | null;
}

export type UnmatchedFoodReason =
  | 'food_not_found'
  | 'no_portion'
  | 'invalid_quantity'
  | 'implausible_amount'
  | 'barcode_not_found'
  | 'barcode_lookup_unavailable'
  | 'no_nutrition_data';

/** Text the user must correct: never saved, never given invented numbers. */
export interface UnmatchedFood {
  text: string;
  reason: UnmatchedFoodReason;
  message: string;
  /** The food the text seemed to name, when the amount was the problem. */
  candidate?: { foodId: string; foodName: string };
}

export type DraftResult =
  | { status: 'drafted'; entry: FoodEntry; unmatched: UnmatchedFood[] }
  | { status: 'nothing_matched'; entry: null; unmatched: UnmatchedFood[] };

export interface ConfirmResult {
  entry: FoodEntry;
  /** False when it was confirmed before: nothing was recorded twice. */
  newlyConfirmed: boolean;
  /** XP, level and streak news from the confirmation; null when it was already confirmed. */
  activity: ActivityOutcome | null;
}

export interface EditResult {
  entry: FoodEntry;
  /** Text that could not be read when the entry was re-described. */
  unmatched: UnmatchedFood[];
}

/** What the food log reads of a user's profile. */
export interface FoodUserSettings {
  timezone: string;
  dayStartHour: number;
  goals: NutrientGoals;
}

/** Daily goals from the profile; null means the user set none (and nothing is compared). */
export interface NutrientGoals {
  kcal: number | null;
  proteinG: number | null;
  carbsG: number | null;
  fatG: number | null;
}

export interface GoalProgress {
  goal: number;
  consumed: number;
  /** goal - consumed; negative when over. */
  remaining: number;
  /** consumed / goal, as a whole percentage. */
  percent: number;
}

export interface MealSummary {
  entryCount: number;
  totals: MainNutrients;
}

export interface DailySummary {
  userId: string;
  day: string;
  timezone: string;
  dayStartHour: number;
  /** The UTC instants [start, end) the local day covers. */
  start: Date;
  end: Date;
  entryCount: number;
  totals: MainNutrients;
  goals: NutrientGoals;
  /** One entry per goal the user has set. */
  progress: Partial<Record<keyof NutrientGoals, GoalProgress>>;
  /** kcal goal minus kcal eaten; null without a kcal goal. */
  remainingKcal: number | null;
  meals: Record<Meal, MealSummary>;
  /** Confirmed entries of the day, in the order they were eaten. */
  entries: FoodEntry[];
}

export interface DayTotals {
  day: string;
  entryCount: number;
  totals: MainNutrients;
}

export interface NutrientAverage {
  /** How many days the average is over. */
  dayCount: number;
  /** null when there are no such days. */
  totals: MainNutrients | null;
}

export interface WeeklySummary {
  userId: string;
  startDay: string;
  endDay: string;
  timezone: string;
  dayStartHour: number;
  days: DayTotals[];
  totals: MainNutrients;
  goals: NutrientGoals;
  averages: {
    /** Over the days something was logged: what a logged day looks like. */
    overLoggedDays: NutrientAverage;
    /** Over all 7 days, unlogged days counting as 0. */
    overAllDays: NutrientAverage;
  };
  /** Logged days whose kcal stayed at or under the goal; null without a kcal goal. */
  daysWithinKcalGoal: number | null;
}
