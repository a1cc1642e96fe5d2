export { entryTotals, MAX_ENTRY_GRAMS, MAX_ITEM_GRAMS, MAX_ITEMS } from './food-entry-items.js';
export * from './food-entry-types.js';
export {
  calendarDaySchema,
  type DraftOptions,
  draftOptionsSchema,
  editSchema,
  type FoodEntryEdit,
  type FoodEntryListQuery,
  gramsSchema,
  listQuerySchema,
  MAX_LIST_DAYS,
  MAX_TEXT_LENGTH,
  mealSchema,
} from './food-inputs.js';
export {
  createFoodLogService,
  type FoodLogService,
  type FoodLogServiceDependencies,
} from './food-log-service.js';
export { inferMeal } from './meal-inference.js';
