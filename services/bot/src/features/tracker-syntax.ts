import type { TrackerField, TrackerFieldInput } from '@health-agent/core';
import { readDurationMinutes } from './metric-quantities.js';

/**
 * The short syntax of /track. A tracker is "Name: field type [details], ...", for example
 * "Headache: severity rating 1-10, notes text"; an entry is "Name key=value key=value", for
 * example "Headache severity=6 notes=after lunch". The domain validates everything; this only
 * turns the words into its shapes, and says which part it could not read.
 */

export type FieldSpecProblem =
  | { kind: 'no_type'; spec: string }
  | { kind: 'bad_details'; spec: string }
  | { kind: 'too_many'; max: number };

type TypeWord = 'rating' | 'number' | 'boolean' | 'text' | 'duration' | 'single_select' | 'multi_select';

const typeWords: Record<string, TypeWord> = {
  rating: 'rating',
  scale: 'rating',
  number: 'number',
  num: 'number',
  amount: 'number',
  count: 'number',
  'yes/no': 'boolean',
  yesno: 'boolean',
  'y/n': 'boolean',
  boolean: 'boolean',
  bool: 'boolean',
  text: 'text',
  duration: 'duration',
  minutes: 'duration',
  choice: 'single_select',
  select: 'single_select',
  'one-of': 'single_select',
  multi: 'multi_select',
  multiple: 'multi_select',
  choices: 'multi_select',
  tags: 'multi_select',
};

/** The field types as they are written, for help texts. */
export const fieldTypeSyntax =
  'rating [min-max], number [unit] [min-max], yes/no, text, minutes, choice a/b/c, multi a/b/c';

const MAX_FIELDS = 30;
const range = /^(-?\d+(?:[.,]\d+)?)(?:-|\.\.)(-?\d+(?:[.,]\d+)?)$/;

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

/**
 * A key from a label: "Pain level" -> "pain_level", "Ångest" -> "angest", "😣" -> "field_2".
 * Keys must be unique within the tracker, so a repeated one gets a number.
 */
export function fieldKeyOf(label: string, position: number, taken: ReadonlySet<string>): string {
  const base = label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 36);
  const key = base === '' ? `field_${position}` : base;
  let unique = key;
  for (let suffix = 2; taken.has(unique); suffix++) unique = `${key}_${suffix}`;
  return unique;
}

/** One field: "severity rating 1-10", "weight number kg 0-300 required", "mood choice good/ok/bad". */
function parseFieldSpec(
  spec: string,
  position: number,
  taken: Set<string>,
): TrackerFieldInput | FieldSpecProblem {
  let tokens = spec.split(/\s+/).filter(Boolean);
  const required = tokens.some((token) => /^(?:required|\*)$/i.test(token));
  tokens = tokens.filter((token) => !/^(?:required|\*)$/i.test(token));
  // The type is the last type word that has a label before it: "sleep time minutes" is a duration.
  let typeIndex = -1;
  for (let index = tokens.length - 1; index >= 1; index--) {
    if ((tokens[index] as string).toLowerCase() in typeWords) {
      typeIndex = index;
      break;
    }
  }
  if (typeIndex < 1) return { kind: 'no_type', spec };
  const label = tokens.slice(0, typeIndex).join(' ');
  const type = typeWords[(tokens[typeIndex] as string).toLowerCase()] as TypeWord;
  const details = tokens.slice(typeIndex + 1);
  const key = fieldKeyOf(label, position, taken);
  taken.add(key);
  const common = { key, label, ...(required ? { required } : {}) };
  const bad: FieldSpecProblem = { kind: 'bad_details', spec };
  switch (type) {
    case 'rating': {
      if (details.length === 0) return { ...common, type };
      const bounds = details.length === 1 ? range.exec(details[0] as string) : null;
      return bounds
        ? { ...common, type, min: toNumber(bounds[1] as string), max: toNumber(bounds[2] as string) }
        : bad;
    }
    case 'number': {
      const bounds = details.map((detail) => range.exec(detail)).find(Boolean);
      const unit = details.filter((detail) => !range.test(detail)).join(' ');
      if (details.filter((detail) => range.test(detail)).length > 1) return bad;
      return {
        ...common,
        type,
        ...(unit ? { unit } : {}),
        ...(bounds ? { min: toNumber(bounds[1] as string), max: toNumber(bounds[2] as string) } : {}),
      };
    }
    case 'single_select':
    case 'multi_select': {
      const options = details
        .join(' ')
        .split(/\s*[/|]\s*/)
        .filter(Boolean);
      return options.length > 0 ? { ...common, type, options } : bad;
    }
    default:
      return details.length === 0 ? { ...common, type } : bad;
  }
}

function isProblem(parsed: TrackerFieldInput | FieldSpecProblem): parsed is FieldSpecProblem {
  return 'kind' in parsed;
}

/** Fields separated by commas or new lines; the first unreadable one is the problem. */
export function parseFieldList(
  text: string,
): { fields: TrackerFieldInput[] } | { problem: FieldSpecProblem } {
  const specs = text
    .split(/[,;\n]/)
    .map((spec) => spec.trim())
    .filter(Boolean);
  if (specs.length > MAX_FIELDS) return { problem: { kind: 'too_many', max: MAX_FIELDS } };
  const taken = new Set<string>();
  const fields: TrackerFieldInput[] = [];
  for (const [index, spec] of specs.entries()) {
    const field = parseFieldSpec(spec, index + 1, taken);
    if (isProblem(field)) return { problem: field };
    fields.push(field);
  }
  return { fields };
}

/** "Headache: severity rating 1-10, notes text" -> the name and, when given, the fields text. */
export function splitDefinition(text: string): { name: string; fieldsText: string | undefined } {
  const colon = text.indexOf(':');
  if (colon === -1) return { name: text.trim(), fieldsText: undefined };
  return { name: text.slice(0, colon).trim(), fieldsText: text.slice(colon + 1).trim() };
}

export interface EntryText {
  /** The tracker's name: everything before the first key=value. */
  name: string;
  assignments: Array<{ key: string; value: string }>;
}

/** "Back pain level=6 where=lower back" -> name "Back pain", level "6", where "lower back". */
export function splitEntry(text: string): EntryText {
  const keys = [...text.matchAll(/(?:^|\s)([^\s=]{1,60})=/g)];
  const first = keys[0];
  if (!first) return { name: text.trim(), assignments: [] };
  const assignments = keys.map((match, index) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = keys[index + 1]?.index ?? text.length;
    return { key: match[1] as string, value: text.slice(start, end).trim() };
  });
  return { name: text.slice(0, first.index).trim(), assignments };
}

const yes = /^(?:yes|y|true|1|ja|j|sí|si|✓|✔|✅|👍)$/i;
const no = /^(?:no|n|false|0|nej|✗|❌|👎)$/i;
const numeric = /^[-+]?\d+(?:[.,]\d+)?$/;

/**
 * A typed value in its field's type: numbers from "6" or "6,5", minutes from "1h30", yes/no
 * in three languages, several options split on commas or slashes. What does not fit is passed
 * on as typed, for the domain to refuse with the field's rule.
 */
export function fieldValueOf(field: TrackerField | undefined, raw: string): unknown {
  if (!field) return raw;
  switch (field.type) {
    case 'number':
    case 'rating':
      return numeric.test(raw) ? toNumber(raw) : raw;
    case 'duration':
      return numeric.test(raw) ? toNumber(raw) : (readDurationMinutes(raw) ?? raw);
    case 'boolean':
      return yes.test(raw) ? true : no.test(raw) ? false : raw;
    case 'multi_select':
      return raw.split(/\s*[,/|]\s*/).filter(Boolean);
    default:
      return raw;
  }
}

/** The field a typed key names: its key, or its label written with or without spaces, in any case. */
export function fieldNamed(fields: readonly TrackerField[], typed: string): TrackerField | undefined {
  const wanted = typed.toLowerCase();
  return fields.find(
    (field) =>
      field.key === wanted ||
      field.label?.toLowerCase() === wanted ||
      field.label?.toLowerCase().replace(/\s+/g, '_') === wanted,
  );
}

/** An entry's values keyed as the domain expects, and a "note=" that names no field as the entry's note. */
export function entryInputOf(
  fields: readonly TrackerField[],
  assignments: EntryText['assignments'],
): { values: Record<string, unknown>; note?: string } {
  const values: Record<string, unknown> = {};
  let note: string | undefined;
  for (const { key, value } of assignments) {
    const field = fieldNamed(fields, key);
    if (!field && /^notes?$/i.test(key)) note = value;
    else values[field?.key ?? key] = fieldValueOf(field, value);
  }
  return note === undefined ? { values } : { values, note };
}
