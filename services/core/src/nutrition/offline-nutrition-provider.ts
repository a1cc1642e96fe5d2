import { createFoodSearch, type FoodSearch, getUsdaSr28FoodSearch } from './food-search.js';
import type { NutrientValues } from './nutrients.js';
import { loadUsdaSr28Table, type NutritionTable, type Portion, USDA_SR28_SOURCE } from './usda-table.js';

/** One food as every nutrition provider reports it: nutrients per 100 g plus household portions. */
export interface FoodNutrition {
  id: string;
  source: string;
  name: string;
  group: string | null;
  per100g: NutrientValues;
  portions: Portion[];
}

export interface NutritionLookup {
  query: string;
  source: string;
  /** Best match first; empty when nothing matches. */
  foods: FoodNutrition[];
}

/** A link in the lookup chain (cache → online providers → this offline table). */
export interface NutritionProvider {
  readonly name: string;
  lookup(query: string, options?: { limit?: number }): Promise<NutritionLookup>;
  getById(id: string): Promise<FoodNutrition | null>;
}

function toFoodNutrition(food: NutritionTable['foods'][number]): FoodNutrition {
  return {
    id: food.id,
    source: USDA_SR28_SOURCE,
    name: food.name,
    group: food.group,
    per100g: { ...food.per100g },
    portions: food.portions.map((portion) => ({ ...portion })),
  };
}

class OfflineNutritionProvider implements NutritionProvider {
  readonly name = 'usda-sr28-offline';

  constructor(
    private readonly table: NutritionTable,
    private readonly search: FoodSearch,
  ) {}

  async lookup(query: string, options: { limit?: number } = {}): Promise<NutritionLookup> {
    const limit = Math.max(1, options.limit ?? 5);
    const result = this.search.search(query, { alternatives: limit - 1 });
    const matches = result.chosen ? [result.chosen, ...result.alternatives] : [];
    return { query, source: USDA_SR28_SOURCE, foods: matches.map((match) => toFoodNutrition(match.food)) };
  }

  /** Accepts the NDB number with or without its leading zeros ("1123" is "01123"). */
  async getById(id: string): Promise<FoodNutrition | null> {
    const trimmed = id.trim();
    if (!/^\d{1,5}$/.test(trimmed)) return null;
    const food = this.table.byId.get(trimmed.padStart(5, '0'));
    return food ? toFoodNutrition(food) : null;
  }
}

/** The offline provider over `table` (default: the shipped SR28 table); it never fails for lack of a network. */
export function createOfflineNutritionProvider(table?: NutritionTable): NutritionProvider {
  if (!table) return new OfflineNutritionProvider(loadUsdaSr28Table(), getUsdaSr28FoodSearch());
  return new OfflineNutritionProvider(table, createFoodSearch(table));
}
