/** Energy needs and the safety rules for goals; pure functions. */

export type Sex = 'female' | 'male';
export type ActivityLevel = 'sedentary' | 'light' | 'moderate' | 'active' | 'very_active';

export const activityFactors: Record<ActivityLevel, number> = {
  sedentary: 1.2,
  light: 1.375,
  moderate: 1.55,
  active: 1.725,
  very_active: 1.9,
};

/** kcal in one kilogram of body weight change, the usual planning figure. */
export const kcalPerKg = 7700;

/** Floors below which a daily target is refused, per sex. */
export const minimumDailyKcal: Record<Sex, number> = { female: 1200, male: 1500 };

/** Losing faster than this share of body weight per week is refused. */
export const maxWeeklyLossShare = 0.01;

export interface EnergyInput {
  sex: Sex;
  ageYears: number;
  heightCm: number;
  weightKg: number;
  activityLevel: ActivityLevel;
  /** Negative to lose, positive to gain, kg per week. */
  weeklyRateKg: number;
}

export interface EnergyGoals {
  bmrKcal: number;
  maintenanceKcal: number;
  dailyKcal: number;
  proteinG: number;
  fatG: number;
  carbsG: number;
  waterMl: number;
}

export type GoalCheck = { ok: true; goals: EnergyGoals } | { ok: false; reason: string; goals: EnergyGoals };

/** Mifflin-St Jeor resting energy. */
export function mifflinStJeorBmr(
  input: Pick<EnergyInput, 'sex' | 'ageYears' | 'heightCm' | 'weightKg'>,
): number {
  const base = 10 * input.weightKg + 6.25 * input.heightCm - 5 * input.ageYears;
  return base + (input.sex === 'male' ? 5 : -161);
}

export function computeEnergyGoals(input: EnergyInput): GoalCheck {
  const bmr = mifflinStJeorBmr(input);
  const maintenance = bmr * activityFactors[input.activityLevel];
  const daily = Math.round(maintenance + (input.weeklyRateKg * kcalPerKg) / 7);
  const proteinG = Math.round(1.6 * input.weightKg);
  const fatG = Math.round((0.3 * daily) / 9);
  const goals: EnergyGoals = {
    bmrKcal: Math.round(bmr),
    maintenanceKcal: Math.round(maintenance),
    dailyKcal: daily,
    proteinG,
    fatG,
    carbsG: Math.max(0, Math.round((daily - proteinG * 4 - fatG * 9) / 4)),
    waterMl: Math.round((35 * input.weightKg) / 50) * 50,
  };
  const floor = minimumDailyKcal[input.sex];
  if (daily < floor) {
    return {
      ok: false,
      goals,
      reason: `That plan needs about ${daily} kcal a day, below the safe minimum of ${floor} kcal for your profile. Choose a slower rate.`,
    };
  }
  const maxLoss = input.weightKg * maxWeeklyLossShare;
  if (-input.weeklyRateKg > maxLoss + 1e-9) {
    return {
      ok: false,
      goals,
      reason: `Losing ${-input.weeklyRateKg} kg a week is faster than 1% of your body weight (${maxLoss.toFixed(2)} kg). Choose a slower rate.`,
    };
  }
  return { ok: true, goals };
}

export function ageOn(birthDate: string, today: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day))
    age -= 1;
  return age;
}
