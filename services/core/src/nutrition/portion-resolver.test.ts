import { unitByName } from './measure-units.js';
import { NUTRIENT_KEYS, type NutrientValues } from './nutrients.js';
import { type PortionRequest, resolvePortion } from './portion-resolver.js';
import type { FoodRecord, Portion } from './usda-table.js';

const NO_NUTRIENTS = Object.fromEntries(NUTRIENT_KEYS.map((key) => [key, null])) as NutrientValues;

function food(name: string, portions: [number, string, number][], groupCode = '0900'): FoodRecord {
  return {
    id: '99999',
    name,
    shortName: name,
    commonNames: [],
    manufacturer: null,
    groupCode,
    group: 'test',
    per100g: NO_NUTRIENTS,
    portions: portions.map(([amount, description, grams]): Portion => ({ amount, description, grams })),
  };
}

function request(
  target: FoodRecord,
  quantity: number,
  unit: string | null,
  extra: Partial<PortionRequest> = {},
) {
  const measure = unit === null ? null : (unitByName(unit) ?? null);
  if (unit !== null && !measure) throw new Error(`unknown unit ${unit}`);
  return resolvePortion({ food: target, quantity, unit: measure, queryWords: [], ...extra });
}

const banana = food('Bananas, raw', [
  [1, 'cup, mashed', 225],
  [1, 'cup, sliced', 150],
  [1, 'small (6" to 6-7/8" long)', 101],
  [1, 'medium (7" to 7-7/8" long)', 118],
  [1, 'large (8" to 8-7/8" long)', 136],
]);

describe('resolvePortion', () => {
  it('when the unit is a mass, then grams follow from the unit alone', () => {
    expect(request(banana, 3, 'oz')).toEqual({
      grams: 85,
      basis: 'mass',
      description: '1 oz = 28.3495 g',
      assumptions: [],
    });
    expect(request(banana, 1.5, 'kg')).toMatchObject({ grams: 1500, basis: 'mass' });
  });

  it('when SR28 lists the volume unit for the food, then its gram weight is used, qualifiers matching the text', () => {
    expect(request(banana, 2, 'cup')).toMatchObject({ grams: 450, basis: 'household-measure' });
    expect(request(banana, 1, 'cup', { queryWords: ['sliced', 'banana'] })).toMatchObject({
      grams: 150,
      description: '1 cup, sliced = 150 g',
    });
  });

  it('when SR28 lists another volume measure, then the volume is converted through the food density', () => {
    const milk = food('Milk, whole', [[1, 'cup', 244]], '0100');
    const portion = request(milk, 200, 'ml');
    expect(portion).toMatchObject({ grams: 206.3, basis: 'volume-conversion', assumptions: [] });
    expect(portion).toHaveProperty('description', '1 cup = 244 g (1.03 g/ml)');
  });

  it('when the unit is a glass, then the 250 ml convention is stated', () => {
    const milk = food('Milk, whole', [[1, 'cup', 244]], '0100');
    expect(request(milk, 1, 'glass')).toMatchObject({
      grams: 257.8,
      assumptions: ['a glass is taken as 250 ml'],
    });
  });

  it('when SR28 has no volume measure at all, then 1 g/ml is assumed and said so', () => {
    const portion = request(food('Fish, cod', [[3, 'oz', 85]]), 1, 'cup');
    expect(portion).toMatchObject({ grams: 236.6, basis: 'assumed-density' });
    expect(portion).toHaveProperty('assumptions', [expect.stringContaining('assumed 1 g/ml')]);
  });

  it('when a size is given, then the SR28 measure of that size is used', () => {
    expect(request(banana, 2, 'large')).toMatchObject({ grams: 272, basis: 'household-measure' });
    const potato = food('Potatoes, baked', [
      [1, 'potato large', 299],
      [1, 'potato medium', 173],
    ]);
    expect(request(potato, 1, 'medium')).toMatchObject({ grams: 173, basis: 'household-measure' });
  });

  it('when a size SR28 does not list is given, then the default piece is used and said so', () => {
    const portion = request(banana, 1, 'jumbo');
    expect(portion).toMatchObject({ grams: 118, basis: 'default-portion' });
    expect(portion).toHaveProperty('assumptions', [
      expect.stringContaining('"jumbo" read as SR28\'s "medium'),
    ]);
  });

  it('when a household word SR28 lists is given, then its weight is used, amounts other than 1 divided out', () => {
    const chicken = food('Chicken, breast, roasted', [[0.5, 'breast, bone and skin removed', 86]], '0500');
    expect(request(chicken, 1, null, { queryWords: ['chicken', 'breast'] })).toMatchObject({ grams: 172 });
    const bread = food('Bread, white', [
      [1, 'slice', 29],
      [1, 'slice, large', 30],
    ]);
    expect(request(bread, 2, 'slice')).toMatchObject({ grams: 58, basis: 'household-measure' });
    expect(request(bread, 1, 'slice', { queryWords: ['large'] })).toMatchObject({ grams: 30 });
  });

  it('when a household word SR28 does not list is given, then there is no portion rather than a guess', () => {
    const failure = request(banana, 1, 'can');
    expect(failure).toEqual({
      reason: 'no_portion',
      message: 'SR28 has no weight for a "can" of "Bananas, raw": give the amount in g, ml or cups',
    });
  });

  it('when "piece" or "serving" has no SR28 measure, then the default piece is used', () => {
    expect(request(banana, 2, 'piece')).toMatchObject({ grams: 236, basis: 'default-portion' });
  });

  describe('a bare count', () => {
    it('when the preferred table names a default portion, then it wins over medium', () => {
      const egg = food('Egg, whole, raw', [
        [1, 'large', 50],
        [1, 'medium', 44],
      ]);
      expect(request(egg, 2, null)).toMatchObject({ grams: 88 });
      expect(request(egg, 2, null, { defaultPortion: 'large' })).toMatchObject({
        grams: 100,
        basis: 'default-portion',
      });
    });

    it('when the food has a medium piece, then a count means medium pieces', () => {
      const portion = request(banana, 1, null);
      expect(portion).toMatchObject({ grams: 118, description: '1 medium (7" to 7-7/8" long) = 118 g' });
      expect(portion).toHaveProperty('assumptions', [
        'a count without unit read as SR28\'s "medium (7" to 7-7/8" long)" (118 g each)',
      ]);
    });

    it('when a measure is named after the food, then it is the piece', () => {
      const avocado = food('Avocados, raw', [
        [1, 'cup, cubes', 150],
        [1, 'avocado, NS as to Florida or California', 201],
      ]);
      expect(request(avocado, 0.5, null, { queryWords: ['avocado'] })).toMatchObject({ grams: 100.5 });
    });

    it('when only generic counts exist, then the first in the usual order is used', () => {
      const orange = food('Oranges, raw', [
        [1, 'large (3-1/16" dia)', 184],
        [1, 'fruit (2-5/8" dia)', 131],
      ]);
      expect(request(orange, 1, null)).toMatchObject({ grams: 131 });
    });

    it('when a drink has no piece, then a count means cups', () => {
      const coffee = food(
        'Beverages, coffee, brewed',
        [
          [1, 'fl oz', 29.6],
          [1, 'cup (8 fl oz)', 237],
        ],
        '1400',
      );
      expect(request(coffee, 2, null)).toMatchObject({ grams: 474, basis: 'default-portion' });
    });

    it('when a food has no piece at all, then there is no portion rather than a guess', () => {
      const milk = food('Milk, whole', [[1, 'cup', 244]], '0100');
      expect(request(milk, 1, null)).toEqual({
        reason: 'no_portion',
        message: 'SR28 has no weight for one piece of "Milk, whole": give the amount in g, ml or cups',
      });
      expect(request(food('Salt', []), 1, null)).toHaveProperty('reason', 'no_portion');
    });
  });
});
