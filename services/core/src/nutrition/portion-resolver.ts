import { foodWords, normalizeFoodText } from './food-words.js';
import { type MeasureUnit, readMeasureUnit } from './measure-units.js';
import type { FoodRecord, Portion } from './usda-table.js';

/**
 * How the grams were found: 'mass' a fixed conversion (g, oz, lb); 'household-measure' the food's own SR28
 * WEIGHT entry for the unit; 'volume-conversion' a volume turned into grams through the food's density
 * in SR28; 'default-portion' a bare count read as the food's usual piece; 'assumed-density' 1 g/ml.
 */
export type PortionBasis =
  | 'mass'
  | 'household-measure'
  | 'volume-conversion'
  | 'default-portion'
  | 'assumed-density';

export interface ResolvedPortion {
  grams: number;
  basis: PortionBasis;
  /** What one unit was taken to be, e.g. '1 large = 50 g'. */
  description: string;
  /** Defaults and conventions applied, in words, so nobody mistakes them for measurements. */
  assumptions: string[];
}

export interface PortionFailure {
  reason: 'no_portion';
  message: string;
}

export interface PortionRequest {
  food: FoodRecord;
  quantity: number;
  /** null when the text gave a bare count ("a banana", "2 eggs"). */
  unit: MeasureUnit | null;
  /** Words of the food text, to pick "cup, sliced" over "cup, chopped" and find "potato medium". */
  queryWords: readonly string[];
  /** The household measure a bare count means for this food, from the preferred-foods table. */
  defaultPortion?: string;
}

interface KnownPortion {
  portion: Portion;
  unit: MeasureUnit | null;
  /** First word of the description, stemmed: "potato" in "potato medium". */
  firstWord: string;
  words: Set<string>;
  gramsPerUnit: number;
}

/** Generic words for "one of it", best first, when the food has no medium size or named piece. */
const COUNT_WORDS = ['each', 'whole', 'fruit', 'piece', 'item', 'slice', 'serving', 'large', 'small'];

/** Drinks are counted in cups: "a coffee", "2 milks". */
const DRINK_GROUP = '1400';

function rawWords(text: string): string[] {
  return normalizeFoodText(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function describe(portion: Portion): KnownPortion {
  const words = rawWords(portion.description);
  // "NLEA serving" is the US label serving: a serving.
  const unitStart = words[0] === 'nlea' ? 1 : 0;
  return {
    portion,
    unit: readMeasureUnit(words, unitStart)?.unit ?? null,
    firstWord: foodWords(portion.description)[0] ?? '',
    words: new Set(foodWords(portion.description)),
    gramsPerUnit: portion.grams / portion.amount,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function formatPortion(known: KnownPortion): string {
  return `1 ${known.portion.description} = ${round(known.gramsPerUnit)} g`;
}

/** Among candidates, the one sharing most words with the query; SR28's own order breaks ties. */
function closest(
  candidates: readonly KnownPortion[],
  queryWords: readonly string[],
): KnownPortion | undefined {
  let best: KnownPortion | undefined;
  let bestOverlap = -1;
  for (const candidate of candidates) {
    const overlap = queryWords.filter((word) => candidate.words.has(word)).length;
    if (overlap > bestOverlap) {
      best = candidate;
      bestOverlap = overlap;
    }
  }
  return best;
}

function nameWords(request: PortionRequest): Set<string> {
  const head = foodWords(request.food.name.split(',')[0] ?? '');
  return new Set([...request.queryWords, ...head]);
}

function isDrink(food: FoodRecord): boolean {
  const words = new Set(foodWords(food.name));
  return food.groupCode === DRINK_GROUP || words.has('fluid') || words.has('juice');
}

/** The portion a bare count means: the named default, a medium piece, a piece named after the food... */
function defaultPiece(request: PortionRequest, portions: readonly KnownPortion[]): KnownPortion | undefined {
  const names = nameWords(request);
  const wanted = request.defaultPortion ? normalizeFoodText(request.defaultPortion) : undefined;
  const tiers: ((known: KnownPortion) => boolean)[] = [
    (known) => wanted !== undefined && normalizeFoodText(known.portion.description).startsWith(wanted),
    (known) => names.has(known.firstWord) && known.words.has('medium'),
    (known) => known.unit?.name === 'medium',
    (known) => names.has(known.firstWord),
    ...COUNT_WORDS.map(
      (word) => (known: KnownPortion) => known.unit?.name === word || known.firstWord === word,
    ),
    (known) => isDrink(request.food) && known.unit?.name === 'cup',
  ];
  for (const tier of tiers) {
    const found = portions.find(tier);
    if (found) return found;
  }
  return undefined;
}

function fromPiece(request: PortionRequest, known: KnownPortion, basis: PortionBasis, assumptions: string[]) {
  return {
    grams: round(request.quantity * known.gramsPerUnit),
    basis,
    description: formatPortion(known),
    assumptions,
  };
}

function resolveVolume(request: PortionRequest, unit: MeasureUnit, portions: readonly KnownPortion[]) {
  const assumptions = unit.assumption ? [unit.assumption] : [];
  const same = portions.filter((known) => known.unit?.name === unit.name);
  const exact = closest(same, request.queryWords);
  if (exact) return fromPiece(request, exact, 'household-measure', assumptions);
  const millilitres = request.quantity * unit.factor;
  const volumes = portions.filter((known) => known.unit?.kind === 'volume' && known.unit.factor > 0);
  const reference = closest(volumes, request.queryWords);
  if (reference?.unit) {
    const density = reference.gramsPerUnit / reference.unit.factor;
    return {
      grams: round(millilitres * density),
      basis: 'volume-conversion' as const,
      description: `${formatPortion(reference)} (${density.toFixed(2)} g/ml)`,
      assumptions,
    };
  }
  return {
    grams: round(millilitres),
    basis: 'assumed-density' as const,
    description: `1 ${unit.name} = ${round(unit.factor)} g`,
    assumptions: [
      ...assumptions,
      'SR28 has no volume measure for this food: assumed 1 g/ml (the density of water)',
    ],
  };
}

function resolvePiece(request: PortionRequest, unit: MeasureUnit | null, portions: readonly KnownPortion[]) {
  if (unit) {
    const names = nameWords(request);
    const matching = portions.filter(
      (known) =>
        known.unit?.name === unit.name ||
        (unit.kind === 'size' && names.has(known.firstWord) && known.words.has(unit.name)),
    );
    const found = closest(matching, request.queryWords);
    if (found) return fromPiece(request, found, 'household-measure', []);
    // A piece, a serving or a size word without its own SR28 measure still means "one of it".
    if (unit.kind === 'household' && !['piece', 'each', 'serving'].includes(unit.name)) return null;
  }
  const piece = defaultPiece(request, portions);
  if (!piece) return null;
  const said = unit ? `"${unit.name}"` : 'a count without unit';
  return fromPiece(request, piece, 'default-portion', [
    `${said} read as SR28's "${piece.portion.description}" (${round(piece.gramsPerUnit)} g each)`,
  ]);
}

/** Grams for `quantity` × `unit` of a food, from SR28 household measures or a stated default; never a guess. */
export function resolvePortion(request: PortionRequest): ResolvedPortion | PortionFailure {
  const { food, quantity, unit } = request;
  if (unit?.kind === 'mass') {
    return {
      grams: round(quantity * unit.factor),
      basis: 'mass',
      description: `1 ${unit.name} = ${unit.factor} g`,
      assumptions: [],
    };
  }
  const portions = food.portions.map(describe);
  if (unit?.kind === 'volume') return resolveVolume(request, unit, portions);
  const piece = resolvePiece(request, unit, portions);
  if (piece) return piece;
  const measure = unit ? `a "${unit.name}"` : 'one piece';
  return {
    reason: 'no_portion',
    message: `SR28 has no weight for ${measure} of "${food.name}": give the amount in g, ml or cups`,
  };
}
