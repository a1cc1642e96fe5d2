import { createOfflineNutritionProvider } from './offline-nutrition-provider.js';
import { decodeCompactTable } from './usda-table.js';

describe('offline nutrition provider over the shipped table', () => {
  const provider = createOfflineNutritionProvider();

  it('when a query is looked up, then the best SR28 food comes first with nutrients per 100 g and portions', async () => {
    const lookup = await provider.lookup('banana');
    expect(provider.name).toBe('usda-sr28-offline');
    expect(lookup.query).toBe('banana');
    expect(lookup.source).toBe('usda-sr28');
    expect(lookup.foods).toHaveLength(5);
    expect(lookup.foods[0]).toMatchObject({
      id: '09040',
      source: 'usda-sr28',
      name: 'Bananas, raw',
      group: 'Fruits and Fruit Juices',
    });
    expect(lookup.foods[0]?.per100g.kcal).toBe(89);
    expect(lookup.foods[0]?.portions).toContainEqual({
      amount: 1,
      description: 'medium (7" to 7-7/8" long)',
      grams: 118,
    });
  });

  it('when a limit is given, then at most that many foods come back (at least one)', async () => {
    expect((await provider.lookup('cheese', { limit: 2 })).foods).toHaveLength(2);
    expect((await provider.lookup('cheese', { limit: 0 })).foods).toHaveLength(1);
  });

  it('when nothing matches, then the lookup is empty rather than an error', async () => {
    expect(await provider.lookup('xyzzy')).toEqual({ query: 'xyzzy', source: 'usda-sr28', foods: [] });
  });

  it('when a food is fetched by NDB number, with or without leading zeros, then it is returned', async () => {
    expect((await provider.getById('01123'))?.name).toBe('Egg, whole, raw, fresh');
    expect((await provider.getById(' 1123 '))?.id).toBe('01123');
  });

  it('when the id is unknown or not an NDB number, then the result is null', async () => {
    expect(await provider.getById('99998')).toBeNull();
    expect(await provider.getById('egg')).toBeNull();
    expect(await provider.getById('123456')).toBeNull();
    expect(await provider.getById('')).toBeNull();
  });

  it('when a returned food is changed by the caller, then the table is not', async () => {
    const egg = await provider.getById('01123');
    if (egg) {
      egg.per100g.kcal = 0;
      egg.portions.length = 0;
    }
    const again = await provider.getById('01123');
    expect(again?.per100g.kcal).toBe(143);
    expect(again?.portions.length).toBeGreaterThan(0);
  });
});

describe('offline nutrition provider over a given table', () => {
  it('when a table is passed, then lookups and ids use it', async () => {
    const table = decodeCompactTable({
      format: 1,
      source: 'usda-sr28',
      release: 'test',
      nutrients: [
        ['kcal', 'kcal'],
        ['proteinG', 'g'],
        ['fatG', 'g'],
        ['carbsG', 'g'],
      ],
      groups: [['0900', 'Fruits and Fruit Juices']],
      foods: [
        ['90001', '0900', 'Quince, raw', 'QUINCE,RAW', '', '', [57, 0.4, 0.1, 15.3], [[1, 'fruit', 92]]],
      ],
    });
    const provider = createOfflineNutritionProvider(table);
    expect((await provider.lookup('quinces')).foods.map((food) => food.id)).toEqual(['90001']);
    expect((await provider.getById('90001'))?.per100g.kcal).toBe(57);
    expect(await provider.getById('01123')).toBeNull();
  });
});
