import { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { NotFoundError, ValidationError } from '../errors/index.js';
import { isValidTimezone } from '../time/local-day.js';
import { ageOn, computeEnergyGoals, type EnergyGoals } from './energy-goals.js';
import { profileRepository as repo } from './profile-repository.js';
import type { Profile } from './profile-types.js';
import { formatHeight, formatWeight } from './unit-conversion.js';

const shortText = z.string().trim().min(1).max(100);

export const profilePatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200).nullable(),
    timezone: z
      .string()
      .refine(isValidTimezone, { message: 'must be an IANA time zone such as Europe/Stockholm' }),
    units: z.enum(['metric', 'imperial']),
    language: z.enum(['en', 'sv', 'es']),
    dayStartHour: z.number().int().min(0).max(23),
    sex: z.enum(['female', 'male']).nullable(),
    birthDate: z.iso.date({ message: 'must be a date such as 1990-04-30' }).nullable(),
    heightCm: z.number().min(50).max(260).nullable(),
    activityLevel: z.enum(['sedentary', 'light', 'moderate', 'active', 'very_active']).nullable(),
    goalWeightKg: z.number().min(20).max(400).nullable(),
    waterGoalMl: z.number().int().min(0).max(20_000).nullable(),
    quietHoursStart: z.number().int().min(0).max(23).nullable(),
    quietHoursEnd: z.number().int().min(0).max(23).nullable(),
    diet: z.string().trim().max(200).nullable(),
    allergies: z.array(shortText).max(50),
    conditions: z.array(shortText).max(50),
    preferences: z.record(z.string().max(100), z.unknown()),
  })
  .partial()
  .strict();

export type ProfilePatch = z.infer<typeof profilePatchSchema>;

export const goalRequestSchema = z
  .object({
    /** Negative to lose, positive to gain, kg per week. */
    weeklyRateKg: z.number().min(-2).max(2),
    goalWeightKg: z.number().min(20).max(400).optional(),
    /** Current weight; defaults to the latest weight entry. */
    weightKg: z.number().min(20).max(400).optional(),
  })
  .strict();

export type GoalRequest = z.infer<typeof goalRequestSchema>;

export interface ProfileView extends Profile {
  display: { height: string | null; goalWeight: string | null };
}

function validation(error: z.ZodError, what: string): ValidationError {
  return new ValidationError(
    `Invalid ${what}`,
    error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

export class ProfileService {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async getProfile(userId: string): Promise<ProfileView> {
    const profile = await repo.find(this.deps.db, userId);
    if (!profile) throw new NotFoundError('Profile not found', { userId });
    return this.view(profile);
  }

  async updateProfile(userId: string, patch: unknown): Promise<ProfileView> {
    const parsed = profilePatchSchema.safeParse(patch);
    if (!parsed.success) throw validation(parsed.error, 'profile');
    if (parsed.data.birthDate) {
      const age = ageOn(parsed.data.birthDate, this.deps.clock.now());
      if (age < 13 || age > 120) {
        throw new ValidationError('Invalid profile', [
          { path: 'birthDate', message: 'age must be between 13 and 120' },
        ]);
      }
    }
    await this.getProfile(userId);
    return this.view(await repo.upsert(this.deps.db, userId, parsed.data, this.deps.clock.now()));
  }

  /**
   * Sets daily goals from Mifflin-St Jeor x activity and the chosen weekly rate,
   * refusing unsafe plans with the reason.
   */
  async setGoals(userId: string, request: unknown): Promise<{ profile: ProfileView; goals: EnergyGoals }> {
    const parsed = goalRequestSchema.safeParse(request);
    if (!parsed.success) throw validation(parsed.error, 'goal');
    const profile = await this.getProfile(userId);
    const missing = (['sex', 'birthDate', 'heightCm', 'activityLevel'] as const).filter(
      (field) => profile[field] === null,
    );
    const weightKg = parsed.data.weightKg ?? (await repo.latestWeightKg(this.deps.db, userId));
    if (missing.length || weightKg === undefined) {
      const details: Array<{ path: string; message: string }> = missing.map((field) => ({
        path: field,
        message: 'set it in the profile first',
      }));
      if (weightKg === undefined)
        details.push({ path: 'weightKg', message: 'give your weight or log it first' });
      throw new ValidationError(
        'Goals need your sex, birth date, height, activity level and weight',
        details,
      );
    }
    const check = computeEnergyGoals({
      sex: profile.sex!,
      ageYears: ageOn(profile.birthDate!, this.deps.clock.now()),
      heightCm: profile.heightCm!,
      weightKg,
      activityLevel: profile.activityLevel!,
      weeklyRateKg: parsed.data.weeklyRateKg,
    });
    if (!check.ok) throw new ValidationError(check.reason, { code: 'unsafe_goal', suggested: check.goals });
    const saved = await repo.upsert(
      this.deps.db,
      userId,
      {
        weeklyRateKg: parsed.data.weeklyRateKg,
        goalWeightKg: parsed.data.goalWeightKg ?? profile.goalWeightKg,
        dailyKcalGoal: check.goals.dailyKcal,
        proteinGoalG: check.goals.proteinG,
        fatGoalG: check.goals.fatG,
        carbsGoalG: check.goals.carbsG,
        waterGoalMl: profile.waterGoalMl ?? check.goals.waterMl,
      },
      this.deps.clock.now(),
    );
    return { profile: this.view(saved), goals: check.goals };
  }

  private view(profile: Profile): ProfileView {
    return {
      ...profile,
      display: {
        height: profile.heightCm === null ? null : formatHeight(profile.heightCm, profile.units),
        goalWeight: profile.goalWeightKg === null ? null : formatWeight(profile.goalWeightKg, profile.units),
      },
    };
  }
}
