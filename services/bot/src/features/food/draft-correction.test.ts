import { type DraftItemNames, foodWordsOf, itemNamedBy, readDraftCorrection } from './draft-correction.js';

const eggsAndRice: DraftItemNames[] = [
  { text: '2 large eggs', foodName: 'Egg, whole, raw, fresh' },
  { text: '1 cup of cooked rice', foodName: 'Rice, white, long-grain, regular, enriched, cooked' },
];
const eggsOnly: DraftItemNames[] = [{ text: '2 large eggs', foodName: 'Egg, whole, raw, fresh' }];

describe('readDraftCorrection', () => {
  it('when the reply says "it was 3 eggs", then only the eggs are re-read and the rice is kept', () => {
    expect(readDraftCorrection(eggsAndRice, 'it was 3 eggs')).toEqual({
      kind: 'text',
      text: '3 eggs, 1 cup of cooked rice',
    });
    expect(readDraftCorrection(eggsAndRice, "No, it's 3 eggs, not 2.")).toEqual({
      kind: 'text',
      text: '3 eggs, 1 cup of cooked rice',
    });
    expect(readDraftCorrection(eggsAndRice, 'actually make it 1 egg')).toEqual({
      kind: 'text',
      text: '1 egg, 1 cup of cooked rice',
    });
  });

  it('when the reply gives grams for a food, then that item gets the grams', () => {
    expect(readDraftCorrection(eggsAndRice, '200g rice')).toEqual({ kind: 'grams', index: 1, grams: 200 });
    expect(readDraftCorrection(eggsAndRice, 'rice 180 g')).toEqual({ kind: 'grams', index: 1, grams: 180 });
    expect(readDraftCorrection(eggsAndRice, '120,5 grams of eggs')).toEqual({
      kind: 'grams',
      index: 0,
      grams: 120.5,
    });
  });

  it('when grams name no food, then a one-item draft takes them and a longer draft asks which', () => {
    expect(readDraftCorrection(eggsOnly, '130 g')).toEqual({ kind: 'grams', index: 0, grams: 130 });
    expect(readDraftCorrection(eggsAndRice, '130 g')).toEqual({ kind: 'unclear' });
  });

  it('when grams name a food the draft lacks, then it is read as that food', () => {
    expect(readDraftCorrection(eggsAndRice, '150 g chicken')).toEqual({
      kind: 'text',
      text: '2 large eggs, 1 cup of cooked rice, 150 g chicken',
    });
  });

  it('when the reply removes a food, then that item is removed; an unknown one is unclear', () => {
    expect(readDraftCorrection(eggsAndRice, 'remove the rice')).toEqual({ kind: 'remove', index: 1 });
    expect(readDraftCorrection(eggsAndRice, 'no eggs')).toEqual({ kind: 'remove', index: 0 });
    expect(readDraftCorrection(eggsAndRice, 'without rice')).toEqual({ kind: 'remove', index: 1 });
    expect(readDraftCorrection(eggsAndRice, 'remove the bread')).toEqual({ kind: 'unclear' });
  });

  it('when "no" starts a correction, then it is not read as a removal', () => {
    expect(readDraftCorrection(eggsAndRice, 'no it was three eggs')).toEqual({
      kind: 'text',
      text: 'three eggs, 1 cup of cooked rice',
    });
  });

  it('when the reply adds a food, then the draft keeps its items and gains the new one', () => {
    expect(readDraftCorrection(eggsAndRice, 'add 1 apple')).toEqual({
      kind: 'text',
      text: '2 large eggs, 1 cup of cooked rice, 1 apple',
    });
    expect(readDraftCorrection(eggsAndRice, 'also a coffee')).toEqual({
      kind: 'text',
      text: '2 large eggs, 1 cup of cooked rice, a coffee',
    });
  });

  it('when the reply is a list, then it is the whole meal again', () => {
    expect(readDraftCorrection(eggsAndRice, '3 eggs and 2 cups of rice')).toEqual({
      kind: 'text',
      text: '3 eggs and 2 cups of rice',
    });
    expect(readDraftCorrection(eggsAndRice, 'toast; jam')).toEqual({ kind: 'text', text: 'toast; jam' });
  });

  it('when the reply is a bare number, then it is the amount of a one-item draft', () => {
    expect(readDraftCorrection(eggsOnly, '3')).toEqual({ kind: 'text', text: '3 large eggs' });
    expect(readDraftCorrection([{ text: 'eggs', foodName: 'Egg, whole' }], '4')).toEqual({
      kind: 'text',
      text: '4 eggs',
    });
    expect(readDraftCorrection(eggsAndRice, '3')).toEqual({ kind: 'unclear' });
  });

  it('when one food the draft lacks is named, then it replaces a one-item draft and joins a longer one', () => {
    expect(readDraftCorrection(eggsOnly, 'it was 2 pancakes')).toEqual({ kind: 'text', text: '2 pancakes' });
    expect(readDraftCorrection(eggsAndRice, '1 cup of quinoa')).toEqual({
      kind: 'text',
      text: '2 large eggs, 1 cup of cooked rice, 1 cup of quinoa',
    });
  });

  it('when the reply is only filler, emoji or empty, then it is unclear or read as it is', () => {
    expect(readDraftCorrection(eggsAndRice, 'it was')).toEqual({ kind: 'unclear' });
    expect(readDraftCorrection(eggsAndRice, '   ')).toEqual({ kind: 'unclear' });
    expect(readDraftCorrection(eggsOnly, '🥚🥚🥚')).toEqual({ kind: 'text', text: '🥚🥚🥚' });
  });
});

describe('itemNamedBy', () => {
  it('when words match the phrase or the food name, then the best single item wins; ties are undefined', () => {
    expect(itemNamedBy(eggsAndRice, 'white rice')).toBe(1);
    expect(itemNamedBy(eggsAndRice, 'EGGS')).toBe(0);
    expect(itemNamedBy(eggsAndRice, 'cooked')).toBe(1);
    expect(itemNamedBy(eggsAndRice, 'large cup')).toBeUndefined();
    expect(
      itemNamedBy(
        [
          { text: 'apple', foodName: 'Apples, raw' },
          { text: 'apple', foodName: 'Apples, raw' },
        ],
        'apple',
      ),
    ).toBeUndefined();
  });

  it('when plurals are compared, then they meet their singular', () => {
    expect(foodWordsOf('3 cherries, 2 tomatoes, glasses of juice')).toEqual(['cherry', 'tomato', 'juice']);
  });
});
