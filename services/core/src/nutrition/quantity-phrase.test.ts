import { normalizeFoodText } from './food-words.js';
import { parseQuantityPhrase, wordsOfSegment } from './quantity-phrase.js';

function parse(text: string) {
  const phrase = parseQuantityPhrase(normalizeFoodText(text));
  return { quantity: phrase.quantity, unit: phrase.unit?.name ?? null, food: phrase.foodText };
}

describe('parseQuantityPhrase: numbers', () => {
  it.each([
    ['2 eggs', 2],
    ['1.5 cups rice', 1.5],
    ['1,5 kg potatoes', 1.5],
    ['.5 cup milk', 0.5],
    ['1/2 cup oats', 0.5],
    ['½ cup oats', 0.5],
    ['1 1/2 cups rice', 1.5],
    ['1½ cups rice', 1.5],
    ['2 3/4 oz cheese', 2.75],
    ['one 1/2 cups rice', 1.5],
    ['three eggs', 3],
    ['a banana', 1],
    ['an egg', 1],
    ['half an avocado', 0.5],
    ['half a cup of rice', 0.5],
    ['a half cup of rice', 0.5],
    ['a quarter cup of sugar', 0.25],
    ['a dozen eggs', 12],
    ['half a dozen eggs', 6],
    ['a couple of eggs', 2],
    ['２ eggs', 2],
  ])('when the text is "%s", then the quantity is %d', (text, quantity) => {
    expect(parse(text).quantity).toBe(quantity);
  });

  it('when a range is given, then its middle is used and the reading is stated', () => {
    const phrase = parseQuantityPhrase('2-3 eggs');
    expect(phrase.quantity).toBe(2.5);
    expect(phrase.assumptions).toEqual(['the range 2-3 was taken as 2.5']);
  });

  it('when a fraction divides by zero, then the quantity is not a number (and is refused later)', () => {
    expect(parse('1/0 cup rice').quantity).toBeNaN();
  });

  it('when no amount is written, then one is implied and marked as not stated', () => {
    const phrase = parseQuantityPhrase('banana');
    expect(phrase).toMatchObject({ quantity: 1, quantityStated: false, unit: null, foodText: 'banana' });
  });
});

describe('parseQuantityPhrase: units and food words', () => {
  it.each([
    ['2 large eggs', 2, 'large', 'eggs'],
    ['1 cup of cooked rice', 1, 'cup', 'cooked rice'],
    ['150g chicken breast', 150, 'g', 'chicken breast'],
    ['1.5kg potatoes', 1.5, 'kg', 'potatoes'],
    ['3 oz salmon', 3, 'oz', 'salmon'],
    ['1 lb ground beef', 1, 'lb', 'ground beef'],
    ['2 slices of bread', 2, 'slice', 'bread'],
    ['200 ml milk', 200, 'ml', 'milk'],
    ['200ml milk', 200, 'ml', 'milk'],
    ['1 l milk', 1, 'l', 'milk'],
    ['2 tbsp peanut butter', 2, 'tbsp', 'peanut butter'],
    ['2 tablespoons of peanut butter', 2, 'tbsp', 'peanut butter'],
    ['1 tsp sugar', 1, 'tsp', 'sugar'],
    ['8 fl oz orange juice', 8, 'fl oz', 'orange juice'],
    ['3 pieces of chicken', 3, 'piece', 'chicken'],
    ['a medium banana', 1, 'medium', 'banana'],
    ['1 extra large egg', 1, 'extra large', 'egg'],
    ['2 ears of corn', 2, 'ear', 'corn'],
    ['cup of tea', 1, 'cup', 'tea'],
    ['glass of milk', 1, 'glass', 'milk'],
    ['chicken breast 150g', 150, 'g', 'chicken breast'],
    ['rice (1 cup)', 1, 'cup', 'rice'],
    ['eggs x2', 2, null, 'eggs'],
    ['2x eggs', 2, null, 'eggs'],
    ['apples 3', 3, null, 'apples'],
  ])('when the text is "%s", then it reads %d %s of "%s"', (text, quantity, unit, food) => {
    expect(parse(text)).toEqual({ quantity, unit, food });
  });

  it('when a household word may be a food word, then it is a unit only before "of"', () => {
    expect(parse('2 ears of corn').unit).toBe('ear');
    expect(parse('1 head lettuce')).toEqual({ quantity: 1, unit: null, food: 'head lettuce' });
    expect(parse('cup noodles')).toEqual({ quantity: 1, unit: null, food: 'cup noodles' });
  });

  it('when a size comes before a household word, then the household word is the unit and the size a hint', () => {
    const phrase = parseQuantityPhrase('1 large slice of bread');
    expect(phrase.unit?.name).toBe('slice');
    expect(phrase.sizeHint).toBe('large');
    expect(phrase.foodText).toBe('bread');
  });

  it('when the unit word is all there is, then it is left as the food text', () => {
    expect(parse('2 large')).toEqual({ quantity: 2, unit: null, food: 'large' });
  });

  it('when a glass is the unit, then the unit states its convention', () => {
    expect(parseQuantityPhrase('a glass of milk').unit?.assumption).toBe('a glass is taken as 250 ml');
  });
});

describe('wordsOfSegment', () => {
  it('when numbers are glued to units or brackets are used, then they are separated', () => {
    expect(wordsOfSegment('150g rice (cooked) x2')).toEqual(['150', 'g', 'rice', 'cooked', 'x', '2']);
  });
});
