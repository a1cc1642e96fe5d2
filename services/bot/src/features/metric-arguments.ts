/**
 * Arguments of the metric commands (/water 500, /sleep 7.5h quality 8, ...). Each parser
 * answers undefined when the text has not the command's shape; the caller shows the usage.
 */
import type { MetricLogInput, Units } from '@health-agent/core';
import {
  COUNT,
  containerMl,
  DURATION,
  NUMBER,
  QUALITY,
  readClockRange,
  readDurationMinutes,
  readNumber,
  readVolume,
  VOLUME_UNIT,
  type VolumeReading,
} from './metric-quantities.js';

/** A metric read from what someone typed, ready for services.healthMetrics.log. */
export interface ParsedMetric {
  input: MetricLogInput;
  /** Drinks counted in glasses, cups or bottles, so the reply can say what one was taken to hold. */
  servings?: VolumeReading['servings'];
}

/** Longer arguments are not a metric, whatever they contain; this also bounds regex work. */
export const MAX_ARGUMENT_LENGTH = 1_200;

const WATER_WORD = String.raw`(?:of\s+)?(?:de\s+)?(?:water|vatten|agua)`;

function glasses(count: number): ParsedMetric {
  const mlEach = containerMl.glass;
  return {
    input: { kind: 'water', amount: Math.round(count * mlEach), unit: 'ml' },
    servings: { count, container: 'glass', mlEach },
  };
}

function water(reading: VolumeReading): ParsedMetric {
  const parsed: ParsedMetric = { input: { kind: 'water', amount: reading.amount, unit: reading.unit } };
  if (reading.servings) parsed.servings = reading.servings;
  return parsed;
}

/**
 * "/water" alone is one glass; "500", "500 ml", "2 glasses", "16 oz", "1,5 l". A bare number
 * is fluid ounces for imperial users; for metric ones it is millilitres, except a small count
 * (up to 10), which nobody means as millilitres and is read as glasses.
 */
export function parseWaterArgument(text: string, units: Units): ParsedMetric | undefined {
  const input = text.trim();
  if (input.length > MAX_ARGUMENT_LENGTH) return undefined;
  if (input === '') return glasses(1);
  const bare = new RegExp(`^(${NUMBER})$`).exec(input);
  if (bare) {
    const amount = readNumber(bare[1] as string) as number;
    if (units === 'imperial') return { input: { kind: 'water', amount, unit: 'fl_oz' } };
    return amount > 0 && amount <= 10 ? glasses(amount) : { input: { kind: 'water', amount, unit: 'ml' } };
  }
  const withUnit = new RegExp(String.raw`^(${COUNT})\s*(${VOLUME_UNIT})(?:\s+${WATER_WORD})?$`, 'i').exec(
    input,
  );
  const reading = withUnit ? readVolume(withUnit[1] as string, withUnit[2] as string) : undefined;
  return reading ? water(reading) : undefined;
}

const MASS_UNIT = 'kg|kgs|kilos?|kilograms?|kilogramos?|lb|lbs|pounds?|libras?';

/** "72.4", "72,4 kg", "160 lb"; a bare number is in the user's own units. */
export function parseWeightArgument(text: string, units: Units): ParsedMetric | undefined {
  const input = text.trim();
  if (input.length > MAX_ARGUMENT_LENGTH) return undefined;
  const match = new RegExp(String.raw`^(${NUMBER})\s*(${MASS_UNIT})?$`, 'i').exec(input);
  if (!match) return undefined;
  const amount = readNumber(match[1] as string) as number;
  const unitWord = match[2]?.toLowerCase();
  const unit =
    unitWord === undefined ? (units === 'metric' ? 'kg' : 'lb') : unitWord.startsWith('k') ? 'kg' : 'lb';
  return { input: { kind: 'weight', amount, unit } };
}

/**
 * "7.5h quality 8", "7h30 q7", "23:30-07:00 q7", "450 min", or a bare number of hours. The
 * quality may come first or last; without one, none is stored.
 */
export function parseSleepArgument(text: string): ParsedMetric | undefined {
  let input = text.trim();
  if (input.length > MAX_ARGUMENT_LENGTH || input === '') return undefined;
  let quality: number | undefined;
  const qualityMatch = new RegExp(String.raw`(?:^|[\s,;])${QUALITY}(?=$|[\s,;])`, 'i').exec(input);
  if (qualityMatch) {
    quality = readNumber((qualityMatch[1] ?? qualityMatch[2]) as string);
    input = `${input.slice(0, qualityMatch.index)} ${input.slice(qualityMatch.index + qualityMatch[0].length)}`;
  }
  input = input.replace(/[\s,;]+/g, ' ').trim();
  const withQuality = (sleep: Omit<Extract<MetricLogInput, { kind: 'sleep' }>, 'kind'>): ParsedMetric => ({
    input: { kind: 'sleep', ...sleep, ...(quality !== undefined ? { quality } : {}) },
  });
  const range = readClockRange(input);
  if (range) return withQuality(range);
  const minutes = new RegExp(`^${DURATION}$`, 'i').test(input) ? readDurationMinutes(input) : undefined;
  if (minutes !== undefined) return withQuality({ durationMinutes: minutes });
  const bareHours = new RegExp(`^(${NUMBER})$`).exec(input);
  if (bareHours) return withQuality({ durationMinutes: Math.round((readNumber(input) as number) * 60) });
  return undefined;
}

const KCAL = '(?:kcal|cal|calories|kalorier|calor[ií]as)';

/**
 * "<activity> <minutes> [kcal]": "running 30", "brisk walk 45 300", "yoga 1h", "swim 30 min
 * 250 kcal", or the duration first: "30 min running". The activity is kept as typed; the
 * domain matches it against its MET table.
 */
export function parseExerciseArgument(text: string): ParsedMetric | undefined {
  const input = text.trim().replace(/\s+/g, ' ');
  if (input.length > MAX_ARGUMENT_LENGTH) return undefined;
  const durationOrNumber = `(${DURATION}|${NUMBER})`;
  const kcal = String.raw`(?:\s+(${NUMBER})\s*${KCAL}?)?`;
  const activityFirst = new RegExp(String.raw`^(.+?)\s+(?:for\s+)?${durationOrNumber}${kcal}$`, 'i').exec(
    input,
  );
  const durationFirst = activityFirst
    ? undefined
    : new RegExp(String.raw`^(${DURATION})\s+(?:of\s+)?(.+?)(?:\s+(${NUMBER})\s*${KCAL})?$`, 'i').exec(input);
  const activity = activityFirst?.[1] ?? durationFirst?.[2];
  const durationText = activityFirst?.[2] ?? durationFirst?.[1];
  const kcalText = activityFirst?.[3] ?? durationFirst?.[3];
  if (activity === undefined || durationText === undefined || !/\p{L}/u.test(activity)) return undefined;
  const durationMinutes = readDurationMinutes(durationText) ?? readNumber(durationText);
  if (durationMinutes === undefined) return undefined;
  return {
    input: {
      kind: 'exercise',
      activity,
      durationMinutes,
      ...(kcalText !== undefined ? { kcal: readNumber(kcalText) as number } : {}),
    },
  };
}

/** "7", "7/10", "7 tired but fine": a score and an optional note. */
export function parseMoodArgument(text: string): ParsedMetric | undefined {
  const input = text.trim();
  const match = new RegExp(String.raw`^(${NUMBER})(?:\s*/\s*10)?(?:\s*[-:,]?\s+([\s\S]+))?$`).exec(input);
  if (!match) return undefined;
  const note = match[2]?.trim();
  return {
    input: { kind: 'mood', score: readNumber(match[1] as string) as number, ...(note ? { note } : {}) },
  };
}

const STEP_COUNT = String.raw`(\d{1,3}(?:[ ,.\u00a0]\d{3})+|${NUMBER})\s*(k)?`;
export const STEPS_WORD = '(?:steps?|steg|pasos)';

/** "8000", "8,000", "8 000", "8.5k", "10k steps". */
export function parseStepsArgument(text: string): ParsedMetric | undefined {
  const input = text.trim();
  if (input.length > MAX_ARGUMENT_LENGTH) return undefined;
  const match = new RegExp(String.raw`^${STEP_COUNT}(?:\s*${STEPS_WORD})?$`, 'i').exec(input);
  return match ? { input: { kind: 'steps', count: readStepCount(match[1] as string, match[2]) } } : undefined;
}

/** A step count as matched by STEP_COUNT: thousands separators dropped, "k" multiplied out. */
export function readStepCount(digits: string, thousands: string | undefined): number {
  const grouped = /^\d{1,3}(?:[ ,.\u00a0]\d{3})+$/.test(digits);
  const value = grouped ? Number(digits.replace(/[ ,.\u00a0]/g, '')) : (readNumber(digits) as number);
  return thousands ? Math.round(value * 1000) : value;
}

/** "ibuprofen 400 mg", "vitamin d 1000 IU", "melatonin": the dose starts at the first number. */
export function parseMedicationArgument(text: string): ParsedMetric | undefined {
  const input = text.trim().replace(/[ \t]+/g, ' ');
  const match = /^(.+?)(?:\s+(\d[\s\S]*))?$/.exec(input);
  if (!match || !/\p{L}/u.test(match[1] as string)) return undefined;
  const dose = match[2]?.trim();
  return { input: { kind: 'medication', name: (match[1] as string).trim(), ...(dose ? { dose } : {}) } };
}
