import type { Db } from '../db/db.js';
import type {
  FoodEntryItem,
  FoodEntrySource,
  FoodEntryStatus,
  FoodUserSettings,
  MainNutrients,
  Meal,
} from './food-entry-types.js';

/** The only place that reads or writes food_entries; every query is scoped by user_id. */

interface FoodEntryRow {
  id: string;
  user_id: string;
  status: FoodEntryStatus;
  meal: Meal | null;
  description: string;
  source: FoodEntrySource;
  items: FoodEntryItem[] | string;
  total_kcal: string | number;
  protein_g: string | number;
  fat_g: string | number;
  carbs_g: string | number;
  fiber_g: string | number;
  sugar_g: string | number;
  sodium_mg: string | number;
  eaten_at: Date | string;
  confirmed_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** A food_entries row as the domain sees it (before the user's local day is worked out). */
export interface StoredFoodEntry {
  id: string;
  userId: string;
  status: FoodEntryStatus;
  meal: Meal | null;
  description: string;
  source: FoodEntrySource;
  items: FoodEntryItem[];
  totals: MainNutrients;
  eatenAt: Date;
  confirmedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewFoodEntry {
  userId: string;
  meal: Meal;
  description: string;
  source: FoodEntrySource;
  items: FoodEntryItem[];
  totals: MainNutrients;
  eatenAt: Date;
}

export interface FoodEntryChanges {
  meal?: Meal;
  description?: string;
  items?: FoodEntryItem[];
  totals?: MainNutrients;
  eatenAt?: Date;
}

const TOTAL_COLUMNS: Record<keyof MainNutrients, keyof FoodEntryRow> = {
  kcal: 'total_kcal',
  proteinG: 'protein_g',
  fatG: 'fat_g',
  carbsG: 'carbs_g',
  fiberG: 'fiber_g',
  sugarG: 'sugar_g',
  sodiumMg: 'sodium_mg',
};

function totalColumns(totals: MainNutrients): Record<string, number> {
  const columns: Record<string, number> = {};
  for (const [key, column] of Object.entries(TOTAL_COLUMNS))
    columns[column] = totals[key as keyof MainNutrients];
  return columns;
}

function toEntry(row: FoodEntryRow): StoredFoodEntry {
  // pg hands numeric columns over as strings, PGlite as numbers; jsonb may come back as text.
  const totals = {} as MainNutrients;
  for (const [key, column] of Object.entries(TOTAL_COLUMNS))
    totals[key as keyof MainNutrients] = Number(row[column]);
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    meal: row.meal,
    description: row.description,
    source: row.source,
    items: typeof row.items === 'string' ? (JSON.parse(row.items) as FoodEntryItem[]) : row.items,
    totals,
    eatenAt: new Date(row.eaten_at),
    confirmedAt: row.confirmed_at === null ? null : new Date(row.confirmed_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The user's zone, day start and goals; null when there is no such user. A user without a profile gets the defaults. */
export async function readFoodUserSettings(db: Db, userId: string): Promise<FoodUserSettings | null> {
  const row = await db('users')
    .leftJoin('user_profiles', 'user_profiles.user_id', 'users.id')
    .where('users.id', userId)
    .first<
      | {
          timezone: string | null;
          day_start_hour: number | string | null;
          daily_kcal_goal: number | string | null;
          protein_goal_g: number | string | null;
          carbs_goal_g: number | string | null;
          fat_goal_g: number | string | null;
        }
      | undefined
    >(
      'user_profiles.timezone',
      'user_profiles.day_start_hour',
      'user_profiles.daily_kcal_goal',
      'user_profiles.protein_goal_g',
      'user_profiles.carbs_goal_g',
      'user_profiles.fat_goal_g',
    );
  if (!row) return null;
  const goal = (value: number | string | null) => (value === null ? null : Number(value));
  return {
    timezone: row.timezone ?? 'UTC',
    dayStartHour: row.day_start_hour === null ? 0 : Number(row.day_start_hour),
    goals: {
      kcal: goal(row.daily_kcal_goal),
      proteinG: goal(row.protein_goal_g),
      carbsG: goal(row.carbs_goal_g),
      fatG: goal(row.fat_goal_g),
    },
  };
}

export async function insertDraft(db: Db, entry: NewFoodEntry, now: Date): Promise<StoredFoodEntry> {
  const [row] = await db('food_entries')
    .insert({
      user_id: entry.userId,
      status: 'draft',
      meal: entry.meal,
      description: entry.description,
      source: entry.source,
      items: JSON.stringify(entry.items),
      ...totalColumns(entry.totals),
      eaten_at: entry.eatenAt,
      created_at: now,
      updated_at: now,
    })
    .returning<FoodEntryRow[]>('*');
  return toEntry(row as FoodEntryRow);
}

/** The user's entry, or null; `forUpdate` locks the row until the transaction ends. */
export async function findEntry(
  db: Db,
  userId: string,
  entryId: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredFoodEntry | null> {
  const query = db('food_entries')
    .where({ id: entryId, user_id: userId })
    .first<FoodEntryRow | undefined>('*');
  const row = await (options.forUpdate ? query.forUpdate() : query);
  return row ? toEntry(row) : null;
}

export async function markConfirmed(
  db: Db,
  userId: string,
  entryId: string,
  now: Date,
): Promise<StoredFoodEntry | null> {
  const [row] = await db('food_entries')
    .where({ id: entryId, user_id: userId, status: 'draft' })
    .update({ status: 'confirmed', confirmed_at: now, updated_at: now })
    .returning<FoodEntryRow[]>('*');
  return row ? toEntry(row) : null;
}

export async function updateEntry(
  db: Db,
  userId: string,
  entryId: string,
  changes: FoodEntryChanges,
  now: Date,
): Promise<StoredFoodEntry | null> {
  const [row] = await db('food_entries')
    .where({ id: entryId, user_id: userId })
    .update({
      ...(changes.meal ? { meal: changes.meal } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.items ? { items: JSON.stringify(changes.items) } : {}),
      ...(changes.totals ? totalColumns(changes.totals) : {}),
      ...(changes.eatenAt ? { eaten_at: changes.eatenAt } : {}),
      updated_at: now,
    })
    .returning<FoodEntryRow[]>('*');
  return row ? toEntry(row) : null;
}

/** Deletes the user's entry, only in `status` when given; true when a row went. */
export async function deleteEntry(
  db: Db,
  userId: string,
  entryId: string,
  status?: FoodEntryStatus,
): Promise<boolean> {
  // returning() rather than the affected-row count, which PGlite's knex client does not report.
  const deleted = await db('food_entries')
    .where({ id: entryId, user_id: userId, ...(status ? { status } : {}) })
    .delete()
    .returning<{ id: string }[]>('id');
  return deleted.length > 0;
}

/** The user's entries eaten in [from, to), oldest first; confirmed only unless told otherwise. */
export async function listEntries(
  db: Db,
  userId: string,
  range: { from: Date; to: Date },
  status: FoodEntryStatus | 'all' = 'confirmed',
): Promise<StoredFoodEntry[]> {
  const rows = await db('food_entries')
    .where({ user_id: userId })
    .andWhere('eaten_at', '>=', range.from)
    .andWhere('eaten_at', '<', range.to)
    .modify((query) => {
      if (status !== 'all') query.andWhere({ status });
    })
    .orderBy([
      { column: 'eaten_at', order: 'asc' },
      { column: 'created_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .select<FoodEntryRow[]>('*');
  return rows.map(toEntry);
}
