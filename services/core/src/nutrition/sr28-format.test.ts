import {
  buildCompactTable,
  parseAbbrevRow,
  parseFoodDesRow,
  parseFoodGroupRow,
  parseSr28Fields,
  parseSr28Number,
  parseWeightRow,
  roundNutrient,
  SR28_NUTRIENTS,
  Sr28FormatError,
  serializeCompactTable,
  splitHouseholdMeasure,
  splitSr28Records,
} from './sr28-format.js';

// Literal records from the SR28 files (ABBREV.txt, WEIGHT.txt, FOOD_DES.txt, FD_GROUP.txt).
const EGG_ABBREV =
  '~01123~^~EGG,WHL,RAW,FRSH~^76.15^143^12.56^9.51^1.06^0.72^0.0^0.37^56^1.75^12^198^138^142^1.29^0.072^0.028^30.7^0.0^0.040^0.457^0.075^1.533^0.170^47^0^47^47^293.8^0.89^540^160^160^0^0^9^0^503^1.05^2.0^82^0.3^3.126^3.658^1.911^372^50^~1 large~^56^~1 extra large~^12';
const CARAWAY_ABBREV_WITH_GAPS =
  '~01008~^~CHEESE,CARAWAY~^39.28^376^25.18^29.20^3.28^3.06^0.0^^673^0.64^22^490^93^690^2.94^0.024^0.021^14.5^0.0^0.031^0.450^0.180^0.190^0.074^18^0^18^18^^0.27^1054^271^262^^^^^^^^^^18.584^8.275^0.830^93^28.35^~1 oz~^^~~^0\r';
const EGG_WEIGHTS = [
  '~01123~^1^1^~large~^50^^',
  '~01123~^6^1^~medium~^44^^',
  '~01123~^2^1^~extra large~^56^^',
];
const EGG_FOOD_DES =
  '~01123~^~0100~^~Egg, whole, raw, fresh~^~EGG,WHL,RAW,FRSH~^~~^~~^~Y~^~Shell~^12^~~^6.25^4.36^9.02^3.68';
const DAIRY_GROUP = '~0100~^~Dairy and Egg Products~';

function nutrient(values: (number | null)[], key: string): number | null | undefined {
  return values[SR28_NUTRIENTS.findIndex((column) => column.key === key)];
}

describe('SR28 record parsing', () => {
  it('when a record has text, numbers and empty fields, then text loses its ~ and empty fields are null', () => {
    expect(parseSr28Fields('~01123~^1^^~~^12.5')).toEqual(['01123', '1', null, '', '12.5']);
  });

  it('when a file uses CRLF line ends and ends with a blank line, then it yields only the records', () => {
    expect(splitSr28Records('~a~^1\r\n~b~^2\r\n\r\n')).toEqual(['~a~^1', '~b~^2']);
  });

  it('when a numeric field is empty, then it is null (no value), not 0', () => {
    expect(parseSr28Number(null, 'x')).toBeNull();
    expect(parseSr28Number('', 'x')).toBeNull();
    expect(parseSr28Number('0.0', 'x')).toBe(0);
    expect(() => parseSr28Number('abc', 'ABBREV 01123 kcal')).toThrow(
      /ABBREV 01123 kcal: "abc" is not a number/,
    );
  });

  it('when the egg line of ABBREV is parsed, then the 46 nutrients and the household weights come out in order', () => {
    const row = parseAbbrevRow(EGG_ABBREV);
    expect(row.ndb).toBe('01123');
    expect(row.shortDesc).toBe('EGG,WHL,RAW,FRSH');
    expect(row.nutrients).toHaveLength(46);
    expect(nutrient(row.nutrients, 'waterG')).toBe(76.15);
    expect(nutrient(row.nutrients, 'kcal')).toBe(143);
    expect(nutrient(row.nutrients, 'proteinG')).toBe(12.56);
    expect(nutrient(row.nutrients, 'sodiumMg')).toBe(142);
    expect(nutrient(row.nutrients, 'seleniumUg')).toBe(30.7);
    expect(nutrient(row.nutrients, 'cholesterolMg')).toBe(372);
    expect(row.householdWeights).toEqual([
      { description: '1 large', grams: 50 },
      { description: '1 extra large', grams: 56 },
    ]);
    expect(row.refusePct).toBe(12);
  });

  it('when ABBREV has no value for sugar or vitamins and no second weight, then those stay null and absent', () => {
    const row = parseAbbrevRow(CARAWAY_ABBREV_WITH_GAPS);
    expect(nutrient(row.nutrients, 'sugarG')).toBeNull();
    expect(nutrient(row.nutrients, 'cholineMg')).toBeNull();
    expect(nutrient(row.nutrients, 'vitaminKUg')).toBeNull();
    expect(nutrient(row.nutrients, 'saturatedFatG')).toBe(18.584);
    expect(row.householdWeights).toEqual([{ description: '1 oz', grams: 28.35 }]);
    expect(row.refusePct).toBe(0);
  });

  it('when an ABBREV line has the wrong number of fields, then parsing fails and names the file', () => {
    expect(() => parseAbbrevRow('~01123~^~EGG~^1')).toThrow(Sr28FormatError);
    expect(() => parseAbbrevRow('~01123~^~EGG~^1')).toThrow(/ABBREV: expected 53 fields, got 3/);
  });

  it('when a WEIGHT line is parsed, then amount, measure and grams come out, fractional amounts included', () => {
    expect(parseWeightRow('~05064~^3^.5^~breast, bone and skin removed~^86^^')).toEqual({
      ndb: '05064',
      seq: 3,
      amount: 0.5,
      description: 'breast, bone and skin removed',
      grams: 86,
    });
    expect(() => parseWeightRow('~05064~^3^.5^~breast~^^^')).toThrow(/WEIGHT 05064 Gm_Wgt: value is missing/);
  });

  it('when FOOD_DES and FD_GROUP lines are parsed, then names, common names and groups come out', () => {
    expect(parseFoodDesRow(EGG_FOOD_DES)).toEqual({
      ndb: '01123',
      groupCode: '0100',
      longDesc: 'Egg, whole, raw, fresh',
      shortDesc: 'EGG,WHL,RAW,FRSH',
      commonName: '',
      manufacturer: '',
    });
    expect(
      parseFoodDesRow(
        '~09148~^~0900~^~Kiwifruit, green, raw~^~KIWI~^~Chinese gooseberry~^~~^~Y~^~Skin~^24^~~^^^^',
      ),
    ).toMatchObject({
      commonName: 'Chinese gooseberry',
    });
    expect(parseFoodGroupRow(DAIRY_GROUP)).toEqual({ code: '0100', description: 'Dairy and Egg Products' });
    expect(() => parseFoodGroupRow('~0100~^~~')).toThrow(/FD_GROUP FdGrp_Desc: value is missing/);
  });
});

describe('household measures and rounding', () => {
  it('when an ABBREV measure starts with an amount, then amount and unit are split', () => {
    expect(splitHouseholdMeasure('1 large')).toEqual([1, 'large']);
    expect(splitHouseholdMeasure('1/2 cup')).toEqual([0.5, 'cup']);
    expect(splitHouseholdMeasure('0.25 tsp')).toEqual([0.25, 'tsp']);
    expect(splitHouseholdMeasure('serving')).toEqual([1, 'serving']);
  });

  it('when a value is rounded, then four significant digits stay and null stays null', () => {
    expect(roundNutrient(12.5649)).toBe(12.56);
    expect(roundNutrient(0.0123456)).toBe(0.01235);
    expect(roundNutrient(2499)).toBe(2499);
    expect(roundNutrient(0)).toBe(0);
    expect(roundNutrient(null)).toBeNull();
  });
});

describe('buildCompactTable', () => {
  const rows = {
    abbrev: [parseAbbrevRow(EGG_ABBREV), parseAbbrevRow(CARAWAY_ABBREV_WITH_GAPS)],
    foods: [parseFoodDesRow(EGG_FOOD_DES)],
    weights: EGG_WEIGHTS.map(parseWeightRow),
    groups: [parseFoodGroupRow(DAIRY_GROUP)],
  };

  it('when the files are joined, then each ABBREV food gets its names, group and WEIGHT portions in Seq order', () => {
    const table = buildCompactTable(rows, 'SR28');
    expect(table).toMatchObject({ format: 1, source: 'usda-sr28', release: 'SR28' });
    expect(table.nutrients[1]).toEqual(['kcal', 'kcal']);
    expect(table.groups).toEqual([['0100', 'Dairy and Egg Products']]);
    const [egg] = table.foods;
    expect(egg?.slice(0, 6)).toEqual(['01123', '0100', 'Egg, whole, raw, fresh', 'EGG,WHL,RAW,FRSH', '', '']);
    expect(egg?.[7]).toEqual([
      [1, 'large', 50],
      [1, 'extra large', 56],
      [1, 'medium', 44],
    ]);
  });

  it('when a food is missing from FOOD_DES and WEIGHT, then ABBREV supplies its name and household weights', () => {
    const caraway = buildCompactTable(rows, 'SR28').foods[1];
    expect(caraway?.slice(0, 4)).toEqual(['01008', '', 'CHEESE,CARAWAY', 'CHEESE,CARAWAY']);
    expect(caraway?.[6][1]).toBe(376);
    expect(caraway?.[7]).toEqual([[1, 'oz', 28.35]]);
  });

  it('when the table is serialised, then it is valid JSON with one food per line', () => {
    const table = buildCompactTable(rows, 'SR28');
    const json = serializeCompactTable(table);
    expect(JSON.parse(json)).toEqual(table);
    expect(json.split('\n').filter((line) => line.startsWith('["'))).toHaveLength(2);
  });
});
