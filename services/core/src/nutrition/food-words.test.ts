import { foodWords, normalizeFoodText, queryWords, stemWord } from './food-words.js';

describe('normalizeFoodText', () => {
  it('when text has capitals, accents and full-width digits, then it is folded to plain lower case', () => {
    expect(normalizeFoodText('Entrée CAFÉ ２ eggs')).toBe('entree cafe 2 eggs');
  });

  it('when text has vulgar fractions, then they are spelled out, apart from a whole number before them', () => {
    expect(normalizeFoodText('½ cup')).toBe(' 1/2 cup');
    expect(normalizeFoodText('1½ cups')).toBe('1 1/2 cups');
    expect(normalizeFoodText('2¾ oz and ⅛ tsp')).toBe('2 3/4 oz and  1/8 tsp');
  });

  it('when text uses the fraction slash or curly apostrophes, then they become ASCII', () => {
    expect(normalizeFoodText('1⁄3 cup hen’s eggs')).toBe("1/3 cup hen's eggs");
  });
});

describe('stemWord', () => {
  it.each([
    ['eggs', 'egg'],
    ['berries', 'berry'],
    ['berry', 'berry'],
    ['cookies', 'cooky'],
    ['cookie', 'cooky'],
    ['tomatoes', 'tomato'],
    ['peaches', 'peach'],
    ['oats', 'oat'],
    ['hummus', 'hummus'],
    ['swiss', 'swiss'],
    ['pies', 'pie'],
    ['3.25%', '3.25%'],
  ])('when the word is "%s", then its stem is "%s"', (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });
});

describe('foodWords and queryWords', () => {
  it('when a description is split, then punctuation separates words, decimals stay and plurals are stemmed', () => {
    expect(foodWords('Milk, reduced fat, fluid, 2% milkfat')).toEqual([
      'milk',
      'reduced',
      'fat',
      'fluid',
      '2%',
      'milkfat',
    ]);
    expect(foodWords('Milk, whole, 3.25% milkfat.')).toEqual(['milk', 'whole', '3.25%', 'milkfat']);
    expect(foodWords("Hen's eggs, hard-boiled")).toEqual(['hen', 'egg', 'hard', 'boiled']);
  });

  it('when a British or everyday word is used, then it becomes the word SR28 uses', () => {
    expect(foodWords('Yoghurt with courgettes and prawns, kiwi')).toEqual([
      'yogurt',
      'with',
      'zucchini',
      'and',
      'shrimp',
      'kiwifruit',
    ]);
  });

  it('when a query has articles and joining words, then only the food words remain', () => {
    expect(queryWords('a cup of the cooked rice and some beans')).toEqual(['cup', 'cooked', 'rice', 'bean']);
    expect(queryWords('🍕 🍔')).toEqual([]);
  });
});
