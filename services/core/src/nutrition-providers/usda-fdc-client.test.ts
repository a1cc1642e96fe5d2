import { DependencyUnavailableError } from '../errors/index.js';
import type { FetchFunction } from './fetch-json.js';
import { createUsdaFdcClient } from './usda-fdc-client.js';

function clientAnswering(body: unknown, urls: string[] = []) {
  const fetchFn: FetchFunction = async (url) => {
    urls.push(url);
    return new Response(JSON.stringify(body), { status: 200 });
  };
  return createUsdaFdcClient({
    baseUrl: 'https://fdc.example/proxy/',
    apiKey: 'secret',
    timeoutMs: 1000,
    fetch: fetchFn,
  });
}

describe('USDA FoodData Central client', () => {
  it('when searching, then the query, page size and key go to /fdc/v1/foods/search under the base path', async () => {
    const urls: string[] = [];
    await clientAnswering({ foods: [] }, urls).search('greek yogurt', 3);

    const url = new URL(urls[0] ?? '');
    expect(url.pathname).toBe('/proxy/fdc/v1/foods/search');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      query: 'greek yogurt',
      pageSize: '3',
      api_key: 'secret',
    });
  });

  it('when a branded food has a gram serving, then the brand names it and the serving is its portion', async () => {
    const [food] = await clientAnswering({
      foods: [
        {
          fdcId: '555',
          description: 'PROTEIN BAR',
          brandName: 'QUEST',
          brandOwner: 'Quest Nutrition',
          foodCategory: 'Snacks',
          servingSize: 60,
          servingSizeUnit: 'GRM',
          householdServingFullText: '1 bar',
          foodNutrients: [{ nutrientNumber: 208, unitName: 'KCAL', value: 350 }],
        },
      ],
    }).search('quest bar', 5);

    expect(food).toMatchObject({
      id: '555',
      source: 'usda-fdc',
      name: 'PROTEIN BAR (QUEST)',
      group: 'Snacks',
      portions: [{ amount: 1, description: '1 bar', grams: 60 }],
    });
    expect(food?.per100g.kcal).toBe(350);
  });

  it('when the serving is in ml, missing or zero, then no portion is invented', async () => {
    const foods = await clientAnswering({
      foods: [
        { fdcId: 1, description: 'Juice', servingSize: 240, servingSizeUnit: 'ml' },
        { fdcId: 2, description: 'Bread', brandOwner: 'Bakery\u0000 Inc' },
        { fdcId: 3, description: 'Crackers', servingSize: 0, servingSizeUnit: 'g' },
        { fdcId: 4, description: 'Chips', servingSize: 28, servingSizeUnit: 'g' },
      ],
    }).search('x', 10);

    expect(foods.map((food) => food.portions)).toEqual([
      [],
      [],
      [],
      [{ amount: 1, description: 'serving', grams: 28 }],
    ]);
    expect(foods[1]?.name).toBe('Bread (Bakery Inc)');
    expect(foods[0]?.per100g.kcal).toBeNull();
  });

  it('when more foods come back than asked for, then only the limit is kept', async () => {
    const foods = await clientAnswering({
      foods: [1, 2, 3].map((fdcId) => ({ fdcId, description: `Food ${fdcId}`, foodNutrients: [] })),
    }).search('food', 2);

    expect(foods.map((food) => food.id)).toEqual(['1', '2']);
  });

  it('when the answer has no food list, then it is a dependency failure', async () => {
    await expect(clientAnswering({ totalHits: 0 }).search('x', 5)).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    await expect(clientAnswering(null).search('x', 5)).rejects.toBeInstanceOf(DependencyUnavailableError);
  });
});
