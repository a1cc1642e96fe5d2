import { type NutrientKey, roundNutrient, SR28_NUTRIENTS } from './sr28-format.js';

export type { NutrientKey, NutrientUnit } from './sr28-format.js';

/** Nutrient amounts; null means the source has no value for it (unknown, which is not 0). */
export type NutrientValues = Record<NutrientKey, number | null>;

/** Sums over several foods: a nutrient some food did not report is summed over the others and listed. */
export interface NutrientTotals {
  grams: number;
  nutrients: Record<NutrientKey, number>;
  /** Nutrients at least one item has no value for: their total is a lower bound. */
  incomplete: NutrientKey[];
}

export const NUTRIENT_KEYS: readonly NutrientKey[] = SR28_NUTRIENTS.map((nutrient) => nutrient.key);

export const NUTRIENT_UNITS = Object.fromEntries(
  SR28_NUTRIENTS.map((nutrient) => [nutrient.key, nutrient.unit]),
) as Readonly<Record<NutrientKey, string>>;

/** Per-100 g values scaled to a portion, rounded to four significant digits. */
export function scaleNutrients(per100g: NutrientValues, grams: number): NutrientValues {
  const scaled = {} as NutrientValues;
  for (const key of NUTRIENT_KEYS) {
    const value = per100g[key];
    scaled[key] = value === null ? null : roundNutrient((value * grams) / 100);
  }
  return scaled;
}

export function sumNutrients(
  portions: readonly { grams: number; nutrients: NutrientValues }[],
): NutrientTotals {
  const nutrients = {} as Record<NutrientKey, number>;
  const incomplete: NutrientKey[] = [];
  for (const key of NUTRIENT_KEYS) {
    let total = 0;
    let missing = false;
    for (const portion of portions) {
      const value = portion.nutrients[key];
      if (value === null) missing = true;
      else total += value;
    }
    nutrients[key] = roundNutrient(total) ?? 0;
    if (missing) incomplete.push(key);
  }
  const grams = portions.reduce((sum, portion) => sum + portion.grams, 0);
  return { grams: roundNutrient(grams) ?? 0, nutrients, incomplete };
}
