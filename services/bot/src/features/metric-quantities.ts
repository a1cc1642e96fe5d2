/**
 * The quantities people type about their health, read the same way in commands and in free
 * text: numbers (with a decimal comma too, or as a word), volumes, durations and clock ranges.
 * Ranges are the domain's to judge: a negative or absurd number is read as given, so the
 * domain's refusal (naming its limit) reaches the user rather than a vague "I didn't understand".
 */

/** A signed decimal number, with a point or a comma. */
export const NUMBER = String.raw`[-+]?\d{1,9}(?:[.,]\d{1,4})?`;

const countWords: Record<string, number> = {
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
  half: 0.5,
  'half a': 0.5,
  en: 1,
  ett: 1,
  två: 2,
  tre: 3,
  fyra: 4,
  fem: 5,
  un: 1,
  una: 1,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  medio: 0.5,
  media: 0.5,
};

/** A number or a number word ("a", "two", "half a", "två", "dos"). */
export const COUNT = `(?:${NUMBER}|half an?|${Object.keys(countWords)
  .filter((word) => !word.includes(' '))
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

/** "72,4" -> 72.4; a number word -> its value; anything else -> undefined. */
export function readNumber(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (new RegExp(`^${NUMBER}$`).test(trimmed)) return Number(trimmed.replace(',', '.'));
  const word = trimmed.replace(/^half an?$/, 'half a');
  return countWords[word];
}

/** Single spaces, no leading or trailing punctuation or emoji; the case is kept for notes. */
export function normalisePhrase(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[^\p{L}\p{N}%)]+$/u, '')
    .replace(/^[^\p{L}\p{N}+-]+/u, '')
    .trim();
}

export type Container = 'glass' | 'cup' | 'bottle';

/** What a container holds when someone counts drinks in them; the reply states it. */
export const containerMl: Record<Container, number> = { glass: 250, cup: 250, bottle: 500 };

const volumeUnitWords: Array<{ pattern: string; unit: VolumeWord }> = [
  { pattern: String.raw`fl\.?\s?oz|fluid ounces?|ounces?|oz`, unit: 'fl_oz' },
  { pattern: 'ml|mls|millilit(?:er|re)s?|mililitros?', unit: 'ml' },
  { pattern: 'cl|centilit(?:er|re)s?', unit: 'cl' },
  { pattern: 'dl|decilit(?:er|re)s?', unit: 'dl' },
  { pattern: 'l|lit(?:er|re)s?|litros?', unit: 'l' },
  { pattern: 'glass(?:es)?|glas|vasos?', unit: 'glass' },
  { pattern: 'cups?|koppar|kopp|tazas?', unit: 'cup' },
  { pattern: 'bottles?|flaskor|flaska|botellas?', unit: 'bottle' },
];

type VolumeWord = 'ml' | 'cl' | 'dl' | 'l' | 'fl_oz' | Container;

/** Any volume unit or container word. */
export const VOLUME_UNIT = `(?:${volumeUnitWords.map((word) => word.pattern).join('|')})`;

/** An amount of drink as the metrics domain takes it, and the containers it was counted in. */
export interface VolumeReading {
  amount: number;
  unit: 'ml' | 'l' | 'fl_oz';
  servings?: { count: number; container: Container; mlEach: number };
}

function volumeWordOf(text: string): VolumeWord | undefined {
  const word = text.trim().toLowerCase();
  return volumeUnitWords.find((entry) => new RegExp(`^(?:${entry.pattern})$`).test(word))?.unit;
}

/** An amount with its unit word: "500" "ml", "2" "glasses", "16" "oz", "1,5" "dl". */
export function readVolume(amountText: string, unitText: string): VolumeReading | undefined {
  const amount = readNumber(amountText);
  const word = volumeWordOf(unitText);
  if (amount === undefined || word === undefined) return undefined;
  switch (word) {
    case 'ml':
    case 'l':
    case 'fl_oz':
      return { amount, unit: word };
    case 'cl':
      return { amount: Math.round(amount * 10), unit: 'ml' };
    case 'dl':
      return { amount: Math.round(amount * 100), unit: 'ml' };
    default: {
      const mlEach = containerMl[word];
      return {
        amount: Math.round(amount * mlEach),
        unit: 'ml',
        servings: { count: amount, container: word, mlEach },
      };
    }
  }
}

const HOURS = '(?:h|hr|hrs|hours?|tim(?:me|mar)?|t|horas?)';
const MINUTES = '(?:m|min|mins|minutes?|minuter|minutos?)';

/**
 * A duration written out: "7.5h", "7h30", "7 h 30 min", "1 hour and 20 minutes", "450 min",
 * "7,5 timmar", "90 minutos". Bare numbers are not durations here; callers decide their unit.
 */
export const DURATION = String.raw`(?:${NUMBER}\s*${HOURS}(?:\s*(?:and|och|y)?\s*\d{1,2}\s*(?:${MINUTES})?)?|${NUMBER}\s*${MINUTES})`;

/** Whole minutes of a duration matched by DURATION; undefined for anything else. */
export function readDurationMinutes(text: string): number | undefined {
  const input = text.trim().toLowerCase();
  const hours = new RegExp(
    String.raw`^(${NUMBER})\s*${HOURS}(?:\s*(?:and|och|y)?\s*(\d{1,2})\s*(?:${MINUTES})?)?$`,
  ).exec(input);
  if (hours) {
    const whole = readNumber(hours[1] as string) as number;
    const extra = hours[2] === undefined ? 0 : Number(hours[2]);
    return Math.round(whole * 60 + Math.sign(whole || 1) * extra);
  }
  const minutes = new RegExp(String.raw`^(${NUMBER})\s*${MINUTES}$`).exec(input);
  if (minutes) return Math.round(readNumber(minutes[1] as string) as number);
  return undefined;
}

const CLOCK = String.raw`(?:[01]?\d|2[0-3])[:.][0-5]\d`;

/** A bedtime and a wake time: "23:30-07:00", "23:30 - 7:00", "from 23:30 to 7:00", "23.30–07.00". */
export const CLOCK_RANGE = String.raw`(?:from\s+)?${CLOCK}\s*(?:-|–|—|to|till|until|a|hasta)\s*${CLOCK}`;

export function readClockRange(text: string): { bedtime: string; wakeTime: string } | undefined {
  const match = new RegExp(
    String.raw`^(?:from\s+)?(${CLOCK})\s*(?:-|–|—|to|till|until|a|hasta)\s*(${CLOCK})$`,
  ).exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const clock = (value: string) => {
    const [hours = '0', minutes = '0'] = value.split(/[:.]/);
    return `${hours.padStart(2, '0')}:${minutes}`;
  };
  return { bedtime: clock(match[1] as string), wakeTime: clock(match[2] as string) };
}

/** A sleep quality: "quality 8", "q7", "q: 7", "kvalitet 8", "calidad 8", "8/10". */
export const QUALITY = String.raw`(?:(?:quality|qual|q|kvalitet|calidad)\s*[:=]?\s*(${NUMBER})(?:\s*/\s*10)?|(${NUMBER})\s*/\s*10)`;
