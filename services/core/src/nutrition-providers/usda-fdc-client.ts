import { z } from 'zod';
import { DependencyUnavailableError } from '../errors/index.js';
import type { FoodNutrition } from '../nutrition/index.js';
import { fdcNutrientsPer100g } from './fdc-nutrients.js';
import { type FetchFunction, fetchJson } from './fetch-json.js';

export const USDA_FDC_SOURCE = 'usda-fdc';

export interface UsdaFdcClientOptions {
  /** e.g. https://api.nal.usda.gov; the path /fdc/v1/... is added. */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  fetch: FetchFunction;
}

export interface UsdaFdcClient {
  /** Foods matching the query, best first, nutrients per 100 g; throws DependencyUnavailableError on failure. */
  search(query: string, limit: number): Promise<FoodNutrition[]>;
}

const searchFoodSchema = z.looseObject({
  fdcId: z.union([z.number(), z.string()]),
  description: z.string().min(1),
  dataType: z.string().optional(),
  brandOwner: z.string().nullish(),
  brandName: z.string().nullish(),
  foodCategory: z.string().nullish(),
  servingSize: z.number().nullish(),
  servingSizeUnit: z.string().nullish(),
  householdServingFullText: z.string().nullish(),
  foodNutrients: z
    .array(
      z.looseObject({
        nutrientNumber: z.union([z.string(), z.number()]).optional(),
        unitName: z.string().optional(),
        value: z.number().optional(),
      }),
    )
    .default([]),
});

const searchResponseSchema = z.looseObject({ foods: z.array(z.unknown()) });

type SearchFood = z.infer<typeof searchFoodSchema>;

function nameOf(food: SearchFood): string {
  const brand = food.brandName ?? food.brandOwner;
  // Control characters (U+0000 above all) cannot be stored in PostgreSQL text or jsonb.
  return (brand ? `${food.description} (${brand})` : food.description)
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A branded food's label serving, when it is given in grams: the only portion a search result carries. */
function portionsOf(food: SearchFood): FoodNutrition['portions'] {
  const grams = food.servingSize;
  const unit = food.servingSizeUnit?.trim().toLowerCase();
  if (!grams || grams <= 0 || (unit !== 'g' && unit !== 'grm')) return [];
  return [{ amount: 1, description: food.householdServingFullText?.trim() || 'serving', grams }];
}

function toFoodNutrition(food: SearchFood): FoodNutrition {
  return {
    id: String(food.fdcId),
    source: USDA_FDC_SOURCE,
    name: nameOf(food),
    group: food.foodCategory ?? null,
    per100g: fdcNutrientsPer100g(
      food.foodNutrients.map((nutrient) => ({
        nutrientNumber: nutrient.nutrientNumber === undefined ? undefined : String(nutrient.nutrientNumber),
        unitName: nutrient.unitName,
        value: nutrient.value,
      })),
    ),
    portions: portionsOf(food),
  };
}

function searchUrl(baseUrl: string, query: string, apiKey: string, limit: number): string {
  // Appended rather than resolved, so a base URL with a path (a proxy) keeps it.
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/fdc/v1/foods/search`);
  url.searchParams.set('query', query);
  url.searchParams.set('pageSize', String(limit));
  url.searchParams.set('api_key', apiKey);
  return url.toString();
}

/** USDA FoodData Central's food search. Foods it lists without a usable shape are skipped, not guessed at. */
export function createUsdaFdcClient(options: UsdaFdcClientOptions): UsdaFdcClient {
  return {
    async search(query: string, limit: number): Promise<FoodNutrition[]> {
      const { body } = await fetchJson(options.fetch, {
        provider: USDA_FDC_SOURCE,
        url: searchUrl(options.baseUrl, query, options.apiKey, limit),
        timeoutMs: options.timeoutMs,
      });
      const parsed = searchResponseSchema.safeParse(body);
      if (!parsed.success) {
        throw new DependencyUnavailableError(`${USDA_FDC_SOURCE} answered in an unexpected shape`, {
          provider: USDA_FDC_SOURCE,
          reason: 'unexpected_shape',
        });
      }
      const foods: FoodNutrition[] = [];
      for (const candidate of parsed.data.foods) {
        const food = searchFoodSchema.safeParse(candidate);
        if (food.success) foods.push(toFoodNutrition(food.data));
        if (foods.length >= limit) break;
      }
      return foods;
    },
  };
}
