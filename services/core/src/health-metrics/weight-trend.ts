import { type DaySettings, localDayOf } from '../time/local-day.js';
import type { WeightTrend, WeightTrendPoint } from './health-metric-types.js';

export const TREND_WINDOW_DAYS = 7;

export interface WeighIn {
  recordedAt: Date;
  weightKg: number;
}

export interface DailyWeight {
  day: string;
  weightKg: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The last weigh-in of each local day, oldest day first. */
export function lastWeightPerDay(weighIns: readonly WeighIn[], settings: DaySettings): DailyWeight[] {
  const latest = new Map<string, WeighIn>();
  for (const weighIn of weighIns) {
    const day = localDayOf(weighIn.recordedAt, settings);
    const seen = latest.get(day);
    if (!seen || weighIn.recordedAt.getTime() >= seen.recordedAt.getTime()) latest.set(day, weighIn);
  }
  return [...latest.entries()]
    .map(([day, weighIn]) => ({ day, weightKg: weighIn.weightKg }))
    .sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * The moving-average trend for the days from..to (YYYY-MM-DD, inclusive). `dailyWeights`
 * holds one weight per day, oldest first, and should include up to 6 days with a weight
 * before `from`, so the first days of the period average a full window too. A day
 * without a weight is skipped rather than counted as a gap: the window is the last
 * 7 days that have one.
 */
export function weightTrend(dailyWeights: readonly DailyWeight[], from: string, to: string): WeightTrend {
  const points: WeightTrendPoint[] = [];
  dailyWeights.forEach((current, index) => {
    if (current.day < from || current.day > to) return;
    const window = dailyWeights.slice(Math.max(0, index - TREND_WINDOW_DAYS + 1), index + 1);
    const sum = window.reduce((total, daily) => total + daily.weightKg, 0);
    points.push({
      day: current.day,
      weightKg: current.weightKg,
      movingAverageKg: round2(sum / window.length),
      daysInAverage: window.length,
    });
  });
  const first = points[0];
  const last = points[points.length - 1];
  return {
    from,
    to,
    points,
    change:
      first && last
        ? {
            movingAverageKg: round2(last.movingAverageKg - first.movingAverageKg),
            weightKg: round2(last.weightKg - first.weightKg),
          }
        : null,
  };
}
