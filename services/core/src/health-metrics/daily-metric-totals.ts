import { addDays, type DaySettings, daysBetween, localDayOf } from '../time/local-day.js';
import type { DailyMetricTotals, StoredMetricEntry } from './health-metric-types.js';

const emptyDay = (day: string): DailyMetricTotals => ({
  day,
  waterMl: 0,
  steps: 0,
  exerciseMinutes: 0,
  exerciseKcal: 0,
  sleepMinutes: 0,
  sleepQuality: null,
  weightKg: null,
  moodAverage: null,
  medicationsTaken: 0,
});

const round1 = (value: number) => Math.round(value * 10) / 10;
const average = (values: number[]) =>
  values.length === 0 ? null : round1(values.reduce((sum, value) => sum + value, 0) / values.length);

interface DayAccumulator {
  totals: DailyMetricTotals;
  sleepQualities: number[];
  moods: number[];
  lastWeightAt: number;
}

function addEntry(day: DayAccumulator, entry: StoredMetricEntry): void {
  const { totals } = day;
  switch (entry.kind) {
    case 'water':
      totals.waterMl += entry.value;
      break;
    case 'steps':
      totals.steps += entry.value;
      break;
    case 'exercise':
      totals.exerciseMinutes += entry.value;
      totals.exerciseKcal += entry.details.kcal ?? 0;
      break;
    case 'sleep':
      totals.sleepMinutes += entry.value;
      if (entry.details.quality !== null) day.sleepQualities.push(entry.details.quality);
      break;
    case 'weight':
      if (entry.recordedAt.getTime() >= day.lastWeightAt) {
        totals.weightKg = entry.value;
        day.lastWeightAt = entry.recordedAt.getTime();
      }
      break;
    case 'mood':
      day.moods.push(entry.value);
      break;
    case 'medication':
      totals.medicationsTaken += 1;
      break;
  }
}

/**
 * Totals per local day for every day from..to (inclusive), zeros for days without
 * entries. Entries outside the days are ignored. Steps and water add up across
 * entries; sleep adds up too (a night plus a nap).
 */
export function dailyMetricTotals(
  entries: readonly StoredMetricEntry[],
  from: string,
  to: string,
  settings: DaySettings,
): DailyMetricTotals[] {
  const days = new Map<string, DayAccumulator>();
  for (let offset = 0; offset <= daysBetween(from, to); offset += 1) {
    const day = addDays(from, offset);
    days.set(day, { totals: emptyDay(day), sleepQualities: [], moods: [], lastWeightAt: -Infinity });
  }
  for (const entry of entries) {
    const day = days.get(localDayOf(entry.recordedAt, settings));
    if (day) addEntry(day, entry);
  }
  return [...days.values()].map(({ totals, sleepQualities, moods }) => ({
    ...totals,
    exerciseKcal: Math.round(totals.exerciseKcal),
    sleepQuality: average(sleepQualities),
    moodAverage: average(moods),
  }));
}
