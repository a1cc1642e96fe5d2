/** Exact by definition (international avoirdupois pound, US customary fluid ounce). */
export const KG_PER_LB = 0.45359237;
export const ML_PER_US_FL_OZ = 29.5735295625;

export const volumeUnits = ['ml', 'l', 'fl_oz'] as const;
export type VolumeUnit = (typeof volumeUnits)[number];

export const massUnits = ['kg', 'lb'] as const;
export type MassUnit = (typeof massUnits)[number];

const mlPer: Record<VolumeUnit, number> = { ml: 1, l: 1000, fl_oz: ML_PER_US_FL_OZ };
const kgPer: Record<MassUnit, number> = { kg: 1, lb: KG_PER_LB };

/** Whole millilitres: nobody measures a drink more finely. */
export function toMillilitres(amount: number, unit: VolumeUnit): number {
  return Math.round(amount * mlPer[unit]);
}

/** Grams precision, which is what the database column keeps. */
export function toKilograms(amount: number, unit: MassUnit): number {
  return Math.round(amount * kgPer[unit] * 1000) / 1000;
}
