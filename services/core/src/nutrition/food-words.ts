// Turns food text into comparable words: the same rules run on user text and on SR28 descriptions.

const VULGAR_FRACTIONS: Readonly<Record<string, string>> = {
  '½': '1/2',
  '⅓': '1/3',
  '⅔': '2/3',
  '¼': '1/4',
  '¾': '3/4',
  '⅕': '1/5',
  '⅖': '2/5',
  '⅗': '3/5',
  '⅘': '4/5',
  '⅙': '1/6',
  '⅚': '5/6',
  '⅛': '1/8',
  '⅜': '3/8',
  '⅝': '5/8',
  '⅞': '7/8',
};

/**
 * Lower case, accents and compatibility forms folded ("Entrée" → "entree", full-width digits → ASCII),
 * vulgar fractions spelled out with a space after a whole number ("1½" → "1 1/2").
 */
export function normalizeFoodText(text: string): string {
  return text
    .replace(/(\d?)([½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])/gu, (_match, whole: string, fraction: string) => {
      const spelled = VULGAR_FRACTIONS[fraction] ?? '';
      return whole ? `${whole} ${spelled}` : ` ${spelled}`;
    })
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\u2044/g, '/')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase();
}

/** Plural and singular meet: "eggs"/"egg" → "egg", "berries"/"berry" → "berry", "tomatoes" → "tomato". */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('ie')) return `${word.slice(0, -2)}y`;
  if (word.endsWith('oes')) return word.slice(0, -2);
  if (/(ch|sh|ss|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** British and everyday words mapped to the words SR28 uses. */
const SYNONYMS: Readonly<Record<string, string>> = {
  yoghurt: 'yogurt',
  courgette: 'zucchini',
  aubergine: 'eggplant',
  prawn: 'shrimp',
  mince: 'ground',
  minced: 'ground',
  coriander: 'cilantro',
  porridge: 'oatmeal',
  rocket: 'arugula',
  capsicum: 'pepper',
  beetroot: 'beet',
  hardboiled: 'hard',
  wholemeal: 'whole',
  skimmed: 'skim',
  kiwi: 'kiwifruit',
};

/** Words that carry no food meaning in a query. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'some',
  'my',
  'and',
  'with',
  'in',
  'on',
  'for',
  'to',
  'or',
]);

/** Stemmed words of a text, apostrophes dropped ("hen's" → "hen"), everything else a separator. */
export function foodWords(text: string): string[] {
  return normalizeFoodText(text)
    .replace(/'s\b/g, '')
    .replace(/'/g, '')
    .split(/[^a-z0-9%.]+|(?<!\d)\.|\.(?!\d)/)
    .filter((word) => word !== '')
    .map((word) => {
      const stem = stemWord(word);
      return SYNONYMS[word] ?? SYNONYMS[stem] ?? stem;
    });
}

/** The words of a user's query that matter for matching a food. */
export function queryWords(text: string): string[] {
  return foodWords(text).filter((word) => !STOP_WORDS.has(word));
}
