import {
  NUTRIENT_KEYS,
  NUTRIENT_UNITS,
  type NutrientValues,
  scaleNutrients,
  sumNutrients,
} from './nutrients.js';

function values(partial: Partial<NutrientValues>): NutrientValues {
  const all = Object.fromEntries(NUTRIENT_KEYS.map((key) => [key, null])) as NutrientValues;
  return { ...all, ...partial };
}

describe('nutrient keys', () => {
  it('when the keys are listed, then all 46 SR28 nutrients are there with their units', () => {
    expect(NUTRIENT_KEYS).toHaveLength(46);
    expect(NUTRIENT_UNITS).toMatchObject({
      kcal: 'kcal',
      proteinG: 'g',
      sodiumMg: 'mg',
      vitaminB12Ug: 'µg',
      vitaminAIu: 'IU',
    });
  });
});

describe('scaleNutrients', () => {
  it('when values per 100 g are scaled to a portion, then they are proportional and unknown stays unknown', () => {
    const scaled = scaleNutrients(values({ kcal: 143, proteinG: 12.56, sugarG: 0 }), 50);
    expect(scaled.kcal).toBe(71.5);
    expect(scaled.proteinG).toBe(6.28);
    expect(scaled.sugarG).toBe(0);
    expect(scaled.fiberG).toBeNull();
  });
});

describe('sumNutrients', () => {
  it('when items are summed, then totals add up and a nutrient one item lacks is listed as incomplete', () => {
    const totals = sumNutrients([
      { grams: 100, nutrients: values({ kcal: 143, fiberG: 0 }) },
      { grams: 158, nutrients: values({ kcal: 205.4, fiberG: null }) },
    ]);
    expect(totals.grams).toBe(258);
    expect(totals.nutrients.kcal).toBe(348.4);
    expect(totals.nutrients.fiberG).toBe(0);
    expect(totals.incomplete).toContain('fiberG');
    expect(totals.incomplete).not.toContain('kcal');
  });

  it('when there is nothing to sum, then totals are zero and nothing is incomplete', () => {
    const totals = sumNutrients([]);
    expect(totals.grams).toBe(0);
    expect(totals.nutrients.kcal).toBe(0);
    expect(totals.incomplete).toEqual([]);
  });
});
