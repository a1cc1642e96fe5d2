import { fdcNutrientsPer100g } from './fdc-nutrients.js';

describe('FoodData Central nutrients', () => {
  it('when FDC lists nutrients by SR28 number, then they land in our keys and units, unknown ones stay null', () => {
    const per100g = fdcNutrientsPer100g([
      { nutrientNumber: '208', unitName: 'KCAL', value: 143 },
      { nutrientNumber: '203', unitName: 'G', value: 12.56 },
      { nutrientNumber: '307', unitName: 'MG', value: 142 },
      { nutrientNumber: '317', unitName: 'UG', value: 30.7 },
      { nutrientNumber: '999', unitName: 'G', value: 1 },
    ]);

    expect(per100g).toMatchObject({ kcal: 143, proteinG: 12.56, sodiumMg: 142, seleniumUg: 30.7 });
    expect(per100g.fatG).toBeNull();
    expect(per100g.fiberG).toBeNull();
  });

  it('when a mass nutrient comes in another mass unit, then it is converted; an unconvertible unit gives null', () => {
    const per100g = fdcNutrientsPer100g([
      { nutrientNumber: '307', unitName: 'G', value: 0.5 },
      { nutrientNumber: '301', unitName: 'µg', value: 2500 },
      { nutrientNumber: '318', unitName: 'MG', value: 3 },
    ]);

    expect(per100g.sodiumMg).toBe(500);
    expect(per100g.calciumMg).toBe(2.5);
    expect(per100g.vitaminAIu).toBeNull();
  });

  it('when energy 208 is missing, then the Atwater energy is used, else kJ converted, else null', () => {
    expect(fdcNutrientsPer100g([{ nutrientNumber: '958', unitName: 'KCAL', value: 52.1 }]).kcal).toBe(52.1);
    expect(fdcNutrientsPer100g([{ nutrientNumber: '268', unitName: 'kJ', value: 418.4 }]).kcal).toBe(100);
    expect(fdcNutrientsPer100g([{ nutrientNumber: '203', unitName: 'G', value: 1 }]).kcal).toBeNull();
  });

  it('when values are negative, not finite, missing or repeated, then the first usable value counts and the rest are ignored', () => {
    const per100g = fdcNutrientsPer100g([
      { nutrientNumber: '204', unitName: 'G', value: -1 },
      { nutrientNumber: '205', unitName: 'G', value: Number.NaN },
      { nutrientNumber: '291', unitName: 'G' },
      { unitName: 'G', value: 3 },
      { nutrientNumber: '269', unitName: 'G', value: 4 },
      { nutrientNumber: '269', unitName: 'G', value: 40 },
      { nutrientNumber: '606', unitName: 'G', value: 0 },
    ]);

    expect(per100g).toMatchObject({ fatG: null, carbsG: null, fiberG: null, sugarG: 4, saturatedFatG: 0 });
  });
});
