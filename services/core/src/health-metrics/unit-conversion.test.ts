import { KG_PER_LB, ML_PER_US_FL_OZ, toKilograms, toMillilitres } from './unit-conversion.js';

describe('unit conversion', () => {
  it('when water is given in US fluid ounces, then it is stored as whole millilitres', () => {
    expect(ML_PER_US_FL_OZ).toBeCloseTo(29.5735, 4);
    expect(toMillilitres(8, 'fl_oz')).toBe(237);
    expect(toMillilitres(1.5, 'l')).toBe(1500);
    expect(toMillilitres(250, 'ml')).toBe(250);
  });

  it('when weight is given in pounds, then it is stored in kg to the gram', () => {
    expect(KG_PER_LB).toBe(0.45359237);
    expect(toKilograms(180, 'lb')).toBe(81.647);
    expect(toKilograms(72.45, 'kg')).toBe(72.45);
  });
});
