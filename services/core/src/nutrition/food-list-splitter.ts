// Splits "2 eggs, toast and a coffee with milk" into one phrase per food.

const NUMBER_WORD = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';

/** "one and a half cups" and "2 and 1/2 cups" are one amount, not two foods. */
const AND_A_HALF = new RegExp(`\\b(\\d+|${NUMBER_WORD})\\s+and\\s+(?:a\\s+half|1/2)\\b`, 'g');

/** Always separate foods: new lines, ";", "+", "&", "plus", "then", and commas that are not decimal commas. */
const HARD_SEPARATORS = /\n|;|\+|&|,(?!\d)|(?<!\d),|\bplus\b|\bthen\b/;

/** Separate foods unless the phrase is a dish name ("macaroni and cheese") or a descriptor follows "with". */
const SOFT_SEPARATORS = /\s+(and|with)\s+/;

/** "apple with skin", "fish with bones": the food's own parts, not a second food. */
const WITH_DESCRIPTORS = new Set(['skin', 'peel', 'bone', 'bones', 'seeds', 'salt']);

const STARTS_WITH_AMOUNT = new RegExp(`^(?:\\d|\\.\\d|(?:a|an|half|some|${NUMBER_WORD})\\b)`);

export type DishNameCheck = (phrase: string) => boolean;

function lastWord(text: string): string {
  return text.split(/\s+/).at(-1) ?? '';
}

function firstWord(text: string): string {
  return text.split(/\s+/)[0] ?? '';
}

function splitSoftly(piece: string, isDishName: DishNameCheck): string[] {
  const [first = '', ...rest] = piece.split(SOFT_SEPARATORS);
  const phrases: string[] = [];
  let current = first;
  for (let at = 0; at + 1 < rest.length; at += 2) {
    const joiner = rest[at] ?? '';
    const next = rest[at + 1] ?? '';
    const joins =
      !STARTS_WITH_AMOUNT.test(next) &&
      ((joiner === 'with' && WITH_DESCRIPTORS.has(firstWord(next))) ||
        isDishName(`${lastWord(current)} ${joiner} ${firstWord(next)}`));
    if (joins) {
      current = `${current} ${joiner} ${next}`;
    } else {
      phrases.push(current);
      current = next;
    }
  }
  phrases.push(current);
  return phrases;
}

/**
 * `text` is already normalised (lower case, fractions spelled out). Phrases of spaces and punctuation are
 * dropped; anything else, emoji included, is kept so that what cannot be read is reported, not lost.
 */
export function splitFoodList(text: string, isDishName: DishNameCheck): string[] {
  return text
    .replace(AND_A_HALF, '$1 1/2')
    .split(HARD_SEPARATORS)
    .flatMap((piece) => splitSoftly(piece.trim(), isDishName))
    .map((phrase) => phrase.trim().replace(/^(?:and|with)\b\s*|\s*\b(?:and|with)$/g, ''))
    .filter((phrase) => /[^\s\p{P}]/u.test(phrase));
}
