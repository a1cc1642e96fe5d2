/**
 * The allow-list of data a tool may declare it reads. Anything else is refused at
 * creation, so a tool can never ask for another table, another user, or an
 * unbounded window.
 */

export const readableMetricKinds = [
  'water',
  'weight',
  'sleep',
  'exercise',
  'mood',
  'steps',
  'medication',
] as const;
export type ReadableMetricKind = (typeof readableMetricKinds)[number];

export type DeclaredRead =
  | { source: 'food_entries'; days: number; key: string }
  | { source: 'metrics'; kind: ReadableMetricKind; days: number; key: string }
  | { source: 'profile'; key: 'profile:basic' }
  | { source: 'trackers'; days: number; key: string };

export const MAX_FOOD_DAYS = 90;
export const MAX_METRIC_DAYS = 365;
export const MAX_TRACKER_DAYS = 365;
export const MAX_DECLARED_READS = 10;

/** Digits without leading zeros, so each read has one spelling (and one data key). */
const days = '([1-9][0-9]{0,2})d';
const foodPattern = new RegExp(`^food_entries:${days}$`);
const metricPattern = new RegExp(`^metrics:(${readableMetricKinds.join('|')}):${days}$`);
const trackerPattern = new RegExp(`^trackers:${days}$`);

export const declaredReadExamples = [
  'food_entries:30d',
  'metrics:weight:90d',
  'profile:basic',
  'trackers:14d',
];

/** One declared read, or a message saying why it is not allowed. */
export function parseDeclaredRead(text: string): DeclaredRead | { error: string } {
  if (text === 'profile:basic') return { source: 'profile', key: 'profile:basic' };
  const food = foodPattern.exec(text);
  if (food) {
    const count = Number(food[1]);
    return count <= MAX_FOOD_DAYS
      ? { source: 'food_entries', days: count, key: text }
      : { error: `food entries can be read for at most ${MAX_FOOD_DAYS} days` };
  }
  const metric = metricPattern.exec(text);
  if (metric) {
    const count = Number(metric[2]);
    return count <= MAX_METRIC_DAYS
      ? { source: 'metrics', kind: metric[1] as ReadableMetricKind, days: count, key: text }
      : { error: `metrics can be read for at most ${MAX_METRIC_DAYS} days` };
  }
  const tracker = trackerPattern.exec(text);
  if (tracker) {
    const count = Number(tracker[1]);
    return count <= MAX_TRACKER_DAYS
      ? { source: 'trackers', days: count, key: text }
      : { error: `trackers can be read for at most ${MAX_TRACKER_DAYS} days` };
  }
  return {
    error: `not an allowed read; use food_entries:<N>d, metrics:<${readableMetricKinds.join('|')}>:<N>d, profile:basic or trackers:<N>d`,
  };
}

/** Parses a tool's declared reads; duplicates and more than MAX_DECLARED_READS are refused. */
export function parseDeclaredReads(
  texts: readonly unknown[],
): { ok: true; reads: DeclaredRead[] } | { ok: false; issues: Array<{ path: string; message: string }> } {
  const issues: Array<{ path: string; message: string }> = [];
  if (texts.length > MAX_DECLARED_READS) {
    issues.push({ path: 'declaredReads', message: `at most ${MAX_DECLARED_READS} reads may be declared` });
  }
  const reads: DeclaredRead[] = [];
  const seen = new Set<string>();
  texts.slice(0, MAX_DECLARED_READS).forEach((text, index) => {
    const path = `declaredReads.${index}`;
    if (typeof text !== 'string') {
      issues.push({ path, message: 'must be a string' });
      return;
    }
    if (seen.has(text)) {
      issues.push({ path, message: `${JSON.stringify(text)} is declared twice` });
      return;
    }
    seen.add(text);
    const read = parseDeclaredRead(text);
    if ('error' in read) {
      issues.push({ path, message: read.error });
      return;
    }
    reads.push(read);
  });
  return issues.length === 0 ? { ok: true, reads } : { ok: false, issues };
}
