import type { FoodEntryItem } from '@health-agent/core';

/** What a draft's items are known by: the phrase they were read from and the matched food. */
export type DraftItemNames = Pick<FoodEntryItem, 'text' | 'foodName'>;

/**
 * A change to a draft, read from a reply to "What should I change?". Grams and removals go to
 * the food service as per-item edits; anything else re-describes the whole entry as text, which
 * the service reads again with the same parser as the first time.
 */
export type DraftCorrection =
  | { kind: 'grams'; index: number; grams: number }
  | { kind: 'remove'; index: number }
  | { kind: 'text'; text: string }
  /** The change names no food and the draft has several: asking is better than guessing. */
  | { kind: 'unclear' };

const removal = /^(remove|delete|drop|without|minus|skip|no)\s+(?:the\s+)?(\D+)$/i;
const addition = /^(?:add|also|plus|and)\s+(.+)$/i;
/** Words people put before the change itself: "no, it was 3 eggs", "actually make it 200 g". */
const leadIn =
  /^(?:(?:no|nope|sorry|oops|actually|correction|wait)\b[,:.!]?\s*|(?:it|that|there)\s*(?:was|were|is|'s)(?:\s+|$)|make\s+it\s+|change\s+(?:it\s+)?to\s+|should\s+(?:have\s+)?be(?:en)?\s+|i\s+(?:had|ate)\s+|only\s+)/i;
/** "..., not 2": the old value adds nothing. */
const oldValueTail = /[,;]?\s+(?:not|instead\s+of)\s+[^,;]*$/i;
const gramsFirst = /^(\d+(?:[.,]\d+)?)\s*(?:g|gr|grams?)\.?(?:\s+(?:of\s+)?(.*))?$/i;
const gramsLast = /^(.+?)\s*[:=-]?\s*(\d+(?:[.,]\d+)?)\s*(?:g|gr|grams?)\.?$/i;
const bareNumber = /^\d+(?:[.,]\d+)?$/;
const leadingQuantity =
  /^\s*(?:\d+(?:[.,/]\d+)?|½|¼|¾|a|an|one|two|three|four|five|six|seven|eight|nine|ten|half)\b\s*/i;
/** List separators of the food parser; a comma between digits is a decimal comma. */
const separator = /,(?!\d)|;|\+|&|\n|\band\b|\bplus\b/i;

/** Words that say how much or how, not what: they cannot tell two foods apart. */
const amountWords = new Set([
  'the',
  'and',
  'was',
  'were',
  'had',
  'ate',
  'its',
  'not',
  'cup',
  'gram',
  'large',
  'small',
  'medium',
  'big',
  'slice',
  'piece',
  'glass',
  'bowl',
  'serving',
  'portion',
  'tbsp',
  'tsp',
  'tablespoon',
  'teaspoon',
  'half',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'some',
]);

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:oes|shes|ches|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The words of a phrase that name a food, in a comparable form. */
export function foodWordsOf(phrase: string): string[] {
  return (phrase.toLowerCase().match(/\p{L}+/gu) ?? [])
    .filter((word) => word.length >= 3 && !amountWords.has(word))
    .map(singular)
    .filter((word) => !amountWords.has(word));
}

/**
 * The one item a phrase names: words the user wrote for it count double, words of the matched
 * food's name once. No match, or a tie, is undefined.
 */
export function itemNamedBy(items: readonly DraftItemNames[], phrase: string): number | undefined {
  const words = foodWordsOf(phrase);
  if (words.length === 0) return undefined;
  const scores = items.map((item) => {
    const said = new Set(foodWordsOf(item.text));
    const named = new Set(foodWordsOf(item.foodName));
    return words.reduce((score, word) => score + (said.has(word) ? 2 : 0) + (named.has(word) ? 1 : 0), 0);
  });
  const best = Math.max(...scores);
  if (best === 0 || scores.filter((score) => score === best).length > 1) return undefined;
  return scores.indexOf(best);
}

function withoutLeadIns(text: string): string {
  let rest = text.trim();
  for (let match = leadIn.exec(rest); match && match[0].length > 0; match = leadIn.exec(rest)) {
    rest = rest.slice(match[0].length).trim();
  }
  return rest
    .replace(oldValueTail, '')
    .replace(/[.!]+$/, '')
    .trim();
}

function describe(items: readonly DraftItemNames[], replace?: { index: number; text: string }): string {
  return items.map((item, index) => (index === replace?.index ? replace.text : item.text)).join(', ');
}

function number(text: string): number {
  return Number(text.replace(',', '.'));
}

function readGrams(items: readonly DraftItemNames[], text: string): DraftCorrection | undefined {
  const first = gramsFirst.exec(text);
  const last = first ? null : gramsLast.exec(text);
  const grams = first ? number(first[1] as string) : last ? number(last[2] as string) : undefined;
  if (grams === undefined) return undefined;
  const food = (first ? first[2] : last?.[1])?.trim() ?? '';
  const index = food === '' ? (items.length === 1 ? 0 : undefined) : itemNamedBy(items, food);
  if (index !== undefined) return { kind: 'grams', index, grams };
  return food === '' ? { kind: 'unclear' } : undefined;
}

/**
 * Reads a correction against a draft's items:
 * - "200 g rice" / "rice 200g" sets the grams of the rice; "200 g" alone, of a one-item draft;
 * - "remove the rice" / "no rice" removes it; "add 1 apple" adds to the draft;
 * - "it was 3 eggs" re-reads the eggs as "3 eggs", keeping the other items;
 * - "3" changes the amount of a one-item draft;
 * - a list ("3 eggs and 2 cups of rice") is the whole meal again;
 * - one food the draft does not have replaces a one-item draft, and is added to a longer one.
 */
export function readDraftCorrection(items: readonly DraftItemNames[], message: string): DraftCorrection {
  const removed = removal.exec(message.trim());
  // "no it was 3 eggs" is a correction that starts with "no", not a removal.
  if (removed && !leadIn.test(removed[2] as string)) {
    const index = itemNamedBy(items, removed[2] as string);
    if (index !== undefined) return { kind: 'remove', index };
    if (removed[1]?.toLowerCase() !== 'no') return { kind: 'unclear' };
  }

  const text = withoutLeadIns(message);
  if (text === '') return { kind: 'unclear' };
  const added = addition.exec(text);
  if (added) return { kind: 'text', text: `${describe(items)}, ${(added[1] as string).trim()}` };
  if (separator.test(text)) return { kind: 'text', text };

  const grams = readGrams(items, text);
  if (grams) return grams;

  if (bareNumber.test(text)) {
    const only = items.length === 1 ? (items[0] as DraftItemNames) : undefined;
    if (!only) return { kind: 'unclear' };
    const rest = only.text.replace(leadingQuantity, '');
    return { kind: 'text', text: `${text} ${rest}`.trim() };
  }

  const index = itemNamedBy(items, text);
  if (index !== undefined) return { kind: 'text', text: describe(items, { index, text }) };
  return { kind: 'text', text: items.length === 1 ? text : `${describe(items)}, ${text}` };
}
