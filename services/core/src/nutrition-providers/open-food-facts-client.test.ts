import { DependencyUnavailableError } from '../errors/index.js';
import { openFoodFactsNutrients, openFoodFactsProduct } from './open-food-facts-client.js';

describe('Open Food Facts product answers', () => {
  it('when nutriments are numbers or numeric strings, then they are read per 100 g with minerals in mg', () => {
    const per100g = openFoodFactsNutrients({
      'energy-kcal_100g': '250',
      proteins_100g: 10,
      fat_100g: '1,5',
      sodium_100g: 0.4,
      calcium_100g: 0.12,
      'vitamin-c_100g': 0.006,
      fiber_100g: '',
      sugars_100g: 'n/a',
      carbohydrates_100g: -3,
    });

    expect(per100g).toMatchObject({
      kcal: 250,
      proteinG: 10,
      fatG: 1.5,
      sodiumMg: 400,
      calciumMg: 120,
      vitaminCMg: 6,
      fiberG: null,
      sugarG: null,
      carbsG: null,
      ironMg: null,
    });
  });

  it('when only the kJ energy is given, then kcal is converted from it; with neither, kcal stays null', () => {
    expect(openFoodFactsNutrients({ energy_100g: 1046 }).kcal).toBe(250);
    expect(openFoodFactsNutrients({ proteins_100g: 3 }).kcal).toBeNull();
  });

  it('when the product has a name, brands and a serving in grams, then the food carries them', () => {
    const food = openFoodFactsProduct(
      {
        status: 1,
        product: {
          product_name: ' ',
          product_name_en: 'Oat drink',
          brands: 'Oatly, Oatly AB',
          serving_quantity: '250',
          serving_size: '250 g',
          nutriments: { 'energy-kcal_100g': 46 },
        },
      },
      '7394376616037',
    );

    expect(food).toMatchObject({
      id: '7394376616037',
      source: 'open-food-facts',
      name: 'Oat drink (Oatly)',
      group: null,
      portions: [{ amount: 1, description: '250 g', grams: 250 }],
    });
    expect(food?.per100g.kcal).toBe(46);
  });

  it('when the product has no name, no nutriments and a serving in ml, then it is named by barcode with no portion', () => {
    const food = openFoodFactsProduct(
      { status: '1', product: { serving_quantity: 330, serving_quantity_unit: 'ml' } },
      '12345678',
    );

    expect(food?.name).toBe('Product 12345678');
    expect(food?.portions).toEqual([]);
    expect(food?.per100g.kcal).toBeNull();
  });

  it('when the answer says status 0 or has no product, then the product is unknown', () => {
    expect(openFoodFactsProduct({ status: 0, status_verbose: 'product not found' }, '12345678')).toBeNull();
    expect(openFoodFactsProduct({ status: 1 }, '12345678')).toBeNull();
  });

  it('when the answer is not an object or the product is malformed, then it is a dependency failure', () => {
    expect(() => openFoodFactsProduct('nope', '12345678')).toThrow(DependencyUnavailableError);
    expect(() => openFoodFactsProduct({ status: 1, product: { brands: 7 } }, '12345678')).toThrow(
      DependencyUnavailableError,
    );
  });
});
