import type { ActivityLevel, Sex } from './energy-goals.js';
import type { Units } from './unit-conversion.js';

export interface Profile {
  userId: string;
  name: string | null;
  timezone: string;
  units: Units;
  language: 'en' | 'sv' | 'es';
  dayStartHour: number;
  sex: Sex | null;
  birthDate: string | null;
  heightCm: number | null;
  activityLevel: ActivityLevel | null;
  goalWeightKg: number | null;
  weeklyRateKg: number | null;
  dailyKcalGoal: number | null;
  proteinGoalG: number | null;
  carbsGoalG: number | null;
  fatGoalG: number | null;
  waterGoalMl: number | null;
  quietHoursStart: number | null;
  quietHoursEnd: number | null;
  diet: string | null;
  allergies: string[];
  conditions: string[];
  preferences: Record<string, unknown>;
  updatedAt: Date;
}
