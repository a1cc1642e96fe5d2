import { z } from 'zod';
import { DependencyUnavailableError } from '../errors/index.js';
import {
  type FoodNutrition,
  NUTRIENT_KEYS,
  type NutrientKey,
  type NutrientValues,
} from '../nutrition/index.js';
import { type FetchFunction, fetchJson } from './fetch-json.js';

export const OPEN_FOOD_FACTS_SOURCE = 'open-food-facts';

export interface OpenFoodFactsClientOptions {
  /** e.g. https://world.openfoodfacts.org; the path /api/v2/... is added. */
  baseUrl: string;
  timeoutMs: number;
  fetch: FetchFunction;
  /** Open Food Facts asks every client to name itself. */
  userAgent: string;
}

export interface OpenFoodFactsClient {
  /** The product, null when Open Food Facts does not know the barcode; throws DependencyUnavailableError on failure. */
  product(barcode: string): Promise<FoodNutrition | null>;
}

/** Open Food Facts field (per 100 g) → our key, with the factor from its unit (grams) to ours. */
const NUTRIMENTS: ReadonlyArray<readonly [string, NutrientKey, number]> = [
  ['energy-kcal_100g', 'kcal', 1],
  ['proteins_100g', 'proteinG', 1],
  ['fat_100g', 'fatG', 1],
  ['carbohydrates_100g', 'carbsG', 1],
  ['fiber_100g', 'fiberG', 1],
  ['sugars_100g', 'sugarG', 1],
  ['sodium_100g', 'sodiumMg', 1000],
  ['saturated-fat_100g', 'saturatedFatG', 1],
  ['monounsaturated-fat_100g', 'monounsaturatedFatG', 1],
  ['polyunsaturated-fat_100g', 'polyunsaturatedFatG', 1],
  ['cholesterol_100g', 'cholesterolMg', 1000],
  ['calcium_100g', 'calciumMg', 1000],
  ['iron_100g', 'ironMg', 1000],
  ['magnesium_100g', 'magnesiumMg', 1000],
  ['phosphorus_100g', 'phosphorusMg', 1000],
  ['potassium_100g', 'potassiumMg', 1000],
  ['zinc_100g', 'zincMg', 1000],
  ['vitamin-c_100g', 'vitaminCMg', 1000],
];
/** Open Food Facts' plain energy field is in kJ. */
const ENERGY_KJ_FIELD = 'energy_100g';
const KJ_PER_KCAL = 4.184;

/** Open Food Facts writes numbers as numbers or as strings; anything else is no value. */
const looseNumber = z.union([z.number(), z.string()]).transform((value) => {
  const number = typeof value === 'number' ? value : Number(value.trim().replace(',', '.'));
  return value === '' || !Number.isFinite(number) || number < 0 ? null : number;
});

const productSchema = z.looseObject({
  product_name: z.string().nullish(),
  product_name_en: z.string().nullish(),
  generic_name: z.string().nullish(),
  brands: z.string().nullish(),
  serving_size: z.string().nullish(),
  serving_quantity: looseNumber.nullish().catch(null),
  serving_quantity_unit: z.string().nullish(),
  nutriments: z.record(z.string(), z.unknown()).nullish(),
});

const answerSchema = z.looseObject({
  status: z.union([z.number(), z.string()]).optional(),
  product: z.unknown().optional(),
});

type Product = z.infer<typeof productSchema>;

function readNumber(nutriments: Record<string, unknown>, field: string): number | null {
  const parsed = looseNumber.safeParse(nutriments[field]);
  return parsed.success ? parsed.data : null;
}

function round(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(4));
}

/** Per-100 g values in our keys and units; what the product page lacks stays null, never 0. */
export function openFoodFactsNutrients(nutriments: Record<string, unknown>): NutrientValues {
  const per100g = {} as NutrientValues;
  for (const key of NUTRIENT_KEYS) per100g[key] = null;
  for (const [field, key, factor] of NUTRIMENTS) {
    const value = readNumber(nutriments, field);
    per100g[key] = value === null ? null : round(value * factor);
  }
  if (per100g.kcal === null) {
    const kj = readNumber(nutriments, ENERGY_KJ_FIELD);
    per100g.kcal = kj === null ? null : round(kj / KJ_PER_KCAL);
  }
  return per100g;
}

function nameOf(product: Product, barcode: string): string {
  const name =
    [product.product_name, product.product_name_en, product.generic_name]
      .map((candidate) => candidate?.trim())
      .find((candidate) => candidate) ?? `Product ${barcode}`;
  const brand = product.brands?.split(',')[0]?.trim();
  return withoutControlCharacters(brand ? `${name} (${brand})` : name);
}

/** Crowd-sourced text may hold control characters, which PostgreSQL text and jsonb refuse (U+0000). */
function withoutControlCharacters(text: string): string {
  return text
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function portionsOf(product: Product): FoodNutrition['portions'] {
  const grams = product.serving_quantity;
  const unit = product.serving_quantity_unit?.trim().toLowerCase();
  if (!grams || (unit && unit !== 'g')) return [];
  return [
    { amount: 1, description: withoutControlCharacters(product.serving_size ?? '') || 'serving', grams },
  ];
}

/** Builds the food from an Open Food Facts v2 product answer; null when it says the product is unknown. */
export function openFoodFactsProduct(body: unknown, barcode: string): FoodNutrition | null {
  const answer = answerSchema.safeParse(body);
  if (!answer.success) {
    throw new DependencyUnavailableError(`${OPEN_FOOD_FACTS_SOURCE} answered in an unexpected shape`, {
      provider: OPEN_FOOD_FACTS_SOURCE,
      reason: 'unexpected_shape',
    });
  }
  if (Number(answer.data.status) !== 1 || answer.data.product === undefined) return null;
  const product = productSchema.safeParse(answer.data.product);
  if (!product.success) {
    throw new DependencyUnavailableError(`${OPEN_FOOD_FACTS_SOURCE} answered with a malformed product`, {
      provider: OPEN_FOOD_FACTS_SOURCE,
      reason: 'unexpected_shape',
    });
  }
  return {
    id: barcode,
    source: OPEN_FOOD_FACTS_SOURCE,
    name: nameOf(product.data, barcode),
    group: null,
    per100g: openFoodFactsNutrients(product.data.nutriments ?? {}),
    portions: portionsOf(product.data),
  };
}

const PRODUCT_FIELDS =
  'code,product_name,product_name_en,generic_name,brands,serving_size,serving_quantity,serving_quantity_unit,nutriments';

/** Open Food Facts' product by barcode (API v2). */
export function createOpenFoodFactsClient(options: OpenFoodFactsClientOptions): OpenFoodFactsClient {
  return {
    async product(barcode: string): Promise<FoodNutrition | null> {
      const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}/api/v2/product/${barcode}.json`);
      url.searchParams.set('fields', PRODUCT_FIELDS);
      const { status, body } = await fetchJson(options.fetch, {
        provider: OPEN_FOOD_FACTS_SOURCE,
        url: url.toString(),
        timeoutMs: options.timeoutMs,
        headers: { 'user-agent': options.userAgent },
        // v2 answers an unknown barcode with 404 and a JSON body saying so.
        acceptStatuses: [404],
      });
      if (status === 404) return null;
      return openFoodFactsProduct(body, barcode);
    },
  };
}
