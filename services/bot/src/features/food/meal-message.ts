import type { Meal } from '@health-agent/core';

/** A chat message about food, as the food service should read it. */
export interface MealMessage {
  /** The foods and amounts, without the chat around them ("I had", "for lunch"). */
  foodText: string;
  /** The meal the message names; otherwise the service infers it from the time. */
  meal?: Meal;
}

const mealNames: Record<string, Meal> = {
  breakfast: 'breakfast',
  brunch: 'breakfast',
  lunch: 'lunch',
  dinner: 'dinner',
  supper: 'dinner',
  snack: 'snack',
};

/** "breakfast: 2 eggs", "lunch - soup" */
const mealPrefix = /^(breakfast|brunch|lunch|dinner|supper|snack)\s*[:\-–]\s*/i;
/** "for lunch", "at dinner", "as a snack", anywhere in the message. */
const mealPhrase = /\b(?:for|at|with)\s+(breakfast|brunch|lunch|dinner|supper)\b|\bas\s+an?\s+(snack)\b/i;
/** "I had", "just ate", "I've eaten", "today I had": how people start, not what they ate. */
const eatingLeadIn =
  /^(?:(?:so|today|also|and|then)\s+)?(?:i\s+|i(?=['’]ve))?(?:just\s+|also\s+)?(?:had|ate|eaten|have\s+(?:had|eaten)|['’]ve\s+(?:just\s+)?(?:had|eaten)|drank)\s+/i;

/**
 * Takes the chat phrasing off a food message so the parser sees only foods and amounts, and
 * keeps the meal it names. English only: the food table and its parser are English.
 */
export function readMealMessage(message: string): MealMessage {
  let text = message.trim();
  let meal: Meal | undefined;
  const prefixed = mealPrefix.exec(text);
  if (prefixed) {
    meal = mealNames[(prefixed[1] as string).toLowerCase()];
    text = text.slice(prefixed[0].length);
  }
  const named = mealPhrase.exec(text);
  if (named) {
    meal ??= mealNames[((named[1] ?? named[2]) as string).toLowerCase()];
    text = `${text.slice(0, named.index)} ${text.slice(named.index + named[0].length)}`;
  }
  text = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[,:\-–]\s*/, '');
  const withoutLeadIn = text.replace(eatingLeadIn, '').trim();
  const foodText = withoutLeadIn === '' ? text : withoutLeadIn;
  return { foodText: foodText === '' ? message.trim() : foodText, ...(meal ? { meal } : {}) };
}
