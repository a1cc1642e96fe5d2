import type { Db } from '../db/db.js';
import type { Profile } from './profile-types.js';

const columns: Record<keyof Omit<Profile, 'userId' | 'updatedAt'>, string> = {
  name: 'name',
  timezone: 'timezone',
  units: 'units',
  language: 'language',
  dayStartHour: 'day_start_hour',
  sex: 'sex',
  birthDate: 'birth_date',
  heightCm: 'height_cm',
  activityLevel: 'activity_level',
  goalWeightKg: 'goal_weight_kg',
  weeklyRateKg: 'weekly_rate_kg',
  dailyKcalGoal: 'daily_kcal_goal',
  proteinGoalG: 'protein_goal_g',
  carbsGoalG: 'carbs_goal_g',
  fatGoalG: 'fat_goal_g',
  waterGoalMl: 'water_goal_ml',
  quietHoursStart: 'quiet_hours_start',
  quietHoursEnd: 'quiet_hours_end',
  diet: 'diet',
  allergies: 'allergies',
  conditions: 'conditions',
  preferences: 'preferences',
};

const numeric = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

function toDay(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    // pg turns a date column into local midnight; read it back in local time.
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return String(value).slice(0, 10);
}

function toProfile(row: Record<string, unknown>): Profile {
  return {
    userId: row.user_id as string,
    name: (row.name as string | null) ?? null,
    timezone: row.timezone as string,
    units: row.units as Profile['units'],
    language: row.language as Profile['language'],
    dayStartHour: Number(row.day_start_hour),
    sex: (row.sex as Profile['sex']) ?? null,
    birthDate: toDay(row.birth_date),
    heightCm: numeric(row.height_cm),
    activityLevel: (row.activity_level as Profile['activityLevel']) ?? null,
    goalWeightKg: numeric(row.goal_weight_kg),
    weeklyRateKg: numeric(row.weekly_rate_kg),
    dailyKcalGoal: numeric(row.daily_kcal_goal),
    proteinGoalG: numeric(row.protein_goal_g),
    carbsGoalG: numeric(row.carbs_goal_g),
    fatGoalG: numeric(row.fat_goal_g),
    waterGoalMl: numeric(row.water_goal_ml),
    quietHoursStart: numeric(row.quiet_hours_start),
    quietHoursEnd: numeric(row.quiet_hours_end),
    diet: (row.diet as string | null) ?? null,
    allergies: (row.allergies as string[]) ?? [],
    conditions: (row.conditions as string[]) ?? [],
    preferences: (row.preferences as Record<string, unknown>) ?? {},
    updatedAt: new Date(row.updated_at as string),
  };
}

export const profileRepository = {
  async find(db: Db, userId: string): Promise<Profile | undefined> {
    const row = await db('user_profiles').where({ user_id: userId }).first();
    return row && toProfile(row);
  },

  /** Writes the given fields; creates the row for users made before their profile. */
  async upsert(
    db: Db,
    userId: string,
    patch: Partial<Omit<Profile, 'userId' | 'updatedAt'>>,
    now: Date,
  ): Promise<Profile> {
    const values: Record<string, unknown> = { updated_at: now };
    for (const [key, value] of Object.entries(patch)) {
      const column = columns[key as keyof typeof columns];
      if (!column || value === undefined) continue;
      values[column] = ['allergies', 'conditions', 'preferences'].includes(key)
        ? JSON.stringify(value)
        : value;
    }
    const [row] = await db('user_profiles')
      .insert({ user_id: userId, ...values })
      .onConflict('user_id')
      .merge(Object.keys(values))
      .returning('*');
    return toProfile(row);
  },

  async latestWeightKg(db: Db, userId: string): Promise<number | undefined> {
    const row = await db('metric_entries')
      .where({ user_id: userId, kind: 'weight' })
      .orderBy('recorded_at', 'desc')
      .first('value');
    return row ? Number(row.value) : undefined;
  },
};
