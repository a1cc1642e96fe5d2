import { AppError } from '../errors/index.js';
import { foodWords, queryWords } from '../nutrition/food-words.js';
import type { UnmatchedFoodText } from '../nutrition/index.js';
import { parseQuantityPhrase } from '../nutrition/quantity-phrase.js';
import type { NutritionLookupService } from '../nutrition-providers/index.js';
import { itemFromFood, MAX_ITEM_GRAMS, oneDecimal } from './food-entry-items.js';
import type { FoodEntryItem } from './food-entry-types.js';

const OFFLINE_SOURCE = 'usda-sr28';

/** Every word of the query appears in the food's name: online search is fuzzy and would name anything. */
function namesTheQuery(foodName: string, query: string): boolean {
  const nameWords = new Set(foodWords(foodName));
  const wanted = queryWords(query);
  return wanted.length > 0 && wanted.every((word) => nameWords.has(word));
}

/**
 * A second chance for a phrase the offline table does not know ("150 g quest bar"): an online food
 * (FoodData Central when configured) whose name holds every word, in grams from a mass unit or from
 * the food's own label serving for a bare count. Anything less certain stays unmatched.
 */
export async function matchOnline(
  unmatched: UnmatchedFoodText,
  lookup: NutritionLookupService,
): Promise<FoodEntryItem | null> {
  if (unmatched.reason !== 'food_not_found') return null;
  const amount = parseQuantityPhrase(unmatched.text);
  if (amount.unit && amount.unit.kind !== 'mass') return null;
  let answer: Awaited<ReturnType<NutritionLookupService['lookupByName']>>;
  try {
    answer = await lookup.lookupByName(amount.foodText, { limit: 1 });
  } catch (error) {
    if (error instanceof AppError) return null; // an unreadable query is just not matched
    throw error;
  }
  const food = answer.foods[0];
  if (!food || food.source === OFFLINE_SOURCE || food.per100g.kcal === null) return null;
  if (!namesTheQuery(food.name, amount.foodText)) return null;
  const serving = food.portions[0];
  const grams = amount.unit
    ? amount.quantity * amount.unit.factor
    : serving
      ? amount.quantity * serving.grams
      : 0;
  if (!(grams > 0) || grams > MAX_ITEM_GRAMS) return null;
  const rounded = oneDecimal(grams);
  return itemFromFood(food, {
    text: unmatched.text,
    grams: rounded,
    quantity: amount.quantity,
    unit: amount.unit?.name ?? null,
    portion: amount.unit || !serving ? null : `${serving.description} = ${serving.grams} g`,
    assumptions: [
      ...amount.assumptions,
      `not in the offline table; matched online (${food.source}) as "${food.name}"`,
    ],
  });
}
