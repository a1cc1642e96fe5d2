import { findMetActivity, type Units } from '@health-agent/core';
import {
  type ParsedMetric,
  parseMoodArgument,
  parseSleepArgument,
  parseWeightArgument,
  readStepCount,
  STEPS_WORD,
} from './metric-arguments.js';
import {
  CLOCK_RANGE,
  COUNT,
  DURATION,
  NUMBER,
  normalisePhrase,
  readDurationMinutes,
  readNumber,
  readVolume,
  VOLUME_UNIT,
} from './metric-quantities.js';

export type { ParsedMetric } from './metric-arguments.js';

/**
 * Free-text metric phrases ("drank 500ml water", "slept 7h", "weighed 72.4 kg", "walked 30
 * min", "8000 steps", "mood 7/10") in English, with the common Swedish and Spanish forms.
 * Deliberately narrow: a phrase is recognised only when it is clearly one metric with its
 * amount, so food ("had a glass of milk") and anything vague fall through to the other parsers.
 */

/** Longer messages are not a quick metric phrase. */
const MAX_PHRASE_LENGTH = 200;

/** Said before the phrase without changing it: "I", "just", "today I". */
const leadingFiller =
  /^(?:(?:today|this morning|tonight|last night|idag|i dag|hoy|anoche|so|ok|okay)\s*,?\s+)?(?:(?:i|i've|i have|jag|yo|just|only)\s+)*/i;
/** Said after the phrase without changing it: "today", "this morning", "last night". */
const trailingFiller =
  /\s+(?:today|this morning|this afternoon|this evening|tonight|last night|just now|idag|i dag|i morse|i natt|inatt|hoy|esta mañana|anoche)$/i;

export interface PhraseOptions {
  /** Bare weights ("weighed 160") are in these units; metric when not given. */
  units?: Units;
}

type Matcher = (phrase: string, units: Units) => ParsedMetric | undefined;

function regex(pattern: string): RegExp {
  return new RegExp(`^${pattern}$`, 'iu');
}

const WATER = String.raw`(?:of\s+|de\s+)?(?:water|vatten|agua)`;
const DRANK = String.raw`(?:har\s+|he\s+)?(?:drank|drink|had|have had|finished|drack|druckit|bebí|bebi|tomé|tome|bebido|tomado)`;

const water: Matcher = (phrase) => {
  const match =
    regex(String.raw`(?:${DRANK}\s+)?(${COUNT})\s*(${VOLUME_UNIT})\s+${WATER}`).exec(phrase) ??
    regex(String.raw`(?:water|vatten|agua)\s*:?\s+(${COUNT})\s*(${VOLUME_UNIT})`).exec(phrase);
  const reading = match ? readVolume(match[1] as string, match[2] as string) : undefined;
  if (!reading) return undefined;
  const parsed: ParsedMetric = { input: { kind: 'water', amount: reading.amount, unit: reading.unit } };
  if (reading.servings) parsed.servings = reading.servings;
  return parsed;
};

const SLEPT = String.raw`(?:har\s+|he\s+)?(?:slept|sov|sovit|dormí|dormi|dormido)`;
const ABOUT = String.raw`(?:about\s+|around\s+|roughly\s+|ungefär\s+|cirka\s+|unos\s+|unas\s+)?`;

const sleep: Matcher = (phrase) => {
  const afterVerb = regex(String.raw`${SLEPT}\s+(?:for\s+|from\s+)?${ABOUT}(.+)`).exec(phrase);
  if (afterVerb) return parseSleepArgument(afterVerb[1] as string);
  const ofSleep = regex(
    String.raw`(?:got\s+|had\s+)?${ABOUT}(${DURATION}|${CLOCK_RANGE})\s+(?:of\s+)?(?:sleep|sömn)(.*)`,
  ).exec(phrase);
  if (ofSleep) return parseSleepArgument(`${ofSleep[1]} ${ofSleep[2]}`);
  const labelled = regex(String.raw`(?:sleep|sömn|sueño)\s*:?\s+(.+)`).exec(phrase);
  return labelled ? parseSleepArgument(labelled[1] as string) : undefined;
};

const weight: Matcher = (phrase, units) => {
  const match = regex(
    String.raw`(?:weighed(?:\s+in)?(?:\s+at)?|my weight is|weight(?:\s+is)?|weigh|vägde|väger|vikt|pesé|pese|peso|pesaba)\s*:?\s*(.+)`,
  ).exec(phrase);
  return match ? parseWeightArgument(match[1] as string, units) : undefined;
};

/** Verbs that name their activity: "walked", "went running", "sprang", "corrí". */
const activityVerbs: Array<[string, string]> = [
  ['walked|went walking|went for a walk|walk|promenerade|gick|caminé|camine', 'walking'],
  ['ran|went running|went for a run|sprang|corrí|corri', 'running'],
  ['jogged|went jogging|went for a jog|joggade', 'jogging'],
  ['cycled|biked|went cycling|went biking|went for a bike ride|cyklade|pedaleé', 'cycling'],
  ['swam|went swimming|went for a swim|simmade|nadé|nade', 'swimming'],
  ['hiked|went hiking|vandrade', 'hiking'],
  ['rowed|rodde|remé', 'rowing'],
  ['danced|dansade|bailé|baile', 'dancing'],
];
const DID =
  '(?:did|done|played|practiced|practised|trained|tränade|spelade|körde|gjorde|hice|jugué|jugue|practiqué)';
const BURNED = String.raw`(?:\s*,?\s+(?:and\s+)?(?:burned|burnt|brände|quemé)\s+(${NUMBER})\s*(?:kcal|cal|calories|kalorier|calorías)?)?`;
const FOR = String.raw`(?:for\s+|i\s+|en\s+|durante\s+)?${ABOUT}`;

function exerciseOf(
  activity: string,
  durationText: string,
  kcalText: string | undefined,
): ParsedMetric | undefined {
  const durationMinutes = readDurationMinutes(durationText);
  if (durationMinutes === undefined) return undefined;
  const kcal = kcalText === undefined ? undefined : readNumber(kcalText);
  return {
    input: {
      kind: 'exercise',
      activity: activity.trim(),
      durationMinutes,
      ...(kcal !== undefined ? { kcal } : {}),
    },
  };
}

const exercise: Matcher = (phrase) => {
  for (const [verbs, activity] of activityVerbs) {
    const match = regex(String.raw`(?:${verbs})\s+${FOR}(${DURATION})${BURNED}`).exec(phrase);
    if (match) return exerciseOf(activity, match[1] as string, match[2]);
  }
  const did = regex(String.raw`${DID}\s+(?:some\s+)?(.+?)\s+${FOR}(${DURATION})${BURNED}`).exec(phrase);
  if (did) return exerciseOf(did[1] as string, did[2] as string, did[3]);
  // Without a verb the activity must be a known one, so "pasta 30 min" is not a workout.
  const durationFirst = regex(String.raw`(${DURATION})\s+(?:of\s+)?(.+?)${BURNED}`).exec(phrase);
  if (durationFirst && findMetActivity(durationFirst[2] as string))
    return exerciseOf(durationFirst[2] as string, durationFirst[1] as string, durationFirst[3]);
  const activityFirst = regex(String.raw`(.+?)\s+${FOR}(${DURATION})${BURNED}`).exec(phrase);
  if (activityFirst && findMetActivity(activityFirst[1] as string))
    return exerciseOf(activityFirst[1] as string, activityFirst[2] as string, activityFirst[3]);
  return undefined;
};

const STEP_COUNT = String.raw`(\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d{1,7}(?:[.,]\d{1,2})?)\s*(k)?`;

const steps: Matcher = (phrase) => {
  const match =
    regex(
      String.raw`(?:walked\s+|did\s+|took\s+|gick\s+|caminé\s+|camine\s+|di\s+)?${STEP_COUNT}\s*${STEPS_WORD}`,
    ).exec(phrase) ?? regex(String.raw`${STEPS_WORD}\s*:?\s+${STEP_COUNT}`).exec(phrase);
  return match ? { input: { kind: 'steps', count: readStepCount(match[1] as string, match[2]) } } : undefined;
};

const mood: Matcher = (phrase) => {
  const match = regex(
    String.raw`(?:mood|my mood is|feeling|feel|humör|humöret|ánimo|animo|estado de ánimo)\s*(?:is\s+|:\s*)?(${NUMBER}(?:\s*/\s*10)?(?:\s*[-:,]?\s+.+)?)`,
  ).exec(phrase);
  return match ? parseMoodArgument(match[1] as string) : undefined;
};

const DOSE_UNIT =
  '(?:mg|g|mcg|µg|ug|iu|ie|ml|tablets?|tabs?|pills?|capsules?|drops?|puffs?|tabletter?|tabletas?)';

/** "took ibuprofen 400 mg": only with a dose and its unit, so "took a walk" is not a medicine. */
const medication: Matcher = (phrase) => {
  const match = regex(
    String.raw`(?:took|have taken|tog|har tagit|tomé|tome)\s+(?:my\s+|min\s+|mitt\s+|mi\s+)?(.+?)\s+(\d+(?:[.,]\d+)?\s*${DOSE_UNIT})`,
  ).exec(phrase);
  if (!match || !/\p{L}/u.test(match[1] as string)) return undefined;
  return {
    input: { kind: 'medication', name: (match[1] as string).trim(), dose: (match[2] as string).trim() },
  };
};

/** Steps before exercise ("walked 8000 steps"), water before the rest: the most specific first. */
const matchers: readonly Matcher[] = [water, steps, sleep, weight, exercise, mood, medication];

/**
 * The metric a free-text message states, or undefined when it states none (or more than can
 * be read with confidence). Logging it is the caller's: see logParsedMetric in metrics.ts.
 */
export function recogniseMetricPhrase(text: string, options: PhraseOptions = {}): ParsedMetric | undefined {
  if (text.length > MAX_PHRASE_LENGTH) return undefined;
  let phrase = normalisePhrase(text);
  // "Yesterday" would need a date the quick forms cannot carry; better not understood than logged on the wrong day.
  if (phrase === '' || /\b(?:yesterday|igår|i går|ayer)\b/i.test(phrase)) return undefined;
  phrase = phrase.replace(leadingFiller, '').replace(trailingFiller, '').trim();
  const units = options.units ?? 'metric';
  for (const match of matchers) {
    const parsed = match(phrase, units);
    if (parsed) return parsed;
  }
  return undefined;
}
