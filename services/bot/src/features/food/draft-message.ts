import type { ActivityOutcome, FoodEntry, Meal, Units, UnmatchedFood } from '@health-agent/core';
import { accountOf, type BotContext } from '../../bot-context.js';
import type { Language, Translate } from '../../i18n/translator.js';
import { rewardLines } from '../activity-rewards.js';
import { formatAmount, formatFoodWeight, formatKcal, shortened } from './food-numbers.js';

/** What a food message is shaped by: the reader's language and units. */
export interface FoodReader {
  t: Translate;
  language: Language;
  units: Units;
}

export function foodReaderOf(ctx: BotContext): FoodReader {
  return { t: ctx.t, language: ctx.language, units: accountOf(ctx).profile.units };
}

/** Unmatched phrases shown at most; a 2,000-character message of nonsense is not echoed back whole. */
const MAX_UNMATCHED_SHOWN = 8;

export function mealName(t: Translate, meal: Meal | null): string {
  return meal ? t(`food.meal.${meal}`) : t('food.meal.unknown');
}

function itemLines(reader: FoodReader, entry: FoodEntry): string[] {
  return entry.items.map((item) =>
    reader.t('food.draftItem', {
      phrase: shortened(item.text, 60),
      amount: formatFoodWeight(item.grams, reader.units, reader.language),
      kcal: formatKcal(item.nutrients.kcal ?? 0, reader.language),
      food: shortened(item.foodName, 50),
    }),
  );
}

function totalLines(reader: FoodReader, entry: FoodEntry): string[] {
  const { t, language } = reader;
  const lines = [
    t('food.draftTotal', {
      kcal: formatKcal(entry.totals.kcal, language),
      protein: formatAmount(entry.totals.proteinG, language),
      carbs: formatAmount(entry.totals.carbsG, language),
      fat: formatAmount(entry.totals.fatG, language),
    }),
  ];
  if (entry.incompleteNutrients.length > 0) lines.push(t('food.lowerBound'));
  return lines;
}

/** One line per phrase the parser could not read, saying why, without guessing a number. */
export function unmatchedLines(t: Translate, unmatched: readonly UnmatchedFood[]): string[] {
  const lines = unmatched.slice(0, MAX_UNMATCHED_SHOWN).map((phrase) => {
    const text = shortened(phrase.text, 60);
    switch (phrase.reason) {
      case 'food_not_found':
        return t('food.unmatched.notFound', { text });
      case 'no_portion':
        return t('food.unmatched.noAmount', { text });
      case 'invalid_quantity':
      case 'implausible_amount':
        return t('food.unmatched.badAmount', { text });
      default:
        return t('food.unmatched.other', { text });
    }
  });
  if (unmatched.length > MAX_UNMATCHED_SHOWN) {
    lines.push(t('food.unmatched.more', { count: unmatched.length - MAX_UNMATCHED_SHOWN }));
  }
  return lines;
}

/** A draft as the user checks it: each item with its grams and kcal, totals, and what was not read. */
export function draftMessage(
  reader: FoodReader,
  entry: FoodEntry,
  unmatched: readonly UnmatchedFood[],
): string {
  const { t } = reader;
  const sections = [
    [t('food.draftTitle', { meal: mealName(t, entry.meal) }), ...itemLines(reader, entry)].join('\n'),
    totalLines(reader, entry).join('\n'),
  ];
  if (unmatched.length > 0) {
    sections.push(
      [t('food.unmatchedTitle'), ...unmatchedLines(t, unmatched), t('food.unmatchedHint')].join('\n'),
    );
  }
  sections.push(t('food.draftFooter'));
  return sections.join('\n\n');
}

/** What the confirmation earned, in the same words as every other log, on one line. */
export function activityLine(t: Translate, activity: ActivityOutcome | null): string | undefined {
  const news = activity ? rewardLines(t, activity) : [];
  return news.length > 0 ? news.join(' · ') : undefined;
}

/** The draft message once confirmed: what was saved, and what it earned. */
export function savedMessage(reader: FoodReader, entry: FoodEntry, activity: ActivityOutcome | null): string {
  const { t } = reader;
  const sections = [
    [t('food.savedTitle', { meal: mealName(t, entry.meal) }), ...itemLines(reader, entry)].join('\n'),
    totalLines(reader, entry).join('\n'),
  ];
  const news = activityLine(t, activity);
  if (news) sections.push(news);
  sections.push(t('food.savedHint'));
  return sections.join('\n\n');
}
