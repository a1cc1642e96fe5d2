import {
  type FoodNutrition,
  type NutrientValues,
  type ParsedFoodItem,
  scaleNutrients,
} from '../nutrition/index.js';
import {
  type FoodEntryItem,
  type MainNutrientKey,
  type MainNutrients,
  mainNutrientKeys,
} from './food-entry-types.js';

/** One item heavier than this is a typo, not a meal (the text parser uses the same bound). */
export const MAX_ITEM_GRAMS = 5000;
/** A whole entry heavier than this is refused; it also keeps totals inside the numeric columns. */
export const MAX_ENTRY_GRAMS = 10_000;
export const MAX_ITEMS = 40;

/** An item read by the offline parser; per100g comes from the same SR28 food so grams can be edited later. */
export function itemFromParsed(parsed: ParsedFoodItem, per100g: NutrientValues): FoodEntryItem {
  return {
    text: parsed.text,
    foodId: parsed.foodId,
    foodName: parsed.foodName,
    source: parsed.source,
    quantity: parsed.quantity,
    unit: parsed.unit,
    grams: parsed.grams,
    portion: parsed.portion.description,
    assumptions: [...parsed.assumptions],
    per100g: { ...per100g },
    nutrients: { ...parsed.nutrients },
  };
}

export interface ItemAmount {
  text: string;
  grams: number;
  quantity: number | null;
  unit: string | null;
  portion: string | null;
  assumptions: string[];
}

/** An item from any provider's food (Open Food Facts, FoodData Central) and an amount in grams. */
export function itemFromFood(food: FoodNutrition, amount: ItemAmount): FoodEntryItem {
  return {
    ...amount,
    foodId: food.id,
    foodName: food.name,
    source: food.source,
    per100g: { ...food.per100g },
    nutrients: scaleNutrients(food.per100g, amount.grams),
  };
}

/** The item at new grams: nutrients rescaled from its per-100 g values, the amount now stated in grams. */
export function withGrams(item: FoodEntryItem, grams: number): FoodEntryItem {
  return {
    ...item,
    quantity: grams,
    unit: 'g',
    grams,
    portion: null,
    assumptions: [],
    nutrients: scaleNutrients(item.per100g, grams),
  };
}

/** Rounds half up to 0.1, as people do on paper: 223.85 is 223.9 although its binary double is a hair below. */
export function oneDecimal(value: number): number {
  return Math.round(Number((value * 10).toPrecision(12))) / 10;
}

/** Totals of the main nutrients, to one decimal as the columns keep them; unknown values count as 0 and are listed. */
export function entryTotals(items: readonly FoodEntryItem[]): {
  totals: MainNutrients;
  incomplete: MainNutrientKey[];
} {
  const totals = emptyTotals();
  const incomplete: MainNutrientKey[] = [];
  for (const key of mainNutrientKeys) {
    let sum = 0;
    for (const item of items) {
      const value = item.nutrients[key];
      if (value === null) {
        if (!incomplete.includes(key)) incomplete.push(key);
      } else sum += value;
    }
    totals[key] = oneDecimal(sum);
  }
  return { totals, incomplete };
}

export function totalGrams(items: readonly FoodEntryItem[]): number {
  return items.reduce((sum, item) => sum + item.grams, 0);
}

/** Adds main-nutrient totals, e.g. of a day's entries. */
export function addTotals(all: readonly MainNutrients[]): MainNutrients {
  const sum = emptyTotals();
  for (const totals of all) for (const key of mainNutrientKeys) sum[key] += totals[key];
  for (const key of mainNutrientKeys) sum[key] = oneDecimal(sum[key]);
  return sum;
}

export function divideTotals(totals: MainNutrients, by: number): MainNutrients {
  const divided = emptyTotals();
  for (const key of mainNutrientKeys) divided[key] = oneDecimal(totals[key] / by);
  return divided;
}

export function emptyTotals(): MainNutrients {
  return { kcal: 0, proteinG: 0, fatG: 0, carbsG: 0, fiberG: 0, sugarG: 0, sodiumMg: 0 };
}
