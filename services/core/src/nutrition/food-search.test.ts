import { createFoodSearch, type FoodSearch, getUsdaSr28FoodSearch } from './food-search.js';
import { PREFERRED_FOODS } from './preferred-foods.js';
import type { CompactFood } from './sr28-format.js';
import { decodeCompactTable, loadUsdaSr28Table } from './usda-table.js';

function chosenName(search: FoodSearch, query: string): string | undefined {
  return search.search(query).chosen?.food.name;
}

describe('food search over the shipped SR28 table: the common reading of plain words', () => {
  const search = getUsdaSr28FoodSearch();

  it.each([
    ['apple', '09003', 'Apples, raw, with skin'],
    ['rice', '20045', 'Rice, white, long-grain, regular, enriched, cooked'],
    ['egg', '01123', 'Egg, whole, raw, fresh'],
    ['eggs', '01123', 'Egg, whole, raw, fresh'],
    ['banana', '09040', 'Bananas, raw'],
    ['chicken breast', '05064', 'Chicken, broilers or fryers, breast, meat only, cooked, roasted'],
    ['salmon', '15237', 'Fish, salmon, Atlantic, farmed, cooked, dry heat'],
    ['oats', '08120', 'Cereals, oats, regular and quick, not fortified, dry'],
    ['bread', '18069', 'Bread, white, commercially prepared (includes soft bread crumbs)'],
    ['avocado', '09037', 'Avocados, raw, all commercial varieties'],
    ['milk', '01077', 'Milk, whole, 3.25% milkfat, with added vitamin D'],
    ['Cooked Rice', '20045', 'Rice, white, long-grain, regular, enriched, cooked'],
  ])('when searching "%s", then it chooses %s %s', (query, id, name) => {
    const result = search.search(query);
    expect(result.chosen?.food.id).toBe(id);
    expect(result.chosen?.food.name).toBe(name);
    expect(result.chosen?.basis).toBe('preferred');
    expect(result.alternatives.length).toBeGreaterThan(0);
    expect(result.alternatives.map((match) => match.food.id)).not.toContain(id);
  });

  it('when a preferred food comes with a default portion, then the match carries it', () => {
    expect(search.search('eggs').chosen?.defaultPortion).toBe('large');
  });

  it.each([
    ['pear', 'Pears, raw'],
    ['walnuts', 'Nuts, walnuts, english'],
    ['kiwi', 'Kiwifruit, green, raw'],
    ['beer', 'Alcoholic beverage, beer, regular, all'],
    ['watermelon', 'Watermelon, raw'],
    ['tilapia', 'Fish, tilapia, cooked, dry heat'],
  ])('when "%s" is not in the preferred table, then scoring alone chooses "%s"', (query, name) => {
    const result = search.search(query);
    expect(result.chosen?.food.name).toBe(name);
    expect(result.chosen?.basis).toBe('scored');
  });

  it('when a cut of meat is searched, then cooked meat wins over skin and raw', () => {
    expect(chosenName(search, 'chicken thigh')).toMatch(
      /^Chicken, broilers or fryers, thigh, meat only, cooked/,
    );
  });

  it('when the word names a dish, then the dish wins over a sauce named after it', () => {
    expect(chosenName(search, 'pizza')).toMatch(/^Pizza,/);
  });

  it('when nothing matches or the query holds no food word, then nothing is chosen', () => {
    for (const query of ['xyzzy', '', '   ', '🍕', 'large', 'sliced']) {
      expect(search.search(query)).toEqual({ query, chosen: null, alternatives: [] });
    }
  });

  it('when fewer alternatives are asked for, then no more are returned', () => {
    expect(search.search('cheese', { alternatives: 2 }).alternatives).toHaveLength(2);
    expect(search.search('cheese', { alternatives: 0 }).alternatives).toHaveLength(0);
  });

  it('when words joined by "and" open an SR28 description, then they name a dish', () => {
    expect(search.isDishName('macaroni and cheese')).toBe(true);
    expect(search.isDishName('Macaroni and Cheese')).toBe(true);
    expect(search.isDishName('eggs and rice')).toBe(false);
  });

  it('when the preferred table is checked against the data, then every entry names a food that exists', () => {
    const table = loadUsdaSr28Table();
    for (const entry of PREFERRED_FOODS) expect(table.byId.has(entry.id)).toBe(true);
  });

  it('when any wording of the preferred table is searched, then its own entry is chosen (no wording is shadowed)', () => {
    for (const entry of PREFERRED_FOODS) {
      for (const wording of entry.queries)
        expect([wording, search.search(wording).chosen?.food.id]).toEqual([wording, entry.id]);
    }
  });
});

describe('food search scoring rules (small table)', () => {
  let id = 90000;
  function food(group: string, name: string, manufacturer = ''): CompactFood {
    id += 1;
    return [String(id), group, name, name.toUpperCase(), '', manufacturer, [0, 0, 0, 0], []];
  }
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
    groups: [],
    foods: [
      food('0300', 'Babyfood, pears, strained'),
      food('0900', 'Pears, cooked'),
      food('0900', 'Pears, raw'),
      food('0900', 'Pears, canned, heavy syrup'),
      food('0800', 'Cereals ready-to-eat, PEAR CRUNCH'),
      food('2000', 'Barley, pearled, raw'),
      food('2000', 'Barley, pearled, cooked'),
      food('1200', 'Nuts, walnuts, english'),
      food('0400', 'Oil, walnut'),
      food('2100', 'Fast foods, hamburger; single, regular patty; plain'),
      food('1300', 'Hamburger patty, beef, frozen', 'ACME Foods'),
      food('2200', 'Macaroni and cheese, boxed, prepared'),
    ],
  });
  const search = createFoodSearch(table);

  it('when fruit is searched, then raw beats cooked, canned, baby food and a branded cereal', () => {
    const result = search.search('pears');
    expect(result.chosen?.food.name).toBe('Pears, raw');
    const order = result.alternatives.map((match) => match.food.name);
    expect(order.indexOf('Pears, cooked')).toBeLessThan(order.indexOf('Babyfood, pears, strained'));
    expect(result.chosen?.basis).toBe('scored');
  });

  it('when a grain is searched, then cooked beats raw', () => {
    expect(chosenName(search, 'barley')).toBe('Barley, pearled, cooked');
    expect(chosenName(search, 'raw barley')).toBe('Barley, pearled, raw');
  });

  it('when the first part of a description is a category, then the next part names the food', () => {
    expect(chosenName(search, 'walnuts')).toBe('Nuts, walnuts, english');
  });

  it('when not every word matches, then the food matching most words still comes back', () => {
    expect(chosenName(search, 'grilled pears')).toBe('Pears, raw');
    expect(chosenName(search, 'fresh sliced pears')).toBe('Pears, raw');
  });

  it('when the only match is a branded food, then it is still returned', () => {
    expect(chosenName(search, 'hamburger patty')).toBe('Hamburger patty, beef, frozen');
  });

  it('when a dish name is in the table, then it is recognised', () => {
    expect(search.isDishName('macaroni and cheese')).toBe(true);
    expect(search.isDishName('pears and cheese')).toBe(false);
  });
});
