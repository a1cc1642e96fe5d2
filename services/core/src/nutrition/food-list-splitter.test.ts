import { splitFoodList } from './food-list-splitter.js';

const dishes = new Set(['macaroni and cheese', 'pork and beans']);
const isDishName = (phrase: string) => dishes.has(phrase);

describe('splitFoodList', () => {
  it('when foods are joined by "and", commas, "with", "+", ";" or new lines, then each is its own phrase', () => {
    expect(splitFoodList('2 large eggs and 1 cup of cooked rice', isDishName)).toEqual([
      '2 large eggs',
      '1 cup of cooked rice',
    ]);
    expect(splitFoodList('eggs, toast + coffee with milk; jam\nbutter & honey plus tea', isDishName)).toEqual(
      ['eggs', 'toast', 'coffee', 'milk', 'jam', 'butter', 'honey', 'tea'],
    );
  });

  it('when "and" sits inside a dish name, then the dish stays whole', () => {
    expect(splitFoodList('1 cup macaroni and cheese and an apple', isDishName)).toEqual([
      '1 cup macaroni and cheese',
      'an apple',
    ]);
  });

  it('when an amount follows "and", then it starts a new food even inside a dish name', () => {
    expect(splitFoodList('pork and 2 beans', isDishName)).toEqual(['pork', '2 beans']);
  });

  it('when "with" introduces a part of the food, then it stays with the food', () => {
    expect(splitFoodList('an apple with skin with peanut butter', isDishName)).toEqual([
      'an apple with skin',
      'peanut butter',
    ]);
  });

  it('when "and a half" follows a number, then it is part of the amount', () => {
    expect(splitFoodList('one and a half cups rice and 2 and 1/2 eggs', isDishName)).toEqual([
      'one 1/2 cups rice',
      '2 1/2 eggs',
    ]);
  });

  it('when a comma sits between digits, then it is a decimal comma', () => {
    expect(splitFoodList('1,5 kg potatoes, 2 eggs', isDishName)).toEqual(['1,5 kg potatoes', '2 eggs']);
  });

  it('when the text is empty or only separators, then there are no phrases; emoji are kept to be reported', () => {
    expect(splitFoodList('', isDishName)).toEqual([]);
    expect(splitFoodList(' , ; and + ', isDishName)).toEqual([]);
    expect(splitFoodList('🍕 and 2 eggs', isDishName)).toEqual(['🍕', '2 eggs']);
  });
});
