import {
  MAX_ITEM_GRAMS,
  MAX_ITEMS,
  MAX_QUERY_LENGTH,
  MAX_SEARCH_LIMIT,
  MAX_TEXT_LENGTH,
  mainNutrientKeys,
  meals,
  type Services,
} from '@health-agent/core';
import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { activityOutcomeSchema, userIdParam } from './schemas.js';

const meal = z.enum(meals);
const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const nutrientValues = z
  .record(z.string(), z.number().nullable())
  .describe(
    'Per nutrient key (kcal, proteinG, fatG, carbsG, fiberG, sugarG, sodiumMg, ...); null = unknown, not 0',
  );
const mainNutrients = z.object(Object.fromEntries(mainNutrientKeys.map((key) => [key, z.number()])));

const foodEntryItemSchema = z.object({
  text: z.string().describe('The phrase the item was read from, or the barcode'),
  foodId: z.string(),
  foodName: z.string(),
  source: z.string().describe("Where the numbers come from: 'usda-sr28', 'usda-fdc' or 'open-food-facts'"),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
  grams: z.number(),
  portion: z.string().nullable().describe("What one unit was taken to be, e.g. '1 large = 50 g'"),
  assumptions: z.array(z.string()).describe('Defaults and conventions used to get the grams'),
  per100g: nutrientValues,
  nutrients: nutrientValues,
});

const foodEntrySchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  status: z.enum(['draft', 'confirmed']),
  meal: meal.nullable(),
  description: z.string(),
  source: z.enum(['text', 'photo', 'barcode', 'manual', 'agent']),
  items: z.array(foodEntryItemSchema),
  totals: mainNutrients,
  incompleteNutrients: z
    .array(z.string())
    .describe('Nutrients some item has no value for: their total is a lower bound'),
  eatenAt: instant,
  localDay: day.describe("The user's local day the entry counts for"),
  confirmedAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
  draftExpiresAt: instant
    .nullable()
    .describe('When a draft can no longer be confirmed (24 h after it was made)'),
});

const unmatchedSchema = z.object({
  text: z.string(),
  reason: z.enum([
    'food_not_found',
    'no_portion',
    'invalid_quantity',
    'implausible_amount',
    'barcode_not_found',
    'barcode_lookup_unavailable',
    'no_nutrition_data',
  ]),
  message: z.string(),
  candidate: z.object({ foodId: z.string(), foodName: z.string() }).optional(),
});

const draftResultSchema = z.object({
  status: z.enum(['drafted', 'nothing_matched']),
  entry: foodEntrySchema.nullable(),
  unmatched: z
    .array(unmatchedSchema)
    .describe('Text to correct; never saved and never given invented numbers'),
});

const goalsSchema = z.object({
  kcal: z.number().nullable(),
  proteinG: z.number().nullable(),
  carbsG: z.number().nullable(),
  fatG: z.number().nullable(),
});
const goalProgressSchema = z.object({
  goal: z.number(),
  consumed: z.number(),
  remaining: z.number(),
  percent: z.number(),
});
const mealSummarySchema = z.object({ entryCount: z.number(), totals: mainNutrients });
const averageSchema = z.object({ dayCount: z.number(), totals: mainNutrients.nullable() });

const foodSchema = z.object({
  id: z.string(),
  source: z.string(),
  name: z.string(),
  group: z.string().nullable(),
  per100g: nutrientValues,
  portions: z.array(z.object({ amount: z.number(), description: z.string(), grams: z.number() })),
});

const when = {
  meal: meal.optional().describe('Inferred from the local time when not given'),
  eatenAt: instant.optional().describe('Default now; not in the future'),
};
const grams = z.number().positive().max(MAX_ITEM_GRAMS);
const entryParams = userIdParam.extend({ entryId: z.uuid() });

/** Food logging without an LLM: drafts from text or barcode, confirm, edit, delete, summaries, food search. */
export function registerFoodRoutes(api: ApiRouter, { food, nutritionLookup }: Services): void {
  api.define({
    method: 'post',
    path: '/v1/users/:userId/food-entries/drafts',
    summary: 'Read food text ("2 large eggs and 1 cup of cooked rice") into a draft entry',
    tags: ['food'],
    params: userIdParam,
    body: z.strictObject({ text: z.string().min(1).max(MAX_TEXT_LENGTH), ...when }),
    responses: {
      201: {
        description: 'A draft of what matched; unmatched text comes back to correct',
        schema: draftResultSchema,
      },
      200: { description: 'Nothing matched: no draft was made', schema: draftResultSchema },
    },
    handler: async ({ userId, body }) => {
      const { text, ...options } = body;
      const result = await food.draftFromText(userId, text, options);
      return { status: result.status === 'drafted' ? 201 : 200, body: result };
    },
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/food-entries/drafts/barcode',
    summary: 'Draft an entry of `grams` of a packaged product by barcode (Open Food Facts)',
    tags: ['food'],
    params: userIdParam,
    body: z.strictObject({ barcode: z.string().min(1).max(32), grams, ...when }),
    responses: {
      201: { description: 'A draft of the product', schema: draftResultSchema },
      200: {
        description: 'Unknown barcode, lookup unavailable, or no energy value: no draft',
        schema: draftResultSchema,
      },
    },
    handler: async ({ userId, body }) => {
      const { barcode, grams: amount, ...options } = body;
      const result = await food.draftFromBarcode(userId, barcode, amount, options);
      return { status: result.status === 'drafted' ? 201 : 200, body: result };
    },
  });

  api.define({
    method: 'delete',
    path: '/v1/users/:userId/food-entries/drafts/:entryId',
    summary: 'Discard a draft (a confirmed entry is deleted instead)',
    tags: ['food'],
    params: entryParams,
    responses: { 204: { description: 'Discarded' } },
    handler: async ({ userId, params }) => {
      await food.discardDraft(userId, params.entryId);
      return { status: 204 };
    },
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/food-entries/:entryId/confirm',
    summary:
      'Confirm a draft (within 24 h): it counts in summaries and earns XP; confirming twice changes nothing',
    tags: ['food'],
    params: entryParams,
    responses: {
      200: {
        description: 'The confirmed entry; activity is null when it was already confirmed',
        schema: z.object({
          entry: foodEntrySchema,
          newlyConfirmed: z.boolean(),
          activity: activityOutcomeSchema.nullable(),
        }),
      },
      409: { description: 'The draft is more than 24 h old' },
    },
    handler: async ({ userId, params }) => ({ body: await food.confirm(userId, params.entryId) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/food-entries/:entryId',
    summary: 'One food entry',
    tags: ['food'],
    params: entryParams,
    responses: { 200: { description: 'The entry', schema: foodEntrySchema } },
    handler: async ({ userId, params }) => ({ body: await food.getEntry(userId, params.entryId) }),
  });

  api.define({
    method: 'patch',
    path: '/v1/users/:userId/food-entries/:entryId',
    summary:
      'Edit an entry: new text, or item grams / removals by index, and/or meal and time; totals are recomputed',
    tags: ['food'],
    params: entryParams,
    body: z.strictObject({
      text: z.string().min(1).max(MAX_TEXT_LENGTH).optional(),
      items: z
        .array(
          z.strictObject({
            index: z
              .number()
              .int()
              .min(0)
              .max(MAX_ITEMS - 1),
            grams: grams.optional(),
            remove: z.literal(true).optional(),
          }),
        )
        .min(1)
        .max(MAX_ITEMS)
        .optional()
        .describe('Each change gives either grams or remove: true'),
      ...when,
    }),
    responses: {
      200: {
        description: 'The entry after the edit, and text that could not be read',
        schema: z.object({ entry: foodEntrySchema, unmatched: z.array(unmatchedSchema) }),
      },
      409: { description: 'The draft is more than 24 h old' },
    },
    handler: async ({ userId, params, body }) => ({
      body: await food.editEntry(userId, params.entryId, body),
    }),
  });

  api.define({
    method: 'delete',
    path: '/v1/users/:userId/food-entries/:entryId',
    summary: 'Delete a food entry (draft or confirmed)',
    tags: ['food'],
    params: entryParams,
    responses: { 204: { description: 'Deleted' } },
    handler: async ({ userId, params }) => {
      await food.deleteEntry(userId, params.entryId);
      return { status: 204 };
    },
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/food-entries',
    summary:
      'Entries eaten on local days from..to (default today; at most 366 days), confirmed unless status says otherwise',
    tags: ['food'],
    params: userIdParam,
    query: z.strictObject({
      from: day.optional(),
      to: day.optional(),
      status: z.enum(['confirmed', 'draft', 'all']).optional(),
    }),
    responses: {
      200: {
        description: 'Entries, in the order eaten',
        schema: z.object({ entries: z.array(foodEntrySchema) }),
      },
    },
    handler: async ({ userId, query }) => ({ body: { entries: await food.listEntries(userId, query) } }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/summaries/daily',
    summary: "The user's local day (default today in their zone): totals against goals, per meal, entries",
    tags: ['food', 'summaries'],
    params: userIdParam,
    query: z.strictObject({ day: day.optional() }),
    responses: {
      200: {
        description: 'The day; goals the user has not set are null and not compared',
        schema: z.object({
          userId: z.uuid(),
          day,
          timezone: z.string(),
          dayStartHour: z.number(),
          start: instant,
          end: instant,
          entryCount: z.number(),
          totals: mainNutrients,
          goals: goalsSchema,
          progress: z.record(z.string(), goalProgressSchema),
          remainingKcal: z.number().nullable(),
          meals: z.object(Object.fromEntries(meals.map((name) => [name, mealSummarySchema]))),
          entries: z.array(foodEntrySchema),
        }),
      },
    },
    handler: async ({ userId, query }) => ({ body: await food.dailySummary(userId, query.day) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/summaries/weekly',
    summary: 'The 7 local days ending on endDay (default today): per-day totals and averages',
    tags: ['food', 'summaries'],
    params: userIdParam,
    query: z.strictObject({ endDay: day.optional() }),
    responses: {
      200: {
        description: 'Per day, the week, and averages over logged days and over all 7 days',
        schema: z.object({
          userId: z.uuid(),
          startDay: day,
          endDay: day,
          timezone: z.string(),
          dayStartHour: z.number(),
          days: z.array(z.object({ day, entryCount: z.number(), totals: mainNutrients })),
          totals: mainNutrients,
          goals: goalsSchema,
          averages: z.object({ overLoggedDays: averageSchema, overAllDays: averageSchema }),
          daysWithinKcalGoal: z.number().nullable(),
        }),
      },
    },
    handler: async ({ userId, query }) => ({ body: await food.weeklySummary(userId, query.endDay) }),
  });

  api.define({
    method: 'get',
    path: '/v1/foods/search',
    summary: 'Search foods by name: USDA FoodData Central when configured, else the offline USDA SR28 table',
    tags: ['food'],
    query: z.strictObject({
      q: z.string().min(1).max(MAX_QUERY_LENGTH),
      limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
    }),
    responses: {
      200: {
        description: 'Best match first, nutrients per 100 g; each food names its source',
        schema: z.object({
          query: z.string(),
          foods: z.array(foodSchema),
          cached: z.boolean(),
          degraded: z.boolean().describe('An online provider failed and the offline table answered'),
        }),
      },
    },
    handler: async ({ query }) => ({
      body: await nutritionLookup.lookupByName(
        query.q,
        query.limit === undefined ? {} : { limit: query.limit },
      ),
    }),
  });

  api.define({
    method: 'get',
    path: '/v1/foods/barcode/:barcode',
    summary: 'A packaged product by barcode (Open Food Facts), nutrients per 100 g',
    tags: ['food'],
    params: z.object({ barcode: z.string().min(1).max(32) }),
    responses: {
      200: {
        description: "status 'found' with the food, or 'not_found' / 'unavailable' with food null",
        schema: z.object({
          barcode: z.string(),
          status: z.enum(['found', 'not_found', 'unavailable']),
          food: foodSchema.nullable(),
          cached: z.boolean(),
        }),
      },
    },
    handler: async ({ params }) => ({ body: await nutritionLookup.lookupByBarcode(params.barcode) }),
  });
}
