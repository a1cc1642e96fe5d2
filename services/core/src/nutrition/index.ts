export {
  createFoodSearch,
  type FoodMatch,
  type FoodSearch,
  type FoodSearchOptions,
  type FoodSearchResult,
  getUsdaSr28FoodSearch,
} from './food-search.js';
export {
  createFoodTextParser,
  type FoodReference,
  type FoodTextParser,
  type FoodTextParserOptions,
  type ParsedFoodItem,
  type ParsedFoodText,
  parseFoodText,
  type UnmatchedFoodText,
  type UnmatchedReason,
} from './food-text-parser.js';
export {
  NUTRIENT_KEYS,
  NUTRIENT_UNITS,
  type NutrientKey,
  type NutrientTotals,
  type NutrientValues,
  scaleNutrients,
  sumNutrients,
} from './nutrients.js';
export {
  createOfflineNutritionProvider,
  type FoodNutrition,
  type NutritionLookup,
  type NutritionProvider,
} from './offline-nutrition-provider.js';
export type { PortionBasis } from './portion-resolver.js';
export {
  decodeCompactTable,
  type FoodRecord,
  loadUsdaSr28Table,
  type NutritionTable,
  NutritionTableFormatError,
  type Portion,
  USDA_SR28_SOURCE,
} from './usda-table.js';
