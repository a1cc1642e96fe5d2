import { NUTRIENT_KEYS, NUTRIENT_UNITS, type NutrientKey, type NutrientValues } from '../nutrition/index.js';

/**
 * FoodData Central numbers its nutrients with the SR28 nutrient numbers (Nutr_No), so one table maps both.
 * Energy is 208 (kcal) in SR Legacy and Branded foods; Foundation foods may report only the Atwater
 * energies 957/958, or kJ (268).
 */
const FDC_NUMBER_TO_KEY: Readonly<Record<string, NutrientKey>> = {
  '255': 'waterG',
  '208': 'kcal',
  '203': 'proteinG',
  '204': 'fatG',
  '207': 'ashG',
  '205': 'carbsG',
  '291': 'fiberG',
  '269': 'sugarG',
  '301': 'calciumMg',
  '303': 'ironMg',
  '304': 'magnesiumMg',
  '305': 'phosphorusMg',
  '306': 'potassiumMg',
  '307': 'sodiumMg',
  '309': 'zincMg',
  '312': 'copperMg',
  '315': 'manganeseMg',
  '317': 'seleniumUg',
  '401': 'vitaminCMg',
  '404': 'thiaminMg',
  '405': 'riboflavinMg',
  '406': 'niacinMg',
  '410': 'pantothenicAcidMg',
  '415': 'vitaminB6Mg',
  '417': 'folateTotalUg',
  '431': 'folicAcidUg',
  '432': 'foodFolateUg',
  '435': 'folateDfeUg',
  '421': 'cholineMg',
  '418': 'vitaminB12Ug',
  '318': 'vitaminAIu',
  '320': 'vitaminARaeUg',
  '319': 'retinolUg',
  '322': 'alphaCaroteneUg',
  '321': 'betaCaroteneUg',
  '334': 'betaCryptoxanthinUg',
  '337': 'lycopeneUg',
  '338': 'luteinZeaxanthinUg',
  '323': 'vitaminEMg',
  '328': 'vitaminDUg',
  '324': 'vitaminDIu',
  '430': 'vitaminKUg',
  '606': 'saturatedFatG',
  '645': 'monounsaturatedFatG',
  '646': 'polyunsaturatedFatG',
  '601': 'cholesterolMg',
};

/** Energy numbers in order of preference when 208 is missing. */
const ENERGY_FALLBACKS = ['957', '958'] as const;
const ENERGY_KJ = '268';
const KJ_PER_KCAL = 4.184;

/** Mass units as multiples of a microgram, to convert between g, mg and µg. */
const MICROGRAMS: Readonly<Record<string, number>> = { g: 1e6, mg: 1e3, ug: 1, µg: 1, μg: 1 };

export interface FdcNutrientValue {
  nutrientNumber?: string | undefined;
  unitName?: string | undefined;
  value?: number | undefined;
}

function normalUnit(unit: string | undefined): string {
  return (unit ?? '').trim().toLowerCase();
}

/** The value in our unit for the key, or null when the units cannot be converted (never a guess). */
function convert(value: number, fromUnit: string, key: NutrientKey): number | null {
  const toUnit = NUTRIENT_UNITS[key].toLowerCase();
  if (fromUnit === toUnit) return value;
  const from = MICROGRAMS[fromUnit];
  const to = MICROGRAMS[toUnit];
  if (from === undefined || to === undefined) return null;
  return (value * from) / to;
}

function round(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(4));
}

/** FDC per-100 g nutrients in our keys and units; nutrients FDC did not report stay null (unknown, not 0). */
export function fdcNutrientsPer100g(nutrients: readonly FdcNutrientValue[]): NutrientValues {
  const byNumber = new Map<string, { value: number; unit: string }>();
  for (const nutrient of nutrients) {
    const { nutrientNumber, value } = nutrient;
    if (nutrientNumber === undefined || value === undefined) continue;
    if (!Number.isFinite(value) || value < 0 || byNumber.has(nutrientNumber)) continue;
    byNumber.set(nutrientNumber, { value, unit: normalUnit(nutrient.unitName) });
  }
  const per100g = {} as NutrientValues;
  for (const key of NUTRIENT_KEYS) per100g[key] = null;
  for (const [number, reading] of byNumber) {
    const key = FDC_NUMBER_TO_KEY[number];
    if (key === undefined) continue;
    const converted = convert(reading.value, reading.unit, key);
    per100g[key] = converted === null ? null : round(converted);
  }
  if (per100g.kcal === null) per100g.kcal = energyFallback(byNumber);
  return per100g;
}

function energyFallback(byNumber: ReadonlyMap<string, { value: number; unit: string }>): number | null {
  for (const number of ENERGY_FALLBACKS) {
    const reading = byNumber.get(number);
    if (reading?.unit === 'kcal') return round(reading.value);
  }
  const kj = byNumber.get(ENERGY_KJ);
  return kj?.unit === 'kj' ? round(kj.value / KJ_PER_KCAL) : null;
}
