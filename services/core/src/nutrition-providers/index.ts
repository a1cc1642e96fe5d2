export { MAX_QUERY_LENGTH, normalizeBarcode, normalizeFoodQuery } from './lookup-keys.js';
export {
  type BarcodeLookup,
  createNutritionLookupService,
  DEFAULT_SEARCH_LIMIT,
  type FoodNameLookup,
  MAX_SEARCH_LIMIT,
  type NutritionLookupDependencies,
  type NutritionLookupService,
  type OnlineProviderSettings,
} from './nutrition-lookup-service.js';
export { OPEN_FOOD_FACTS_SOURCE } from './open-food-facts-client.js';
export { USDA_FDC_SOURCE } from './usda-fdc-client.js';
