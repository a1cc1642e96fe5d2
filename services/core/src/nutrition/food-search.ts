import { foodWords, queryWords } from './food-words.js';
import { PREFERRED_FOODS, type PreferredFood } from './preferred-foods.js';
import { type FoodRecord, loadUsdaSr28Table, type NutritionTable } from './usda-table.js';

export interface FoodMatch {
  food: FoodRecord;
  score: number;
  /** 'preferred': the hand-picked everyday reading of the query; 'scored': the best word match. */
  basis: 'preferred' | 'scored';
  /** The household measure a bare count means for this food, when the preferred table names one. */
  defaultPortion?: string;
}

export interface FoodSearchResult {
  query: string;
  chosen: FoodMatch | null;
  alternatives: FoodMatch[];
}

export interface FoodSearchOptions {
  /** How many alternatives to return besides the chosen food (default 5). */
  alternatives?: number;
}

export interface FoodSearch {
  search(query: string, options?: FoodSearchOptions): FoodSearchResult;
  /** Whether words joined by "and"/"with" name one dish in SR28 ("macaroni and cheese"), not two foods. */
  isDishName(phrase: string): boolean;
}

interface IndexedFood {
  food: FoodRecord;
  /** Every word of the long description and the common names. */
  words: Set<string>;
  /** Words of each comma- or semicolon-separated part of the description, parenthesised text left out. */
  segments: Set<string>[];
  /** The part naming the food itself: the first, or the second after a category such as "Fish, salmon". */
  head: number;
  /** Words in parentheses: qualifiers such as "(ham)" or "(drumsticks and thighs)". */
  qualifierWords: Set<string>;
  commonWords: Set<string>;
  state: 'raw' | 'cooked' | 'neutral';
  /** Fixed score for what the food is, whatever the query: branded, fast food, baby food... */
  kindScore: number;
}

const COOKED_WORDS = new Set([
  'cooked',
  'roasted',
  'baked',
  'boiled',
  'fried',
  'grilled',
  'broiled',
  'stewed',
  'braised',
  'steamed',
  'poached',
  'scrambled',
  'microwaved',
  'toasted',
  'simmered',
  'heated',
  'prepared',
  'rotisserie',
]);
/** For meat and grains "dry" or "unprepared" means not yet cooked; for fruit and vegetables only "raw" does. */
const NOT_COOKED_WORDS = new Set(['raw', 'uncooked', 'unprepared', 'dry', 'unheated']);

/** Groups whose foods are eaten cooked (meat, fish, legumes, grains) or raw (fruit, vegetables). */
const USUALLY_COOKED_GROUPS = new Set(['0500', '0700', '1000', '1300', '1500', '1600', '1700', '2000']);
const USUALLY_RAW_GROUPS = new Set(['0900', '1100']);

/** Fast food, restaurant, baby food and regional lists hold plain words too, but rarely mean them. */
const GROUP_SCORES: Readonly<Record<string, number>> = {
  '0300': -40,
  '2100': -12,
  '3600': -12,
  '3500': -15,
  '2200': -8,
};
const BRANDED_SCORE = -20;

/** First parts of SR28 descriptions that name a category; the food itself is the next part. */
const CATEGORY_HEADS = new Set([
  'fish',
  'nut',
  'seed',
  'beverage',
  'alcoholic beverage',
  'cheese',
  'crustacean',
  'mollusk',
  'cereal',
  'cereal ready to eat',
  'spice',
  'fast food',
  'game meat',
  'candy',
]);

/** Processing words a plain query does not ask for. */
const PROCESSED_WORDS = new Set([
  'canned',
  'frozen',
  'dried',
  'dehydrated',
  'powder',
  'granule',
  'imitation',
  'meatless',
  'low',
  'lowfat',
  'nonfat',
  'reduced',
  'free',
  'light',
  'diet',
  'solution',
  'salt',
  'sweetened',
  'babyfood',
  'mix',
  'substitute',
  'sodium',
  'fortified',
  'non',
  'glazed',
  'candied',
  'coated',
  'breaded',
  'battered',
  'fried',
  'cured',
  'smoked',
]);

/** Parts of an animal people do not mean when they name the animal or a cut. */
const SIDE_PART_WORDS = new Set([
  'skin',
  'giblet',
  'gizzard',
  'liver',
  'heart',
  'neck',
  'back',
  'feet',
  'separable',
]);

/** Upper-case words in SR28 descriptions that are not brand names. */
const NOT_BRANDS = new Set(['USDA', 'DHA', 'ARA', 'NFS', 'NLEA', 'UHT', 'USA']);

const FILLER_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'and',
  'with',
  'in',
  'or',
  'to',
  'for',
  'from',
  'ns',
  'as',
]);

/** Words a query may carry that describe the portion or the shopping, not the food. */
const IGNORABLE_QUERY_WORDS = new Set([
  'sliced',
  'slice',
  'chopped',
  'diced',
  'cubed',
  'mashed',
  'shredded',
  'grated',
  'minced',
  'fresh',
  'plain',
  'organic',
  'homemade',
  'large',
  'medium',
  'small',
  'big',
  'piece',
  'whole',
  'cup',
  'portion',
  'serving',
]);

function isBranded(food: FoodRecord): boolean {
  if (food.manufacturer !== null) return true;
  const upperWords = food.name.match(/\b[A-Z][A-Z'&]{2,}\b/g) ?? [];
  return upperWords.some((word) => !NOT_BRANDS.has(word));
}

function stateOf(words: Set<string>, groupCode: string): IndexedFood['state'] {
  for (const word of words) if (COOKED_WORDS.has(word)) return 'cooked';
  if (USUALLY_RAW_GROUPS.has(groupCode)) return words.has('raw') ? 'raw' : 'neutral';
  for (const word of words) if (NOT_COOKED_WORDS.has(word)) return 'raw';
  return 'neutral';
}

function indexFood(food: FoodRecord): IndexedFood {
  const qualifiers = food.name.match(/\([^)]*\)?/g) ?? [];
  const withoutQualifiers = food.name.replace(/\([^)]*\)?/g, ' ');
  const segments = withoutQualifiers.split(/[,;]/).map((segment) => new Set(foodWords(segment)));
  const qualifierWords = new Set(qualifiers.flatMap((text) => foodWords(text)));
  const commonWords = new Set(food.commonNames.flatMap((name) => foodWords(name)));
  const descriptionWords = new Set([...segments.flatMap((segment) => [...segment]), ...qualifierWords]);
  const first = [...(segments[0] ?? [])].join(' ');
  return {
    food,
    words: new Set([...descriptionWords, ...commonWords]),
    segments,
    head: CATEGORY_HEADS.has(first) && segments.length > 1 ? 1 : 0,
    qualifierWords,
    commonWords,
    state: stateOf(descriptionWords, food.groupCode),
    kindScore: (GROUP_SCORES[food.groupCode] ?? 0) + (isBranded(food) ? BRANDED_SCORE : 0),
  };
}

function positionScore(indexed: IndexedFood, word: string): number {
  const segment = indexed.segments.findIndex((words) => words.has(word));
  if (segment === indexed.head) return 10;
  if (segment >= 0) return Math.abs(segment - indexed.head) === 1 ? 6 : 3;
  if (indexed.qualifierWords.has(word)) return 1;
  return 4;
}

function stateScore(indexed: IndexedFood, query: readonly string[]): number {
  if (query.some((word) => COOKED_WORDS.has(word) || NOT_COOKED_WORDS.has(word))) return 0;
  const group = indexed.food.groupCode;
  if (USUALLY_COOKED_GROUPS.has(group)) {
    if (indexed.state === 'cooked') return 8;
    if (indexed.state === 'raw') return -8;
  }
  if (USUALLY_RAW_GROUPS.has(group)) {
    if (indexed.state === 'raw') return 8;
    if (indexed.state === 'cooked') return -4;
  }
  return 0;
}

/**
 * Higher is better; `query` holds stemmed words. A missing query word costs more than any bonus gives.
 * Rewards: query words in the part naming the food, a food named by exactly the query ("Apples" for
 * "apple"), the usual raw or cooked state. Costs: every extra word, processing words, a food whose own
 * name is something else ("Oil, walnut" for "walnuts"), branded and fast-food lists.
 */
function scoreFood(indexed: IndexedFood, query: readonly string[]): number {
  const querySet = new Set(query);
  let score = indexed.kindScore + stateScore(indexed, query);
  for (const word of querySet) score += indexed.words.has(word) ? positionScore(indexed, word) : -25;
  const head = [...(indexed.segments[indexed.head] ?? [])].filter((word) => !FILLER_WORDS.has(word));
  if (head.every((word) => querySet.has(word))) score += 15;
  if (!head.some((word) => querySet.has(word))) score -= 6;
  const extraWords = [...indexed.words].filter(
    (word) => !querySet.has(word) && !FILLER_WORDS.has(word) && !indexed.commonWords.has(word),
  );
  score -= 1.5 * extraWords.length;
  for (const word of extraWords) {
    if (PROCESSED_WORDS.has(word)) score -= 3;
    if (SIDE_PART_WORDS.has(word) && indexed.segments.some((segment) => segment.has(word))) score -= 4;
  }
  return score;
}

function byScore(a: FoodMatch, b: FoodMatch): number {
  return b.score - a.score || a.food.name.length - b.food.name.length || a.food.id.localeCompare(b.food.id);
}

class IndexedFoodSearch implements FoodSearch {
  private readonly indexed: IndexedFood[];
  private readonly byWord = new Map<string, IndexedFood[]>();
  private readonly byId = new Map<string, IndexedFood>();
  private readonly preferred = new Map<string, PreferredFood>();
  private readonly dishPhrases = new Set<string>();

  constructor(table: NutritionTable) {
    this.indexed = table.foods.map(indexFood);
    for (const indexed of this.indexed) {
      this.byId.set(indexed.food.id, indexed);
      for (const word of indexed.words) {
        const list = this.byWord.get(word) ?? [];
        list.push(indexed);
        this.byWord.set(word, list);
      }
    }
    for (const food of table.foods) {
      for (const name of [food.name.split(',')[0] ?? '', ...food.commonNames]) this.addDishPhrases(name);
    }
    for (const entry of PREFERRED_FOODS) {
      for (const wording of entry.queries) this.preferred.set(queryWords(wording).join(' '), entry);
    }
  }

  search(query: string, options: FoodSearchOptions = {}): FoodSearchResult {
    const limit = options.alternatives ?? 5;
    const words = queryWords(query);
    if (words.length === 0) return { query, chosen: null, alternatives: [] };
    const scored = this.rank(words);
    const preferred = this.preferredMatch(words);
    const ranked = preferred
      ? [preferred, ...scored.filter((match) => match.food.id !== preferred.food.id)]
      : scored;
    const [chosen, ...rest] = ranked;
    return { query, chosen: chosen ?? null, alternatives: rest.slice(0, limit) };
  }

  isDishName(phrase: string): boolean {
    return this.dishPhrases.has(foodWords(phrase).join(' '));
  }

  private addDishPhrases(name: string): void {
    const words = foodWords(name);
    words.forEach((word, at) => {
      if ((word === 'and' || word === 'with') && at > 0 && at < words.length - 1) {
        this.dishPhrases.add(words.slice(at - 1, at + 2).join(' '));
      }
    });
  }

  private preferredMatch(words: readonly string[]): FoodMatch | null {
    const entry = this.preferred.get(words.join(' '));
    const indexed = entry ? this.byId.get(entry.id) : undefined;
    if (!entry || !indexed) return null;
    const match: FoodMatch = { food: indexed.food, score: scoreFood(indexed, words), basis: 'preferred' };
    if (entry.defaultPortion) match.defaultPortion = entry.defaultPortion;
    return match;
  }

  /**
   * Foods holding every query word first; failing that, the query without portion and shopping words;
   * failing that, foods holding at least half of the words (each missing word costs a lot).
   */
  private rank(words: readonly string[]): FoodMatch[] {
    const core = words.filter((word) => !IGNORABLE_QUERY_WORDS.has(word));
    if (core.length === 0) return []; // "large" or "sliced" alone names no food
    const attempts = core.length > 0 && core.length < words.length ? [words, core] : [words];
    for (const attempt of attempts) {
      const complete = this.withAllWords(attempt);
      if (complete.length > 0) return this.scoreAll(complete, attempt);
    }
    const needed = Math.max(1, Math.ceil(core.length / 2));
    const counts = new Map<IndexedFood, number>();
    for (const word of new Set(core)) {
      for (const indexed of this.byWord.get(word) ?? []) counts.set(indexed, (counts.get(indexed) ?? 0) + 1);
    }
    const partial = [...counts].filter(([, count]) => count >= needed).map(([indexed]) => indexed);
    return this.scoreAll(partial, core);
  }

  private withAllWords(words: readonly string[]): IndexedFood[] {
    const lists = [...new Set(words)].map((word) => this.byWord.get(word) ?? []);
    const smallest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    return smallest.filter((indexed) => words.every((word) => indexed.words.has(word)));
  }

  private scoreAll(candidates: readonly IndexedFood[], words: readonly string[]): FoodMatch[] {
    return candidates
      .map(
        (indexed): FoodMatch => ({ food: indexed.food, score: scoreFood(indexed, words), basis: 'scored' }),
      )
      .sort(byScore);
  }
}

/** Builds the word index over `table` once; searching is then a few set lookups. */
export function createFoodSearch(table: NutritionTable): FoodSearch {
  return new IndexedFoodSearch(table);
}

let shipped: FoodSearch | undefined;

/** The search over the shipped SR28 table, indexed on first use. */
export function getUsdaSr28FoodSearch(): FoodSearch {
  shipped ??= createFoodSearch(loadUsdaSr28Table());
  return shipped;
}
