import rawTable from './data/usda-sr28.json' with { type: 'json' };
import { NUTRIENT_KEYS, type NutrientKey, type NutrientValues } from './nutrients.js';
import type { CompactFood, CompactTable } from './sr28-format.js';

export const USDA_SR28_SOURCE = 'usda-sr28';

/** A household measure from SR28 WEIGHT: `amount` × `description` weighs `grams` (edible portion). */
export interface Portion {
  amount: number;
  description: string;
  grams: number;
}

export interface FoodRecord {
  /** The SR28 NDB number, with its leading zeros ("01123"). */
  id: string;
  name: string;
  shortName: string;
  commonNames: string[];
  manufacturer: string | null;
  groupCode: string;
  group: string;
  per100g: NutrientValues;
  portions: Portion[];
}

export interface NutritionTable {
  source: typeof USDA_SR28_SOURCE;
  release: string;
  foods: readonly FoodRecord[];
  byId: ReadonlyMap<string, FoodRecord>;
}

export class NutritionTableFormatError extends Error {
  override readonly name = 'NutritionTableFormatError';
}

function isCompactTable(value: unknown): value is CompactTable {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<CompactTable>;
  return (
    candidate.format === 1 &&
    candidate.source === USDA_SR28_SOURCE &&
    Array.isArray(candidate.nutrients) &&
    Array.isArray(candidate.groups) &&
    Array.isArray(candidate.foods)
  );
}

function decodeFood(
  food: CompactFood,
  columnOf: ReadonlyMap<string, number>,
  groups: ReadonlyMap<string, string>,
): FoodRecord {
  const [id, groupCode, name, shortName, commonName, manufacturer, values, portions] = food;
  const per100g = {} as NutrientValues;
  for (const key of NUTRIENT_KEYS) per100g[key] = values[columnOf.get(key) ?? -1] ?? null;
  return {
    id,
    name,
    shortName,
    commonNames: commonName
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
    manufacturer: manufacturer === '' ? null : manufacturer,
    groupCode,
    group: groups.get(groupCode) ?? 'Unknown',
    per100g,
    portions: portions.map(([amount, description, grams]) => ({ amount, description, grams })),
  };
}

/** Without these a table is useless; any other missing column just reads as "no value". */
const REQUIRED_COLUMNS: readonly NutrientKey[] = ['kcal', 'proteinG', 'fatG', 'carbsG'];

/** Turns the shipped compact JSON into records; refuses a file that is not a format-1 SR28 table. */
export function decodeCompactTable(raw: unknown): NutritionTable {
  if (!isCompactTable(raw)) throw new NutritionTableFormatError('not a usda-sr28 nutrition table (format 1)');
  const columnOf = new Map(raw.nutrients.map(([key], index) => [key, index]));
  const missing = REQUIRED_COLUMNS.filter((key) => !columnOf.has(key));
  if (missing.length > 0) {
    throw new NutritionTableFormatError(`nutrition table lacks columns: ${missing.join(', ')}`);
  }
  const groups = new Map(raw.groups);
  const foods = raw.foods.map((food) => decodeFood(food, columnOf, groups));
  return {
    source: USDA_SR28_SOURCE,
    release: raw.release,
    foods,
    byId: new Map(foods.map((food) => [food.id, food])),
  };
}

let shipped: NutritionTable | undefined;

/** The table committed in ./data, decoded on first use and kept: it is immutable reference data. */
export function loadUsdaSr28Table(): NutritionTable {
  shipped ??= decodeCompactTable(rawTable);
  return shipped;
}
