import { type FoodNutrition, parseFoodText } from '../nutrition/index.js';
import {
  addTotals,
  divideTotals,
  emptyTotals,
  entryTotals,
  itemFromFood,
  itemFromParsed,
  totalGrams,
  withGrams,
} from './food-entry-items.js';

const nutella: FoodNutrition = {
  id: '3017620422003',
  source: 'open-food-facts',
  name: 'Nutella (Ferrero)',
  group: null,
  per100g: { ...parseFoodText('100 g banana').items[0]!.nutrients, kcal: 539, sugarG: 56.3, sodiumMg: null },
  portions: [],
};

describe('food entry items', () => {
  it('when a parsed item is kept, then its grams, nutrients, portion and source are kept with the per-100 g values', () => {
    const parsed = parseFoodText('2 large eggs').items[0]!;
    const per100g = { ...parsed.nutrients, kcal: 143 };
    const item = itemFromParsed(parsed, per100g);

    expect(item).toMatchObject({
      foodId: '01123',
      source: 'usda-sr28',
      quantity: 2,
      unit: 'large',
      grams: 100,
      portion: parsed.portion.description,
    });
    expect(item.nutrients.kcal).toBe(143);
    expect(item.per100g.kcal).toBe(143);
  });

  it('when a provider food is given grams, then nutrients are scaled from its per-100 g values and its source is kept', () => {
    const item = itemFromFood(nutella, {
      text: '3017620422003',
      grams: 15,
      quantity: 15,
      unit: 'g',
      portion: null,
      assumptions: [],
    });

    expect(item).toMatchObject({ foodId: '3017620422003', source: 'open-food-facts', grams: 15 });
    expect(item.nutrients.kcal).toBe(80.85);
    expect(item.nutrients.sodiumMg).toBeNull();
  });

  it('when the grams of an item change, then its nutrients are rescaled and the amount reads in grams', () => {
    const item = itemFromParsed(parseFoodText('1 cup of cooked rice').items[0]!, {
      ...parseFoodText('100 g cooked rice').items[0]!.nutrients,
    });
    const changed = withGrams(item, 79);

    expect(changed).toMatchObject({ grams: 79, quantity: 79, unit: 'g', portion: null, assumptions: [] });
    expect(changed.nutrients.kcal).toBeCloseTo(item.nutrients.kcal! / 2, 0);
  });

  it('when totals are made, then they are rounded to 0.1 and nutrients some item lacks are listed as incomplete', () => {
    const egg = itemFromParsed(
      parseFoodText('2 large eggs').items[0]!,
      parseFoodText('100 g egg').items[0]!.nutrients,
    );
    const spread = itemFromFood(nutella, {
      text: 'x',
      grams: 15,
      quantity: 15,
      unit: 'g',
      portion: null,
      assumptions: [],
    });
    const { totals, incomplete } = entryTotals([egg, spread]);

    expect(totals.kcal).toBe(223.9);
    expect(incomplete).toContain('sodiumMg');
    expect(incomplete).not.toContain('kcal');
    expect(totalGrams([egg, spread])).toBe(115);
  });

  it('when totals are added or averaged, then each main nutrient is, to 0.1', () => {
    const a = { ...emptyTotals(), kcal: 100.04, proteinG: 1 };
    const b = { ...emptyTotals(), kcal: 200.03, sodiumMg: 5 };

    expect(addTotals([a, b])).toEqual({ ...emptyTotals(), kcal: 300.1, proteinG: 1, sodiumMg: 5 });
    expect(divideTotals(addTotals([a, b]), 3)).toEqual({
      ...emptyTotals(),
      kcal: 100,
      proteinG: 0.3,
      sodiumMg: 1.7,
    });
    expect(addTotals([])).toEqual(emptyTotals());
  });
});
