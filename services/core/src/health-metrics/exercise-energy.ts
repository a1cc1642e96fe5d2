import { findMetActivity } from './exercise-met-table.js';
import type { ExerciseDetails } from './health-metric-types.js';

/** Used when the user has never logged a weight; the result says so. */
export const DEFAULT_BODY_WEIGHT_KG = 70;

/** kcal = MET x body weight (kg) x hours, to the nearest kcal. */
export function metKcal(met: number, bodyWeightKg: number, minutes: number): number {
  return Math.round(met * bodyWeightKg * (minutes / 60));
}

export interface ExerciseEnergyInput {
  activity: string;
  minutes: number;
  /** Given by the user; wins over any estimate. */
  kcal?: number;
  /** The user's latest logged weight, if any. */
  latestWeightKg?: number;
}

export interface ExerciseEnergy {
  details: ExerciseDetails;
  notices: string[];
}

/** Decides an exercise entry's kcal and explains where the number came from. */
export function exerciseEnergy(input: ExerciseEnergyInput): ExerciseEnergy {
  const matched = findMetActivity(input.activity);
  const base = {
    activity: input.activity,
    matchedActivity: matched?.key ?? null,
    met: matched?.met ?? null,
  };
  if (input.kcal !== undefined) {
    return {
      details: { ...base, kcal: input.kcal, kcalSource: 'user', bodyWeightKg: null, bodyWeightSource: null },
      notices: [],
    };
  }
  if (!matched) {
    return {
      details: { ...base, kcal: null, kcalSource: 'none', bodyWeightKg: null, bodyWeightSource: null },
      notices: [
        `"${input.activity}" is not in the activity table, so no kcal were estimated; give kcal to record them.`,
      ],
    };
  }
  const weightKnown = input.latestWeightKg !== undefined;
  const bodyWeightKg = input.latestWeightKg ?? DEFAULT_BODY_WEIGHT_KG;
  return {
    details: {
      ...base,
      kcal: metKcal(matched.met, bodyWeightKg, input.minutes),
      kcalSource: 'met_estimate',
      bodyWeightKg,
      bodyWeightSource: weightKnown ? 'latest_weight' : 'default',
    },
    notices: weightKnown
      ? []
      : [
          `No weight logged yet, so kcal were estimated with a default body weight of ${DEFAULT_BODY_WEIGHT_KG} kg; log your weight for a better estimate.`,
        ],
  };
}
