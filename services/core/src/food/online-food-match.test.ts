import { ValidationError } from '../errors/index.js';
import type { FoodNutrition, UnmatchedFoodText } from '../nutrition/index.js';
import type { FoodNameLookup, NutritionLookupService } from '../nutrition-providers/index.js';
import { matchOnline } from './online-food-match.js';

function food(overrides: Partial<FoodNutrition> = {}): FoodNutrition {
  return {
    id: '12345',
    source: 'usda-fdc',
    name: 'Quest protein bar, chocolate chip cookie dough',
    group: 'Snacks',
    per100g: { kcal: 350, proteinG: 35 } as FoodNutrition['per100g'],
    portions: [{ amount: 1, description: '1 bar', grams: 60 }],
    ...overrides,
  };
}

function lookupAnswering(foods: FoodNutrition[], queries: string[] = []): NutritionLookupService {
  return {
    lookupByName: async (query: string): Promise<FoodNameLookup> => {
      queries.push(query);
      return { query, foods, cached: false, degraded: false };
    },
    lookupByBarcode: async () => {
      throw new Error('not used');
    },
  };
}

const notFound = (text: string): UnmatchedFoodText => ({
  text,
  reason: 'food_not_found',
  message: 'no food',
});

describe('online match for phrases the offline table does not know', () => {
  it('when the phrase has grams and an online food names every word, then it becomes an item with that source', async () => {
    const queries: string[] = [];
    const item = await matchOnline(notFound('150 g quest bar'), lookupAnswering([food()], queries));

    expect(queries).toEqual(['quest bar']);
    expect(item).toMatchObject({
      text: '150 g quest bar',
      source: 'usda-fdc',
      foodId: '12345',
      grams: 150,
      unit: 'g',
    });
    expect(item?.nutrients.kcal).toBe(525);
    expect(item?.assumptions.join(' ')).toContain('matched online (usda-fdc)');
  });

  it('when the phrase is a bare count, then the food label serving gives the grams', async () => {
    const item = await matchOnline(notFound('2 quest bars'), lookupAnswering([food()]));

    expect(item).toMatchObject({ grams: 120, quantity: 2, unit: null, portion: '1 bar = 60 g' });
  });

  it('when the amount is 3 oz, then it is converted to grams', async () => {
    const item = await matchOnline(notFound('3 oz quest bar'), lookupAnswering([food()]));

    expect(item?.grams).toBe(85);
  });

  it.each([
    ['a volume unit', notFound('1 cup quest bar'), [food()]],
    ['another reason', { ...notFound('1000 quest bars'), reason: 'invalid_quantity' as const }, [food()]],
    ['no online food', notFound('150 g quest bar'), []],
    ['an offline answer', notFound('150 g quest bar'), [food({ source: 'usda-sr28' })]],
    [
      'a food without energy',
      notFound('150 g quest bar'),
      [food({ per100g: { kcal: null } as FoodNutrition['per100g'] })],
    ],
    ['a name missing a query word', notFound('150 g quest brownie'), [food()]],
    ['a count without a serving', notFound('2 quest bars'), [food({ portions: [] })]],
    ['absurd grams', notFound('6 kg quest bar'), [food()]],
  ])('when the phrase has %s, then it stays unmatched', async (_case, phrase, foods) => {
    expect(await matchOnline(phrase, lookupAnswering(foods))).toBeNull();
  });

  it('when the lookup refuses the query, then the phrase stays unmatched; other errors are not hidden', async () => {
    const refusing: NutritionLookupService = {
      lookupByName: async () => {
        throw new ValidationError('bad query');
      },
      lookupByBarcode: async () => {
        throw new Error('not used');
      },
    };
    expect(await matchOnline(notFound('150 g quest bar'), refusing)).toBeNull();

    const broken = { ...refusing, lookupByName: async () => Promise.reject(new Error('bug')) };
    await expect(matchOnline(notFound('150 g quest bar'), broken)).rejects.toThrow('bug');
  });
});
