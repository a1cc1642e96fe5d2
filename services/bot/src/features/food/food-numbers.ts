import type { Units } from '@health-agent/core';
import type { Language } from '../../i18n/translator.js';

const gramsPerOunce = 28.349523125;

/** A number as the user's language writes it; small amounts keep one decimal. */
export function formatAmount(value: number, language: Language): string {
  const digits = Math.abs(value) < 10 && !Number.isInteger(value) ? 1 : 0;
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** Energy is whole kilocalories everywhere. */
export function formatKcal(kcal: number, language: Language): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(kcal);
}

/** A food's weight: grams, and ounces first for people who read imperial. */
export function formatFoodWeight(grams: number, units: Units, language: Language): string {
  const metric = `${formatAmount(grams, language)} g`;
  if (units === 'metric') return metric;
  const ounces = new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(grams / gramsPerOunce);
  return `${ounces} oz (${metric})`;
}

/** Text someone typed, cut to fit a line of a summary. */
export function shortened(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max
    ? flat
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
