// Reads the USDA SR28 ASCII files and assembles the compact table the app ships.
// This module has no value imports on purpose: scripts/nutrition/build-nutrition-table.ts imports it
// through Node's type stripping, which cannot map the `.js` specifiers tsc needs onto `.ts` files.

/** The 46 nutrient columns of ABBREV.txt (columns 3 to 48), in file order, all per 100 g edible portion. */
export const SR28_NUTRIENTS = [
  { key: 'waterG', unit: 'g', column: 'Water_(g)' },
  { key: 'kcal', unit: 'kcal', column: 'Energ_Kcal' },
  { key: 'proteinG', unit: 'g', column: 'Protein_(g)' },
  { key: 'fatG', unit: 'g', column: 'Lipid_Tot_(g)' },
  { key: 'ashG', unit: 'g', column: 'Ash_(g)' },
  { key: 'carbsG', unit: 'g', column: 'Carbohydrt_(g)' },
  { key: 'fiberG', unit: 'g', column: 'Fiber_TD_(g)' },
  { key: 'sugarG', unit: 'g', column: 'Sugar_Tot_(g)' },
  { key: 'calciumMg', unit: 'mg', column: 'Calcium_(mg)' },
  { key: 'ironMg', unit: 'mg', column: 'Iron_(mg)' },
  { key: 'magnesiumMg', unit: 'mg', column: 'Magnesium_(mg)' },
  { key: 'phosphorusMg', unit: 'mg', column: 'Phosphorus_(mg)' },
  { key: 'potassiumMg', unit: 'mg', column: 'Potassium_(mg)' },
  { key: 'sodiumMg', unit: 'mg', column: 'Sodium_(mg)' },
  { key: 'zincMg', unit: 'mg', column: 'Zinc_(mg)' },
  { key: 'copperMg', unit: 'mg', column: 'Copper_(mg)' },
  { key: 'manganeseMg', unit: 'mg', column: 'Manganese_(mg)' },
  { key: 'seleniumUg', unit: 'µg', column: 'Selenium_(µg)' },
  { key: 'vitaminCMg', unit: 'mg', column: 'Vit_C_(mg)' },
  { key: 'thiaminMg', unit: 'mg', column: 'Thiamin_(mg)' },
  { key: 'riboflavinMg', unit: 'mg', column: 'Riboflavin_(mg)' },
  { key: 'niacinMg', unit: 'mg', column: 'Niacin_(mg)' },
  { key: 'pantothenicAcidMg', unit: 'mg', column: 'Panto_Acid_(mg)' },
  { key: 'vitaminB6Mg', unit: 'mg', column: 'Vit_B6_(mg)' },
  { key: 'folateTotalUg', unit: 'µg', column: 'Folate_Tot_(µg)' },
  { key: 'folicAcidUg', unit: 'µg', column: 'Folic_Acid_(µg)' },
  { key: 'foodFolateUg', unit: 'µg', column: 'Food_Folate_(µg)' },
  { key: 'folateDfeUg', unit: 'µg', column: 'Folate_DFE_(µg)' },
  { key: 'cholineMg', unit: 'mg', column: 'Choline_Tot_(mg)' },
  { key: 'vitaminB12Ug', unit: 'µg', column: 'Vit_B12_(µg)' },
  { key: 'vitaminAIu', unit: 'IU', column: 'Vit_A_IU' },
  { key: 'vitaminARaeUg', unit: 'µg', column: 'Vit_A_RAE(µg)' },
  { key: 'retinolUg', unit: 'µg', column: 'Retinol_(µg)' },
  { key: 'alphaCaroteneUg', unit: 'µg', column: 'Alpha_Carot_(µg)' },
  { key: 'betaCaroteneUg', unit: 'µg', column: 'Beta_Carot_(µg)' },
  { key: 'betaCryptoxanthinUg', unit: 'µg', column: 'Beta_Crypt_(µg)' },
  { key: 'lycopeneUg', unit: 'µg', column: 'Lycopene_(µg)' },
  { key: 'luteinZeaxanthinUg', unit: 'µg', column: 'Lut+Zea_(µg)' },
  { key: 'vitaminEMg', unit: 'mg', column: 'Vit_E_(mg)' },
  { key: 'vitaminDUg', unit: 'µg', column: 'Vit_D_(µg)' },
  { key: 'vitaminDIu', unit: 'IU', column: 'Vit_D_(IU)' },
  { key: 'vitaminKUg', unit: 'µg', column: 'Vit_K_(µg)' },
  { key: 'saturatedFatG', unit: 'g', column: 'FA_Sat_(g)' },
  { key: 'monounsaturatedFatG', unit: 'g', column: 'FA_Mono_(g)' },
  { key: 'polyunsaturatedFatG', unit: 'g', column: 'FA_Poly_(g)' },
  { key: 'cholesterolMg', unit: 'mg', column: 'Cholestrl_(mg)' },
] as const;

export type NutrientKey = (typeof SR28_NUTRIENTS)[number]['key'];
export type NutrientUnit = (typeof SR28_NUTRIENTS)[number]['unit'];

const ABBREV_FIELD_COUNT = 53;
const ABBREV_FIRST_NUTRIENT = 2;

/** A field of an SR28 record: text without its `~` wrapper, or null when the field is empty (no value, not 0). */
export type Sr28Field = string | null;

export interface AbbrevRow {
  ndb: string;
  shortDesc: string;
  /** Per 100 g, in SR28_NUTRIENTS order; null where SR28 has no value. */
  nutrients: (number | null)[];
  /** GmWt_1/GmWt_Desc1 and GmWt_2/GmWt_Desc2; the description carries the amount, e.g. "1 large". */
  householdWeights: { description: string; grams: number }[];
  refusePct: number | null;
}

export interface WeightRow {
  ndb: string;
  seq: number;
  amount: number;
  description: string;
  /** Grams of `amount` × `description`, edible portion. */
  grams: number;
}

export interface FoodDesRow {
  ndb: string;
  groupCode: string;
  longDesc: string;
  shortDesc: string;
  commonName: string;
  manufacturer: string;
}

export interface FoodGroupRow {
  code: string;
  description: string;
}

/** [amount, unit description, grams for that amount]. */
export type CompactPortion = [amount: number, description: string, grams: number];

export type CompactFood = [
  ndb: string,
  groupCode: string,
  longDesc: string,
  shortDesc: string,
  commonName: string,
  manufacturer: string,
  nutrientsPer100g: (number | null)[],
  portions: CompactPortion[],
];

/** The shipped data file: a header naming the nutrient columns, then one array per food. */
export interface CompactTable {
  format: 1;
  source: 'usda-sr28';
  release: string;
  nutrients: [key: string, unit: string][];
  groups: [code: string, description: string][];
  foods: CompactFood[];
}

export class Sr28FormatError extends Error {
  override readonly name = 'Sr28FormatError';
}

/** Splits a file's text into records: CRLF or LF line ends, blank lines dropped. */
export function splitSr28Records(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/** `~abc~^12^^~~` → ['abc', '12', null, '']: `^` separates fields, `~` wraps text. */
export function parseSr28Fields(record: string): Sr28Field[] {
  return record.split('^').map((field) => {
    if (field.length >= 2 && field.startsWith('~') && field.endsWith('~')) return field.slice(1, -1);
    return field === '' ? null : field;
  });
}

/** A numeric field; empty means "no value" and stays null rather than becoming 0. */
export function parseSr28Number(field: Sr28Field | undefined, context: string): number | null {
  if (field === null || field === undefined || field.trim() === '') return null;
  const value = Number(field);
  if (!Number.isFinite(value)) throw new Sr28FormatError(`${context}: "${field}" is not a number`);
  return value;
}

function requireNumber(field: Sr28Field | undefined, context: string): number {
  const value = parseSr28Number(field, context);
  if (value === null) throw new Sr28FormatError(`${context}: value is missing`);
  return value;
}

function requireText(field: Sr28Field | undefined, context: string): string {
  if (field === null || field === undefined || field === '') {
    throw new Sr28FormatError(`${context}: value is missing`);
  }
  return field;
}

function fieldsOf(record: string, expected: number, file: string): Sr28Field[] {
  const fields = parseSr28Fields(record);
  if (fields.length !== expected) {
    throw new Sr28FormatError(
      `${file}: expected ${expected} fields, got ${fields.length} in "${record.slice(0, 60)}"`,
    );
  }
  return fields;
}

export function parseAbbrevRow(record: string): AbbrevRow {
  const fields = fieldsOf(record, ABBREV_FIELD_COUNT, 'ABBREV');
  const ndb = requireText(fields[0], 'ABBREV NDB_No');
  const context = `ABBREV ${ndb}`;
  const nutrients = SR28_NUTRIENTS.map((nutrient, index) =>
    parseSr28Number(fields[ABBREV_FIRST_NUTRIENT + index], `${context} ${nutrient.column}`),
  );
  const householdWeights: AbbrevRow['householdWeights'] = [];
  for (const [gramsAt, descAt] of [
    [48, 49],
    [50, 51],
  ] as const) {
    const grams = parseSr28Number(fields[gramsAt], `${context} GmWt`);
    const description = fields[descAt];
    if (grams !== null && description) householdWeights.push({ description, grams });
  }
  return {
    ndb,
    shortDesc: requireText(fields[1], `${context} Shrt_Desc`),
    nutrients,
    householdWeights,
    refusePct: parseSr28Number(fields[52], `${context} Refuse_Pct`),
  };
}

export function parseWeightRow(record: string): WeightRow {
  const fields = fieldsOf(record, 7, 'WEIGHT');
  const ndb = requireText(fields[0], 'WEIGHT NDB_No');
  const context = `WEIGHT ${ndb}`;
  return {
    ndb,
    seq: requireNumber(fields[1], `${context} Seq`),
    amount: requireNumber(fields[2], `${context} Amount`),
    description: requireText(fields[3], `${context} Msre_Desc`),
    grams: requireNumber(fields[4], `${context} Gm_Wgt`),
  };
}

export function parseFoodDesRow(record: string): FoodDesRow {
  const fields = fieldsOf(record, 14, 'FOOD_DES');
  const ndb = requireText(fields[0], 'FOOD_DES NDB_No');
  return {
    ndb,
    groupCode: requireText(fields[1], `FOOD_DES ${ndb} FdGrp_Cd`),
    longDesc: requireText(fields[2], `FOOD_DES ${ndb} Long_Desc`),
    shortDesc: fields[3] ?? '',
    commonName: fields[4] ?? '',
    manufacturer: fields[5] ?? '',
  };
}

export function parseFoodGroupRow(record: string): FoodGroupRow {
  const fields = fieldsOf(record, 2, 'FD_GROUP');
  return {
    code: requireText(fields[0], 'FD_GROUP FdGrp_Cd'),
    description: requireText(fields[1], 'FD_GROUP FdGrp_Desc'),
  };
}

/** "1 large" → [1, 'large']; "1/2 cup" → [0.5, 'cup']; no leading amount means one of the unit. */
export function splitHouseholdMeasure(description: string): [amount: number, unit: string] {
  const match = /^(\d+(?:\.\d+)?)(?:\/(\d+))?\s+(.+)$/.exec(description.trim());
  if (!match) return [1, description.trim()];
  const amount = Number(match[1]) / (match[2] ? Number(match[2]) : 1);
  return [amount, match[3] ?? ''];
}

/** Rounds to at most four significant digits: more than SR28 measures, and it keeps the file small. */
export function roundNutrient(value: number | null): number | null {
  if (value === null || value === 0) return value;
  return Number(value.toPrecision(4));
}

export interface Sr28Rows {
  abbrev: AbbrevRow[];
  foods: FoodDesRow[];
  weights: WeightRow[];
  groups: FoodGroupRow[];
}

/**
 * Joins the four files on NDB_No. ABBREV is the list of foods (it carries the nutrients); FOOD_DES adds
 * names and the food group; WEIGHT gives household portions, falling back to ABBREV's two gram weights
 * for a food WEIGHT does not list (NDB 33879 is in ABBREV only).
 */
export function buildCompactTable(rows: Sr28Rows, release: string): CompactTable {
  const descriptions = new Map(rows.foods.map((food) => [food.ndb, food]));
  const portionsByFood = new Map<string, WeightRow[]>();
  for (const weight of rows.weights) {
    const list = portionsByFood.get(weight.ndb) ?? [];
    list.push(weight);
    portionsByFood.set(weight.ndb, list);
  }
  const foods = rows.abbrev.map((row): CompactFood => {
    const description = descriptions.get(row.ndb);
    const weights = [...(portionsByFood.get(row.ndb) ?? [])].sort((a, b) => a.seq - b.seq);
    const portions: CompactPortion[] =
      weights.length > 0
        ? weights.map((weight) => [weight.amount, weight.description, weight.grams])
        : row.householdWeights.map((weight) => {
            const [amount, unit] = splitHouseholdMeasure(weight.description);
            return [amount, unit, weight.grams];
          });
    return [
      row.ndb,
      description?.groupCode ?? '',
      description?.longDesc ?? row.shortDesc,
      description?.shortDesc || row.shortDesc,
      description?.commonName ?? '',
      description?.manufacturer ?? '',
      row.nutrients.map(roundNutrient),
      portions,
    ];
  });
  return {
    format: 1,
    source: 'usda-sr28',
    release,
    nutrients: SR28_NUTRIENTS.map((nutrient): [string, string] => [nutrient.key, nutrient.unit]),
    groups: rows.groups.map((group): [string, string] => [group.code, group.description]),
    foods,
  };
}

/** One food per line: compact, yet a rebuild shows up in a diff as the foods that changed. */
export function serializeCompactTable(table: CompactTable): string {
  const { foods, ...header } = table;
  const headerJson = JSON.stringify(header);
  const foodLines = foods.map((food) => JSON.stringify(food)).join(',\n');
  return `${headerJson.slice(0, -1)},"foods":[\n${foodLines}\n]}\n`;
}
