import {
  formatVolume,
  formatWeight,
  type MetricEntry,
  type Units,
  type WeightTrend,
} from '@health-agent/core';
import type { Language, Translate } from '../i18n/translator.js';
import type { ParsedMetric } from './metric-arguments.js';

/** How replies are shaped for one person: their language and units. */
export interface ReplyStyle {
  t: Translate;
  language: Language;
  units: Units;
}

export function formatCount(language: Language, value: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
}

/** 450 -> "7 h 30 min", 420 -> "7 h", 45 -> "45 min". */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** A weight change with its sign, in the person's units: "+0.4 kg", "-1.2 lb", "±0 kg". */
export function formatWeightChange(kg: number, units: Units): string {
  const shown = formatWeight(Math.abs(kg), units);
  if (shown.startsWith('0 ')) return `±${shown}`;
  return `${kg > 0 ? '+' : '-'}${shown}`;
}

const containerKeys = {
  glass: 'metrics.container.glass',
  cup: 'metrics.container.cup',
  bottle: 'metrics.container.bottle',
} as const;

/** The confirmation of a logged metric: what was stored and how it was computed, a line each. */
export function describeLoggedMetric(style: ReplyStyle, entry: MetricEntry, parsed?: ParsedMetric): string[] {
  const { t, language, units } = style;
  switch (entry.kind) {
    case 'water': {
      const lines = [t('metrics.loggedWater', { amount: formatVolume(entry.value, units) })];
      const servings = parsed?.servings;
      if (servings) {
        lines.push(
          t('metrics.servings', {
            container: t(containerKeys[servings.container]),
            each: formatVolume(servings.mlEach, units),
          }),
        );
      }
      return lines;
    }
    case 'weight':
      return [t('metrics.loggedWeight', { weight: formatWeight(entry.value, units) })];
    case 'sleep': {
      const { bedtime, wakeTime, quality } = entry.details;
      const lines = [t('metrics.loggedSleep', { duration: formatMinutes(entry.value) })];
      if (bedtime && wakeTime) lines.push(t('metrics.sleepWindow', { bedtime, wakeTime }));
      if (quality !== null) lines.push(t('metrics.sleepQuality', { quality }));
      return lines;
    }
    case 'exercise': {
      const details = entry.details;
      const lines = [t('metrics.loggedExercise', { minutes: entry.value, activity: details.activity })];
      if (details.kcalSource === 'user') {
        lines.push(t('metrics.exerciseKcalGiven', { kcal: formatCount(language, details.kcal ?? 0) }));
      } else if (details.kcalSource === 'met_estimate') {
        const bodyWeight = formatWeight(details.bodyWeightKg ?? 0, units);
        lines.push(
          t('metrics.exerciseKcalEstimated', {
            kcal: formatCount(language, details.kcal ?? 0),
            matched: details.matchedActivity ?? details.activity,
            met: details.met ?? 0,
            weight: bodyWeight,
            hours: formatCount(language, Math.round((entry.value / 60) * 100) / 100),
          }),
        );
        if (details.bodyWeightSource === 'default')
          lines.push(t('metrics.exerciseDefaultWeight', { weight: bodyWeight }));
      } else {
        lines.push(t('metrics.exerciseUnknown', { activity: details.activity, minutes: entry.value }));
      }
      return lines;
    }
    case 'mood':
      return [t('metrics.loggedMood', { score: entry.value })];
    case 'steps':
      return [t('metrics.loggedSteps', { count: formatCount(language, entry.value) })];
    case 'medication':
      return [
        entry.details.dose
          ? t('metrics.loggedMedicationDose', { name: entry.details.name, dose: entry.details.dose })
          : t('metrics.loggedMedication', { name: entry.details.name }),
      ];
  }
}

/** The trend after a weigh-in: the moving average of the last 7 days with a weight, and its move this week. */
export function describeWeightTrend(style: ReplyStyle, trend: WeightTrend): string[] {
  const last = trend.points.at(-1);
  if (!last || last.daysInAverage < 2) return [style.t('metrics.weightTrendFirst')];
  const lines = [
    style.t('metrics.weightTrend', {
      average: formatWeight(last.movingAverageKg, style.units),
      days: last.daysInAverage,
    }),
  ];
  if (trend.points.length >= 2 && trend.change) {
    lines.push(
      style.t('metrics.weightTrendChange', {
        change: formatWeightChange(trend.change.movingAverageKg, style.units),
      }),
    );
  }
  return lines;
}
