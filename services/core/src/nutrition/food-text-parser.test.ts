import { ValidationError } from '../errors/index.js';
import { getUsdaSr28FoodSearch } from './food-search.js';
import { createFoodTextParser, type ParsedFoodItem, parseFoodText } from './food-text-parser.js';

function only(text: string): ParsedFoodItem {
  const result = parseFoodText(text);
  expect(result.unmatched).toEqual([]);
  expect(result.items).toHaveLength(1);
  return result.items[0] as ParsedFoodItem;
}

describe('parseFoodText: the example phrases', () => {
  it('when "2 large eggs and 1 cup of cooked rice" is parsed, then it is 2×50 g egg plus 158 g rice, ≈348 kcal', () => {
    const result = parseFoodText('2 large eggs and 1 cup of cooked rice');
    expect(result.unmatched).toEqual([]);
    expect(
      result.items.map(({ foodId, quantity, unit, grams }) => ({ foodId, quantity, unit, grams })),
    ).toEqual([
      { foodId: '01123', quantity: 2, unit: 'large', grams: 100 },
      { foodId: '20045', quantity: 1, unit: 'cup', grams: 158 },
    ]);
    expect(result.items[0]?.nutrients.kcal).toBe(143);
    expect(result.items[1]?.nutrients.kcal).toBeCloseTo(205.4, 1);
    expect(Math.abs(result.totals.nutrients.kcal - 348)).toBeLessThanOrEqual(5);
    expect(result.totals.grams).toBe(258);
    expect(result.totals.nutrients.proteinG).toBeCloseTo(12.56 + 2.69 * 1.58, 1);
  });

  it.each([
    ['150g chicken breast', '05064', 150, 247.5],
    ['a banana', '09040', 118, 105],
    ['1/2 cup oats', '08120', 40.5, 153.5],
    ['half an avocado', '09037', 100.5, 160.8],
    ['3 oz salmon', '15237', 85, 175.1],
    ['2 slices of bread', '18069', 58, 154.3],
    ['200 ml milk', '01077', 206.3, 125.8],
  ])('when "%s" is parsed, then it is food %s, %d g, %d kcal', (text, foodId, grams, kcal) => {
    const item = only(text);
    expect(item).toMatchObject({ foodId, grams, source: 'usda-sr28' });
    expect(item.nutrients.kcal).toBeCloseTo(kcal, 0);
  });

  it('when an item is parsed, then it records its source, NDB id, name, portion, nutrients and alternatives', () => {
    const item = only('a banana');
    expect(item).toMatchObject({
      text: 'a banana',
      foodId: '09040',
      foodName: 'Bananas, raw',
      foodGroup: 'Fruits and Fruit Juices',
      match: 'preferred',
      quantity: 1,
      unit: null,
      grams: 118,
      portion: { basis: 'default-portion', description: '1 medium (7" to 7-7/8" long) = 118 g' },
      source: 'usda-sr28',
    });
    expect(item.assumptions).toEqual([
      'a count without unit read as SR28\'s "medium (7" to 7-7/8" long)" (118 g each)',
    ]);
    expect(item.nutrients).toMatchObject({
      proteinG: 1.286,
      fatG: 0.3894,
      carbsG: 26.95,
      fiberG: 3.068,
      sodiumMg: 1.18,
    });
    expect(item.nutrients.sugarG).toBeCloseTo(14.43, 1);
    expect(item.alternatives.length).toBeGreaterThan(0);
    expect(item.alternatives[0]).toEqual({ foodId: expect.any(String), foodName: expect.any(String) });
  });

  it('when a unit comes from the food’s SR28 measures, then no assumption is listed', () => {
    expect(only('2 slices of bread').assumptions).toEqual([]);
    expect(only('200 ml milk').portion.basis).toBe('volume-conversion');
  });
});

describe('parseFoodText: lists', () => {
  it('when foods are joined by "and", commas, "with" and "+", then each becomes an item', () => {
    const result = parseFoodText('2 eggs, 1 slice of toast + 1 cup coffee with 1 tbsp milk and a banana');
    expect(result.unmatched).toEqual([]);
    expect(result.items.map((item) => item.foodId)).toEqual(['01123', '18070', '14209', '01077', '09040']);
    expect(result.totals.nutrients.kcal).toBeCloseTo(
      result.items.reduce((sum, item) => sum + (item.nutrients.kcal ?? 0), 0),
      0,
    );
  });

  it('when a dish name contains "and", then it is one item', () => {
    const result = parseFoodText('1 cup macaroni and cheese');
    expect(result.items).toHaveLength(1);
    expect(result.items[0]?.foodName).toMatch(/^Macaroni and cheese/i);
  });
});

describe('parseFoodText: numbers', () => {
  it.each([
    ['1.5 cups of cooked rice', 237],
    ['½ cup of cooked rice', 79],
    ['1 1/2 cups of cooked rice', 237],
    ['1½ cups of cooked rice', 237],
    ['one and a half cups of cooked rice', 237],
    ['2-3 eggs', 125],
  ])('when the amount is written as in "%s", then it weighs %d g', (text, grams) => {
    expect(only(text).grams).toBe(grams);
  });
});

describe('parseFoodText: what cannot be read', () => {
  it('when a food is unknown, then it is reported unmatched and nothing is invented', () => {
    const result = parseFoodText('2 eggs and 3 xyzzies');
    expect(result.items.map((item) => item.foodId)).toEqual(['01123']);
    expect(result.unmatched).toEqual([
      { text: '3 xyzzies', reason: 'food_not_found', message: 'no food in USDA SR28 matches this text' },
    ]);
    expect(result.totals.nutrients.kcal).toBe(71.5 * 2);
  });

  it('when the food is known but SR28 has no weight for the amount, then it asks for one and names the food', () => {
    const result = parseFoodText('2 bowls of rice');
    expect(result.items).toEqual([]);
    expect(result.unmatched).toEqual([
      {
        text: '2 bowls of rice',
        reason: 'no_portion',
        message: expect.stringContaining('SR28 has no weight for a "bowl"'),
        candidate: { foodId: '20045', foodName: 'Rice, white, long-grain, regular, enriched, cooked' },
      },
    ]);
  });

  it('when the amount is zero, absurd or a division by zero, then it is an invalid quantity', () => {
    const result = parseFoodText('0 eggs, 5000 eggs, 1/0 cup rice');
    expect(result.items).toEqual([]);
    expect(result.unmatched.map((entry) => entry.reason)).toEqual([
      'invalid_quantity',
      'invalid_quantity',
      'invalid_quantity',
    ]);
  });

  it('when one item would weigh more than the limit, then it is reported as implausible', () => {
    const result = parseFoodText('10 kg rice');
    expect(result.unmatched).toEqual([
      {
        text: '10 kg rice',
        reason: 'implausible_amount',
        message: '10000 g is more than 5000 g for one item',
        candidate: { foodId: '20045', foodName: 'Rice, white, long-grain, regular, enriched, cooked' },
      },
    ]);
  });

  it('when the text is empty or blank, then there are no items and zero totals', () => {
    for (const text of ['', '   ', ', and ;']) {
      const result = parseFoodText(text);
      expect(result.items).toEqual([]);
      expect(result.unmatched).toEqual([]);
      expect(result.totals.nutrients.kcal).toBe(0);
      expect(result.totals.grams).toBe(0);
    }
  });

  it('when the text is emoji or other scripts, then it is reported unmatched, not guessed', () => {
    const result = parseFoodText('🍕🍕 and 2 eggs, 寿司');
    expect(result.items.map((item) => item.foodId)).toEqual(['01123']);
    expect(result.unmatched.map((entry) => [entry.text, entry.reason])).toEqual([
      ['🍕🍕', 'food_not_found'],
      ['寿司', 'food_not_found'],
    ]);
  });

  it('when the text is accented or in capitals, then it still matches', () => {
    expect(only('TWO Large EGGS').grams).toBe(100);
    expect(only('1 Entrée of kashi three cheese penne').foodId).toBe('22996');
  });

  it('when the text is longer than the limit, then it is refused with a validation error', () => {
    const huge = '2 eggs and '.repeat(500);
    expect(() => parseFoodText(huge)).toThrow(ValidationError);
    expect(() => parseFoodText(huge)).toThrow('food text is longer than 2000 characters');
  });

  it('when the text lists more foods than the limit, then it is refused with a validation error', () => {
    const parser = createFoodTextParser(getUsdaSr28FoodSearch(), { maxItems: 3 });
    expect(() => parser.parse('egg, egg, egg, egg')).toThrow('food text lists more than 3 foods');
    expect(parser.parse('egg, egg, egg').items).toHaveLength(3);
  });

  it('when the limits are configured, then the parser uses them', () => {
    const parser = createFoodTextParser(getUsdaSr28FoodSearch(), { maxGramsPerItem: 100, alternatives: 1 });
    expect(parser.parse('150 g rice').unmatched[0]?.reason).toBe('implausible_amount');
    expect(parser.parse('100 g rice').items[0]?.alternatives).toHaveLength(1);
  });

  it('when an item lacks a nutrient in SR28, then the total lists it as incomplete', () => {
    const result = parseFoodText('100 g caraway cheese and 1 large egg');
    expect(result.items.map((item) => item.foodId)).toEqual(['01008', '01123']);
    expect(result.items[0]?.nutrients.sugarG).toBeNull();
    expect(result.totals.nutrients.sugarG).toBeCloseTo(0.185, 3);
    expect(result.totals.incomplete).toContain('sugarG');
    expect(result.totals.incomplete).not.toContain('kcal');
  });
});
