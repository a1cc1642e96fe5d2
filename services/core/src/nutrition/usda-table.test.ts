import type { CompactTable } from './sr28-format.js';
import { decodeCompactTable, loadUsdaSr28Table, NutritionTableFormatError } from './usda-table.js';

const SMALL: CompactTable = {
  format: 1,
  source: 'usda-sr28',
  release: 'test',
  nutrients: [
    ['proteinG', 'g'],
    ['kcal', 'kcal'],
    ['fatG', 'g'],
    ['carbsG', 'g'],
  ],
  groups: [['0900', 'Fruits and Fruit Juices']],
  foods: [
    [
      '09148',
      '0900',
      'Kiwifruit, green, raw',
      'KIWI',
      'Chinese gooseberry, kiwi',
      'ACME',
      [1.14, 61, 0.52, 14.66],
      [[1, 'fruit', 69]],
    ],
  ],
};

describe('decodeCompactTable', () => {
  it('when a compact table is decoded, then columns are read by their header names, not their position', () => {
    const table = decodeCompactTable(SMALL);
    const kiwi = table.byId.get('09148');
    expect(kiwi).toMatchObject({
      id: '09148',
      name: 'Kiwifruit, green, raw',
      shortName: 'KIWI',
      commonNames: ['Chinese gooseberry', 'kiwi'],
      manufacturer: 'ACME',
      groupCode: '0900',
      group: 'Fruits and Fruit Juices',
      portions: [{ amount: 1, description: 'fruit', grams: 69 }],
    });
    expect(kiwi?.per100g.kcal).toBe(61);
    expect(kiwi?.per100g.proteinG).toBe(1.14);
    expect(kiwi?.per100g.fatG).toBe(0.52);
    expect(kiwi?.per100g.sodiumMg).toBeNull();
    expect(table).toMatchObject({ source: 'usda-sr28', release: 'test' });
  });

  it('when a food has an unknown group and no manufacturer, then the group is "Unknown" and manufacturer null', () => {
    const table = decodeCompactTable({
      ...SMALL,
      foods: [['33879', '', 'BABYFOOD', 'BABYFOOD', '', '', [8, 513], []]],
    });
    expect(table.foods[0]).toMatchObject({ group: 'Unknown', manufacturer: null, commonNames: [] });
  });

  it('when the data is not a format-1 SR28 table, then decoding refuses it', () => {
    expect(() => decodeCompactTable(null)).toThrow(NutritionTableFormatError);
    expect(() => decodeCompactTable({ ...SMALL, format: 2 })).toThrow(/format 1/);
    expect(() => decodeCompactTable({ ...SMALL, source: 'other' })).toThrow(NutritionTableFormatError);
  });

  it('when the header lacks energy or a macronutrient, then decoding refuses it and names the columns', () => {
    const withoutKcal = { ...SMALL, nutrients: [['proteinG', 'g']] };
    expect(() => decodeCompactTable(withoutKcal)).toThrow(
      'nutrition table lacks columns: kcal, fatG, carbsG',
    );
  });
});

describe('loadUsdaSr28Table (the committed data file)', () => {
  const table = loadUsdaSr28Table();

  it('when loaded, then it holds every SR28 food once, with the release recorded', () => {
    expect(table.foods).toHaveLength(8790);
    expect(table.byId.size).toBe(8790);
    expect(table.release).toContain('SR28');
  });

  it('when loaded twice, then the same decoded table is returned', () => {
    expect(loadUsdaSr28Table()).toBe(table);
  });

  it('when the raw egg is read, then its SR28 values and WEIGHT portions are intact', () => {
    const egg = table.byId.get('01123');
    expect(egg?.name).toBe('Egg, whole, raw, fresh');
    expect(egg?.group).toBe('Dairy and Egg Products');
    expect(egg?.per100g).toMatchObject({
      kcal: 143,
      proteinG: 12.56,
      fatG: 9.51,
      carbsG: 0.72,
      sodiumMg: 142,
    });
    expect(egg?.per100g.cholesterolMg).toBe(372);
    expect(egg?.portions).toContainEqual({ amount: 1, description: 'large', grams: 50 });
  });

  it('when text came from a cp1252 file, then it was decoded correctly ("Entrée")', () => {
    expect(table.byId.get('22996')?.portions[0]?.description).toBe('Entrée');
  });

  it('when SR28 has no value for a nutrient, then the table keeps null rather than 0', () => {
    expect(table.byId.get('01008')?.per100g.sugarG).toBeNull();
  });
});
