import { cmPerInch, kgPerLb, type Units } from '@health-agent/core';

/**
 * Reads heights, weights and birth dates as people type them. A number with a unit is taken
 * in that unit; a bare number is in the user's own units. Ranges are the domain's to judge.
 */

const number = String.raw`(\d{1,4}(?:[.,]\d{1,3})?)`;

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

export function parseHeightCm(text: string, units: Units): number | undefined {
  const input = text.trim().toLowerCase();
  const feetInches =
    /^(\d)\s*(?:'|’|ft|feet|foot)\s*(?:(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:"|”|''|in|inch|inches)?)?$/.exec(input);
  if (feetInches) {
    const inches = Number(feetInches[1]) * 12 + (feetInches[2] ? toNumber(feetInches[2]) : 0);
    return Math.round(inches * cmPerInch * 10) / 10;
  }
  const withUnit = new RegExp(String.raw`^${number}\s*(cm|m|in|inch|inches|")?$`).exec(input);
  if (!withUnit) return undefined;
  const value = toNumber(withUnit[1] as string);
  const unit = withUnit[2] ?? (units === 'metric' ? 'cm' : 'in');
  const cm = unit === 'cm' ? value : unit === 'm' ? value * 100 : value * cmPerInch;
  return Math.round(cm * 10) / 10;
}

export function parseWeightKg(text: string, units: Units): number | undefined {
  const match = new RegExp(String.raw`^${number}\s*(kg|kgs|kilos?|lb|lbs|pounds?)?$`).exec(
    text.trim().toLowerCase(),
  );
  if (!match) return undefined;
  const value = toNumber(match[1] as string);
  const unit = match[2] ?? (units === 'metric' ? 'kg' : 'lb');
  const kg = unit.startsWith('k') ? value : value * kgPerLb;
  return Math.round(kg * 10) / 10;
}

/** A real calendar day written year-month-day, as YYYY-MM-DD. */
export function parseBirthDate(text: string): string | undefined {
  const match = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** Quiet hours typed as "22-7" or "22:00-07:00"; equal hours are no window at all. */
export function parseQuietHours(text: string): { start: number; end: number } | undefined {
  const match = /^(\d{1,2})(?::00)?\s*(?:-|–|to)\s*(\d{1,2})(?::00)?$/i.exec(text.trim());
  if (!match) return undefined;
  const [start, end] = [Number(match[1]), Number(match[2])];
  if (start > 23 || end > 23 || start === end) return undefined;
  return { start, end };
}
