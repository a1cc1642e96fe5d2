import { type MeasureUnit, readMeasureUnit } from './measure-units.js';

export interface QuantityPhrase {
  /** How many units; 1 when the text names the food only ("banana"). */
  quantity: number;
  /** False when no amount was written and 1 was implied. */
  quantityStated: boolean;
  unit: MeasureUnit | null;
  /** A size before a household word ("1 large slice"): a hint for choosing the SR28 measure. */
  sizeHint: string | null;
  /** The words naming the food, amount and unit removed. */
  foodText: string;
  /** Readings of the amount that are conventions, e.g. a range taken at its middle. */
  assumptions: string[];
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  couple: 2,
  half: 0.5,
  quarter: 0.25,
};

const ARTICLES = new Set(['a', 'an']);

interface NumberAt {
  value: number;
  length: number;
  assumption?: string;
}

function parseNumberToken(token: string | undefined): number | null {
  if (token === undefined) return null;
  if (/^\d+(?:[.,]\d+)?$|^[.,]\d+$/.test(token)) return Number(token.replace(',', '.'));
  const fraction = /^(\d+)\/(\d+)$/.exec(token);
  if (fraction) {
    const denominator = Number(fraction[2]);
    return denominator === 0 ? Number.NaN : Number(fraction[1]) / denominator;
  }
  return null;
}

/** "2", "1.5", "1/2", "1 1/2", "2-3" (a range: its middle), "two", "a", "half a", "a dozen", "a couple of". */
function readNumber(words: readonly string[], start: number): NumberAt | null {
  const token = words[start];
  if (token === undefined) return null;
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(token);
  if (range) {
    const value = (Number(range[1]) + Number(range[2])) / 2;
    return { value, length: 1, assumption: `the range ${token} was taken as ${value}` };
  }
  const numeric = parseNumberToken(token);
  if (numeric !== null) {
    const fraction = /^\d+$/.test(token) ? parseNumberToken(words[start + 1]) : null;
    if (fraction !== null && /\//.test(words[start + 1] ?? ''))
      return { value: numeric + fraction, length: 2 };
    return { value: numeric, length: 1 };
  }
  const named = NUMBER_WORDS[token];
  if (named === undefined) return null;
  let value = named;
  let length = 1;
  const next = words[start + 1];
  // "a half", "a dozen", "a couple", "half a dozen", "one 1/2" (from "one and a half")
  if (ARTICLES.has(token) && next !== undefined && NUMBER_WORDS[next] !== undefined && !ARTICLES.has(next)) {
    value = NUMBER_WORDS[next] ?? 1;
    length = 2;
  } else if (!ARTICLES.has(token)) {
    const fraction = /\//.test(next ?? '') ? parseNumberToken(next) : null;
    if (fraction !== null) {
      value += fraction;
      length = 2;
    }
  }
  if (value < 1 && ARTICLES.has(words[start + length] ?? '')) {
    length += 1; // "half an avocado"
    if (words[start + length] === 'dozen') {
      value *= 12;
      length += 1;
    }
  }
  if (words[start + length] === 'of') length += 1; // "a couple of"
  return { value, length };
}

/** "2 x 100 g" is not supported; "2x eggs" and "eggs x2" are counts. */
function skipTimes(words: readonly string[], at: number): number {
  return words[at] === 'x' || words[at] === '*' ? at + 1 : at;
}

interface UnitRead {
  unit: MeasureUnit | null;
  sizeHint: string | null;
  next: number;
}

function readUnit(words: readonly string[], start: number, requireOf: boolean): UnitRead {
  const none = { unit: null, sizeHint: null, next: start };
  const first = readMeasureUnit(words, start);
  if (!first) return none;
  let unit = first.unit;
  let sizeHint: string | null = null;
  let next = start + first.length;
  const second = unit.kind === 'size' ? readMeasureUnit(words, next) : null;
  if (second && second.unit.kind === 'household' && !second.unit.needsOf) {
    sizeHint = unit.name; // "1 large slice of bread"
    unit = second.unit;
    next += second.length;
  }
  const followedByOf = words[next] === 'of';
  if ((requireOf || unit.needsOf) && !followedByOf) return none;
  if (followedByOf) next += 1;
  if (next >= words.length) return none; // the unit word is the food itself: "2 large"
  return { unit, sizeHint, next };
}

function readTrailingAmount(words: readonly string[]): QuantityPhrase | null {
  const last = words.length - 1;
  const unitAtEnd = readMeasureUnit(words, last);
  if (unitAtEnd && unitAtEnd.unit.kind !== 'size' && !unitAtEnd.unit.needsOf) {
    const value = parseNumberToken(words[last - 1]);
    if (value !== null && last - 1 > 0) {
      return phrase(value, unitAtEnd.unit, null, words.slice(0, last - 1), []);
    }
  }
  const value = parseNumberToken(words[last]);
  if (value !== null && last > 0) {
    const end = words[last - 1] === 'x' ? last - 1 : last;
    if (end > 0) return phrase(value, null, null, words.slice(0, end), []);
  }
  return null;
}

function phrase(
  quantity: number,
  unit: MeasureUnit | null,
  sizeHint: string | null,
  foodWords: readonly string[],
  assumptions: string[],
): QuantityPhrase {
  return { quantity, quantityStated: true, unit, sizeHint, foodText: foodWords.join(' '), assumptions };
}

/** Splits numbers glued to units ("150g", "2tbsp", "x2") and drops brackets: "rice (1 cup)" → "rice 1 cup". */
export function wordsOfSegment(segment: string): string[] {
  return segment
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/\bx(\d)/g, 'x $1')
    .replace(/[()[\]{}"!?]/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '');
}

/**
 * Reads the amount and unit of one food phrase (normalised text): "2 large eggs", "150g chicken breast",
 * "half an avocado", "1 1/2 cups of rice", "cup of tea", "chicken breast 150 g", "eggs x2".
 */
export function parseQuantityPhrase(segment: string): QuantityPhrase {
  const words = wordsOfSegment(segment);
  const number = readNumber(words, 0);
  if (number) {
    const afterNumber = skipTimes(words, number.length);
    const unit = readUnit(words, afterNumber, false);
    const assumptions = number.assumption ? [number.assumption] : [];
    return phrase(number.value, unit.unit, unit.sizeHint, words.slice(unit.next), assumptions);
  }
  const unit = readUnit(words, 0, true);
  if (unit.unit) return phrase(1, unit.unit, unit.sizeHint, words.slice(unit.next), []);
  const trailing = readTrailingAmount(words);
  if (trailing) return trailing;
  return {
    quantity: 1,
    quantityStated: false,
    unit: null,
    sizeHint: null,
    foodText: words.join(' '),
    assumptions: [],
  };
}
