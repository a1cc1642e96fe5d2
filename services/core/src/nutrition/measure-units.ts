import { stemWord } from './food-words.js';

/**
 * mass and volume convert by a fixed factor; a size ("large") or household word ("slice", "can")
 * only has a weight through a food's own SR28 household measures.
 */
export type MeasureKind = 'mass' | 'volume' | 'size' | 'household';

export interface MeasureUnit {
  /** Canonical name, e.g. 'g', 'cup', 'fl oz', 'large', 'slice'. */
  name: string;
  kind: MeasureKind;
  /** Grams (mass) or millilitres (volume) in one unit; 0 for sizes and household words. */
  factor: number;
  /** Set when the unit itself is a convention rather than a measure (a "glass"). */
  assumption?: string;
  /** Household words that are also ordinary words count as a unit only before "of" ("2 ears of corn"). */
  needsOf?: boolean;
}

const US_CUP_ML = 236.588;

const UNITS: readonly (MeasureUnit & { aliases: readonly string[] })[] = [
  { name: 'g', kind: 'mass', factor: 1, aliases: ['g', 'gr', 'gm', 'gram', 'gramme', 'grams'] },
  { name: 'kg', kind: 'mass', factor: 1000, aliases: ['kg', 'kgs', 'kilo', 'kilogram', 'kilogramme'] },
  { name: 'oz', kind: 'mass', factor: 28.3495, aliases: ['oz', 'ozs', 'ounce'] },
  { name: 'lb', kind: 'mass', factor: 453.592, aliases: ['lb', 'lbs', 'pound'] },
  { name: 'ml', kind: 'volume', factor: 1, aliases: ['ml', 'mls', 'milliliter', 'millilitre'] },
  { name: 'cl', kind: 'volume', factor: 10, aliases: ['cl', 'centiliter', 'centilitre'] },
  { name: 'dl', kind: 'volume', factor: 100, aliases: ['dl', 'deciliter', 'decilitre'] },
  { name: 'l', kind: 'volume', factor: 1000, aliases: ['l', 'ltr', 'liter', 'litre'] },
  { name: 'fl oz', kind: 'volume', factor: 29.5735, aliases: ['fl oz', 'floz', 'fluid ounce', 'fl ounce'] },
  { name: 'cup', kind: 'volume', factor: US_CUP_ML, aliases: ['cup'] },
  { name: 'tbsp', kind: 'volume', factor: 14.7868, aliases: ['tbsp', 'tbs', 'tbl', 'tblsp', 'tablespoon'] },
  { name: 'tsp', kind: 'volume', factor: 4.92892, aliases: ['tsp', 'teaspoon'] },
  { name: 'pint', kind: 'volume', factor: 473.176, aliases: ['pint', 'pt'] },
  { name: 'quart', kind: 'volume', factor: 946.353, aliases: ['quart', 'qt'] },
  {
    name: 'glass',
    kind: 'volume',
    factor: 250,
    assumption: 'a glass is taken as 250 ml',
    aliases: ['glass'],
  },
  { name: 'extra large', kind: 'size', factor: 0, aliases: ['extra large', 'xl'] },
  { name: 'extra small', kind: 'size', factor: 0, aliases: ['extra small'] },
  { name: 'large', kind: 'size', factor: 0, aliases: ['large', 'big'] },
  { name: 'medium', kind: 'size', factor: 0, aliases: ['medium', 'med'] },
  { name: 'small', kind: 'size', factor: 0, aliases: ['small'] },
  { name: 'jumbo', kind: 'size', factor: 0, aliases: ['jumbo'] },
  { name: 'slice', kind: 'household', factor: 0, aliases: ['slice'] },
  { name: 'piece', kind: 'household', factor: 0, aliases: ['piece', 'pc', 'pcs'] },
  { name: 'serving', kind: 'household', factor: 0, aliases: ['serving', 'portion'] },
  { name: 'each', kind: 'household', factor: 0, aliases: ['each', 'item'] },
  { name: 'stick', kind: 'household', factor: 0, aliases: ['stick'] },
  { name: 'pat', kind: 'household', factor: 0, aliases: ['pat'] },
  { name: 'clove', kind: 'household', factor: 0, aliases: ['clove'] },
  { name: 'stalk', kind: 'household', factor: 0, aliases: ['stalk'] },
  { name: 'can', kind: 'household', factor: 0, aliases: ['can', 'tin'] },
  { name: 'container', kind: 'household', factor: 0, aliases: ['container', 'tub'] },
  { name: 'package', kind: 'household', factor: 0, aliases: ['package', 'pack', 'pkg'] },
  { name: 'packet', kind: 'household', factor: 0, aliases: ['packet', 'sachet'] },
  { name: 'jar', kind: 'household', factor: 0, aliases: ['jar'] },
  { name: 'bottle', kind: 'household', factor: 0, aliases: ['bottle'] },
  { name: 'pouch', kind: 'household', factor: 0, aliases: ['pouch'] },
  { name: 'scoop', kind: 'household', factor: 0, aliases: ['scoop'] },
  { name: 'fillet', kind: 'household', factor: 0, aliases: ['fillet', 'filet'] },
  { name: 'patty', kind: 'household', factor: 0, aliases: ['patty'] },
  { name: 'spear', kind: 'household', factor: 0, aliases: ['spear'] },
  { name: 'sprig', kind: 'household', factor: 0, aliases: ['sprig'] },
  // Not SR28 measures: named so that "2 bowls of rice" asks for an amount instead of finding "Rice bowl".
  { name: 'bowl', kind: 'household', factor: 0, aliases: ['bowl'] },
  { name: 'plate', kind: 'household', factor: 0, aliases: ['plate', 'plateful'] },
  { name: 'handful', kind: 'household', factor: 0, aliases: ['handful'] },
  { name: 'fruit', kind: 'household', factor: 0, needsOf: true, aliases: ['fruit'] },
  { name: 'head', kind: 'household', factor: 0, needsOf: true, aliases: ['head'] },
  { name: 'ear', kind: 'household', factor: 0, needsOf: true, aliases: ['ear'] },
  { name: 'leaf', kind: 'household', factor: 0, needsOf: true, aliases: ['leaf', 'leave'] },
  { name: 'cube', kind: 'household', factor: 0, needsOf: true, aliases: ['cube'] },
  { name: 'strip', kind: 'household', factor: 0, needsOf: true, aliases: ['strip'] },
  { name: 'link', kind: 'household', factor: 0, needsOf: true, aliases: ['link'] },
  { name: 'bar', kind: 'household', factor: 0, needsOf: true, aliases: ['bar'] },
  { name: 'wedge', kind: 'household', factor: 0, needsOf: true, aliases: ['wedge'] },
];

const BY_ALIAS = new Map<string, MeasureUnit>();
for (const { aliases, ...unit } of UNITS) {
  for (const alias of aliases) BY_ALIAS.set(alias.split(' ').map(stemWord).join(' '), unit);
}

export interface UnitAt {
  unit: MeasureUnit;
  /** How many words the unit took ("fl oz" takes two). */
  length: number;
}

/** The unit spelled at `words[start]` (two-word units first), plural or singular; null when none is. */
export function readMeasureUnit(words: readonly string[], start: number): UnitAt | null {
  for (const length of [2, 1]) {
    const phrase = words.slice(start, start + length);
    if (phrase.length < length) continue;
    const unit = BY_ALIAS.get(phrase.map((word) => stemWord(word.replace(/\.$/, ''))).join(' '));
    if (unit) return { unit, length };
  }
  return null;
}

export function unitByName(name: string): MeasureUnit | undefined {
  return BY_ALIAS.get(name);
}
