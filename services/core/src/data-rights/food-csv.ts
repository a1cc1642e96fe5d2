import { DateTime } from 'luxon';
import { type DaySettings, localDayOf } from '../time/local-day.js';

/** A confirmed food entry as the CSV export reads it; `items` is the stored jsonb array, read defensively. */
export interface FoodCsvEntry {
  id: string;
  eatenAt: Date;
  meal: string | null;
  /** How the entry was logged (text, photo, barcode...): the fallback when an item names no source. */
  source: string;
  items: unknown[];
}

export const FOOD_CSV_COLUMNS = [
  'entry_id',
  'eaten_at_utc',
  'eaten_at_local',
  'local_day',
  'timezone',
  'meal',
  'food_name',
  'grams',
  'kcal',
  'protein_g',
  'fat_g',
  'carbs_g',
  'fiber_g',
  'sugar_g',
  'sodium_mg',
  'source',
] as const;

// Item nutrient keys, in column order after kcal.
const nutrientKeys = ['kcal', 'proteinG', 'fatG', 'carbsG', 'fiberG', 'sugarG', 'sodiumMg'] as const;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF, with
 * quotes doubled. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR
 * first) gets a leading apostrophe, so opening your own export cannot run code.
 */
export function csvField(value: string, options: { text?: boolean } = {}): string {
  const safe = options.text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function numberCell(value: unknown): string {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? String(number) : '';
}

function textCell(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The food diary as CSV: a header, then one CRLF-terminated row per food item of every entry. */
export function foodCsv(entries: FoodCsvEntry[], settings: DaySettings): string {
  const lines = [FOOD_CSV_COLUMNS.join(',')];
  for (const entry of entries) {
    const eatenAt = DateTime.fromJSDate(entry.eatenAt);
    const utc = eatenAt.toUTC().toISO({ suppressMilliseconds: true }) as string;
    const local = eatenAt.setZone(settings.timezone).toISO({ suppressMilliseconds: true }) as string;
    const day = localDayOf(entry.eatenAt, settings);
    for (const rawItem of entry.items) {
      const item = record(rawItem);
      const nutrients = record(item.nutrients);
      const cells = [
        csvField(entry.id),
        utc,
        local,
        day,
        csvField(settings.timezone),
        csvField(entry.meal ?? '', { text: true }),
        csvField(textCell(item.foodName ?? item.name), { text: true }),
        numberCell(item.grams),
        ...nutrientKeys.map((key) => numberCell(nutrients[key])),
        csvField(textCell(item.source) || entry.source, { text: true }),
      ];
      lines.push(cells.join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
