import { ValidationError } from '../errors/index.js';
import { splitFoodList } from './food-list-splitter.js';
import { type FoodSearch, getUsdaSr28FoodSearch } from './food-search.js';
import { normalizeFoodText, queryWords } from './food-words.js';
import { type NutrientTotals, type NutrientValues, scaleNutrients, sumNutrients } from './nutrients.js';
import { type PortionBasis, resolvePortion } from './portion-resolver.js';
import { parseQuantityPhrase } from './quantity-phrase.js';
import { USDA_SR28_SOURCE } from './usda-table.js';

export interface FoodReference {
  foodId: string;
  foodName: string;
}

export interface ParsedFoodItem extends FoodReference {
  /** The phrase this item was read from (normalised: lower case, fractions spelled out). */
  text: string;
  foodGroup: string;
  /** 'preferred': the everyday reading of a common word; 'scored': the best word match in SR28. */
  match: 'preferred' | 'scored';
  quantity: number;
  unit: string | null;
  grams: number;
  portion: { basis: PortionBasis; description: string };
  /** Every default or convention used to get the grams, in words. Empty when all came from SR28 or the text. */
  assumptions: string[];
  nutrients: NutrientValues;
  source: typeof USDA_SR28_SOURCE;
  /** Other SR28 foods the phrase could mean, best first. */
  alternatives: FoodReference[];
}

export type UnmatchedReason = 'food_not_found' | 'no_portion' | 'invalid_quantity' | 'implausible_amount';

export interface UnmatchedFoodText {
  text: string;
  reason: UnmatchedReason;
  message: string;
  /** The food the phrase seemed to name, when the amount was the problem. */
  candidate?: FoodReference;
}

export interface ParsedFoodText {
  items: ParsedFoodItem[];
  unmatched: UnmatchedFoodText[];
  totals: NutrientTotals;
}

export interface FoodTextParserOptions {
  /** Longer texts are refused (default 2000 characters). */
  maxTextLength?: number;
  /** Texts listing more foods are refused (default 40). */
  maxItems?: number;
  /** A single item heavier than this is reported as implausible instead of counted (default 5000 g). */
  maxGramsPerItem?: number;
  /** Alternatives listed per item (default 3). */
  alternatives?: number;
}

export interface FoodTextParser {
  parse(text: string): ParsedFoodText;
}

const MAX_COUNT = 1000;

function reference(food: { id: string; name: string }): FoodReference {
  return { foodId: food.id, foodName: food.name };
}

class SearchingFoodTextParser implements FoodTextParser {
  private readonly maxTextLength: number;
  private readonly maxItems: number;
  private readonly maxGramsPerItem: number;
  private readonly alternatives: number;

  constructor(
    private readonly search: FoodSearch,
    options: FoodTextParserOptions,
  ) {
    this.maxTextLength = options.maxTextLength ?? 2000;
    this.maxItems = options.maxItems ?? 40;
    this.maxGramsPerItem = options.maxGramsPerItem ?? 5000;
    this.alternatives = options.alternatives ?? 3;
  }

  parse(text: string): ParsedFoodText {
    if (text.length > this.maxTextLength) {
      throw new ValidationError(`food text is longer than ${this.maxTextLength} characters`, {
        maxLength: this.maxTextLength,
        length: text.length,
      });
    }
    const phrases = splitFoodList(normalizeFoodText(text), (phrase) => this.search.isDishName(phrase));
    if (phrases.length > this.maxItems) {
      throw new ValidationError(`food text lists more than ${this.maxItems} foods`, {
        maxItems: this.maxItems,
        items: phrases.length,
      });
    }
    const items: ParsedFoodItem[] = [];
    const unmatched: UnmatchedFoodText[] = [];
    for (const phrase of phrases) {
      const outcome = this.parsePhrase(phrase);
      if ('reason' in outcome) unmatched.push(outcome);
      else items.push(outcome);
    }
    return { items, unmatched, totals: sumNutrients(items) };
  }

  private parsePhrase(text: string): ParsedFoodItem | UnmatchedFoodText {
    const amount = parseQuantityPhrase(text);
    if (!Number.isFinite(amount.quantity) || amount.quantity <= 0 || amount.quantity > MAX_COUNT) {
      return {
        text,
        reason: 'invalid_quantity',
        message: `the amount must be a number above 0 and at most ${MAX_COUNT}`,
      };
    }
    const words = queryWords(amount.foodText);
    const found =
      words.length > 0 ? this.search.search(amount.foodText, { alternatives: this.alternatives }) : null;
    const chosen = found?.chosen;
    if (!found || !chosen) {
      return { text, reason: 'food_not_found', message: 'no food in USDA SR28 matches this text' };
    }
    const food = chosen.food;
    const portion = resolvePortion({
      food,
      quantity: amount.quantity,
      unit: amount.unit,
      queryWords: amount.sizeHint ? [...words, amount.sizeHint] : words,
      ...(chosen.defaultPortion ? { defaultPortion: chosen.defaultPortion } : {}),
    });
    if ('reason' in portion)
      return { text, reason: portion.reason, message: portion.message, candidate: reference(food) };
    if (portion.grams > this.maxGramsPerItem) {
      return {
        text,
        reason: 'implausible_amount',
        message: `${portion.grams} g is more than ${this.maxGramsPerItem} g for one item`,
        candidate: reference(food),
      };
    }
    return {
      text,
      ...reference(food),
      foodGroup: food.group,
      match: chosen.basis,
      quantity: amount.quantity,
      unit: amount.unit?.name ?? null,
      grams: portion.grams,
      portion: { basis: portion.basis, description: portion.description },
      assumptions: [...amount.assumptions, ...portion.assumptions],
      nutrients: scaleNutrients(food.per100g, portion.grams),
      source: USDA_SR28_SOURCE,
      alternatives: found.alternatives.map((match) => reference(match.food)),
    };
  }
}

/** A parser over any food search (tests pass a small table); no I/O, no clock, no randomness. */
export function createFoodTextParser(
  search: FoodSearch,
  options: FoodTextParserOptions = {},
): FoodTextParser {
  return new SearchingFoodTextParser(search, options);
}

let shipped: FoodTextParser | undefined;

/** Parses food text against the shipped USDA SR28 table. */
export function parseFoodText(text: string): ParsedFoodText {
  shipped ??= createFoodTextParser(getUsdaSr28FoodSearch());
  return shipped.parse(text);
}
