import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { NotFoundError } from '../errors/index.js';
import type { ActivityAction, ActivityRecorder } from '../gamification/activity.js';
import type { Logger } from '../logging/logger.js';
import { type DaySettings, localDayOf, localDayRange } from '../time/local-day.js';
import { dailyMetricTotals } from './daily-metric-totals.js';
import { exerciseEnergy } from './exercise-energy.js';
import {
  canonicalUnits,
  type DailyMetricTotals,
  type LoggedMetric,
  type MetricEntry,
  type MetricKind,
  type StoredMetricEntry,
  type WeightTrend,
} from './health-metric-types.js';
import {
  deleteMetricEntry,
  insertMetricEntry,
  latestWeightKg,
  listMetricEntries,
  type NewMetricEntry,
  readDaySettings,
  weighInsBefore,
} from './health-metrics-repository.js';
import { isUuid, parseInput } from './log-input-rules.js';
import {
  type DaySpanQuery,
  daySpanSchema,
  type MetricListQuery,
  type MetricLogInput,
  metricListQuerySchema,
  metricLogInputSchema,
  type ParsedMetricLogInput,
} from './metric-inputs.js';
import { minutesAsleep } from './sleep-duration.js';
import { toKilograms, toMillilitres } from './unit-conversion.js';
import { type DailyWeight, lastWeightPerDay, TREND_WINDOW_DAYS, weightTrend } from './weight-trend.js';

export interface HealthMetricsService {
  /** Logs one water, weight, sleep, exercise, mood, steps or medication entry and records the activity. */
  log(userId: string, input: MetricLogInput): Promise<LoggedMetric>;
  /** The user's entries, newest first, optionally of one kind and within [from, to). */
  list(userId: string, query?: MetricListQuery): Promise<MetricEntry[]>;
  /** Deletes one of the user's entries; another user's id is "not found". */
  deleteEntry(userId: string, entryId: string): Promise<void>;
  /** Daily weights with their 7-day moving average over local days from..to (default: the last 30). */
  weightTrend(userId: string, query?: DaySpanQuery): Promise<WeightTrend>;
  /** Per local day from..to (default: today): water, steps, exercise, sleep, weight, mood, medication. */
  dailyTotals(userId: string, query?: DaySpanQuery): Promise<DailyMetricTotals[]>;
}

export interface HealthMetricsServiceDependencies {
  db: Db;
  clock: Clock;
  logger: Logger;
  activityRecorder: ActivityRecorder;
}

const actionFor: Record<MetricKind, ActivityAction> = {
  water: 'water_logged',
  weight: 'weight_logged',
  sleep: 'sleep_logged',
  exercise: 'exercise_logged',
  mood: 'mood_logged',
  steps: 'steps_logged',
  medication: 'medication_logged',
};

const DEFAULT_TREND_DAYS = 30;
/** Weigh-ins read per step when walking back for the days before a trend's period. */
const WEIGH_IN_PAGE = 100;

interface Draft {
  entry: NewMetricEntry;
  notices: string[];
}

function withLocalDay(entry: StoredMetricEntry, settings: DaySettings): MetricEntry {
  return { ...entry, localDay: localDayOf(entry.recordedAt, settings) };
}

export function createHealthMetricsService(deps: HealthMetricsServiceDependencies): HealthMetricsService {
  const { db, clock, logger, activityRecorder } = deps;

  async function daySettingsOf(database: Db, userId: string): Promise<DaySettings> {
    const settings = isUuid(userId) ? await readDaySettings(database, userId) : undefined;
    if (!settings) throw new NotFoundError('User not found', { userId });
    return settings;
  }

  /** Turns validated input into the row to store: canonical units, derived sleep and kcal. */
  async function draftOf(
    database: Db,
    userId: string,
    input: ParsedMetricLogInput,
    now: Date,
  ): Promise<Draft> {
    const common = { userId, note: input.note || null, recordedAt: input.recordedAt ?? now };
    const original = (amount: number, unit: string, canonical: string) =>
      unit === canonical ? null : { amount, unit };
    switch (input.kind) {
      case 'water':
        return {
          entry: {
            ...common,
            kind: 'water',
            value: toMillilitres(input.amount, input.unit),
            unit: canonicalUnits.water,
            details: { input: original(input.amount, input.unit, 'ml') },
          },
          notices: [],
        };
      case 'weight':
        return {
          entry: {
            ...common,
            kind: 'weight',
            value: toKilograms(input.amount, input.unit),
            unit: canonicalUnits.weight,
            details: { input: original(input.amount, input.unit, 'kg') },
          },
          notices: [],
        };
      case 'sleep': {
        const bedAndWake = input.bedtime !== undefined && input.wakeTime !== undefined;
        const minutes =
          input.durationMinutes ?? minutesAsleep(input.bedtime as string, input.wakeTime as string);
        return {
          entry: {
            ...common,
            kind: 'sleep',
            value: minutes,
            unit: canonicalUnits.sleep,
            details: {
              quality: input.quality ?? null,
              bedtime: input.bedtime ?? null,
              wakeTime: input.wakeTime ?? null,
              durationSource: input.durationMinutes === undefined && bedAndWake ? 'bed_and_wake' : 'given',
            },
          },
          notices: [],
        };
      }
      case 'exercise': {
        const latestWeight =
          input.kcal === undefined ? await latestWeightKg(database, userId, common.recordedAt) : undefined;
        const energy = exerciseEnergy({
          activity: input.activity,
          minutes: input.durationMinutes,
          ...(input.kcal !== undefined ? { kcal: input.kcal } : {}),
          ...(latestWeight !== undefined ? { latestWeightKg: latestWeight } : {}),
        });
        return {
          entry: {
            ...common,
            kind: 'exercise',
            value: input.durationMinutes,
            unit: canonicalUnits.exercise,
            details: energy.details,
          },
          notices: energy.notices,
        };
      }
      case 'mood':
        return {
          entry: {
            ...common,
            kind: 'mood',
            value: input.score,
            unit: canonicalUnits.mood,
            details: { tags: input.tags ?? [] },
          },
          notices: [],
        };
      case 'steps':
        return {
          entry: { ...common, kind: 'steps', value: input.count, unit: canonicalUnits.steps, details: {} },
          notices: [],
        };
      case 'medication':
        return {
          entry: {
            ...common,
            kind: 'medication',
            value: 1,
            unit: canonicalUnits.medication,
            details: { name: input.name, dose: input.dose ?? null },
          },
          notices: [],
        };
    }
  }

  /** The last weight of each of the (up to) 6 days with one before `before`, oldest first. */
  async function weightDaysBefore(
    userId: string,
    before: Date,
    settings: DaySettings,
  ): Promise<DailyWeight[]> {
    const wanted = TREND_WINDOW_DAYS - 1;
    // Pages come newest first, so the first weigh-in seen for a day is that day's last one.
    const days = new Map<string, number>();
    let cursor = before;
    let exhausted = false;
    while (days.size < wanted && !exhausted) {
      const page = await weighInsBefore(db, userId, cursor, WEIGH_IN_PAGE);
      for (const weighIn of page) {
        const day = localDayOf(weighIn.recordedAt, settings);
        if (!days.has(day) && days.size < wanted) days.set(day, weighIn.weightKg);
      }
      exhausted = page.length < WEIGH_IN_PAGE;
      cursor = page[page.length - 1]?.recordedAt ?? cursor;
    }
    return [...days.entries()].reverse().map(([day, weightKg]) => ({ day, weightKg }));
  }

  return {
    async log(userId, input) {
      const now = clock.now();
      const parsed = parseInput(metricLogInputSchema(now), input);
      return db.transaction(async (trx) => {
        const settings = await daySettingsOf(trx, userId);
        const draft = await draftOf(trx, userId, parsed, now);
        const stored = await insertMetricEntry(trx, draft.entry, now);
        const activity = await activityRecorder.recordActivity(trx, {
          userId,
          action: actionFor[stored.kind],
          sourceId: stored.id,
          occurredAt: stored.recordedAt,
        });
        logger.info({ userId, entryId: stored.id, kind: stored.kind }, 'metric logged');
        return { entry: withLocalDay(stored, settings), activity, notices: draft.notices };
      });
    },

    async list(userId, query = {}) {
      const filter = parseInput(metricListQuerySchema, query);
      const settings = await daySettingsOf(db, userId);
      const entries = await listMetricEntries(db, userId, { ...filter, order: 'desc' });
      return entries.map((entry) => withLocalDay(entry, settings));
    },

    async deleteEntry(userId, entryId) {
      const deleted = isUuid(userId) && isUuid(entryId) && (await deleteMetricEntry(db, userId, entryId));
      if (!deleted) throw new NotFoundError('Metric entry not found', { entryId });
      logger.info({ userId, entryId }, 'metric entry deleted');
    },

    async weightTrend(userId, query = {}) {
      const settings = await daySettingsOf(db, userId);
      const today = localDayOf(clock.now(), settings);
      const span = parseInput(daySpanSchema(today, DEFAULT_TREND_DAYS), query);
      const start = localDayRange(span.from, settings).start;
      const end = localDayRange(span.to, settings).end;
      const inPeriod = await listMetricEntries(db, userId, {
        kind: 'weight',
        from: start,
        to: end,
        order: 'asc',
      });
      const earlier = await weightDaysBefore(userId, start, settings);
      const daily = lastWeightPerDay(
        inPeriod.map((entry) => ({ recordedAt: entry.recordedAt, weightKg: entry.value })),
        settings,
      );
      return weightTrend([...earlier, ...daily], span.from, span.to);
    },

    async dailyTotals(userId, query = {}) {
      const settings = await daySettingsOf(db, userId);
      const today = localDayOf(clock.now(), settings);
      const span = parseInput(daySpanSchema(today, 1), query);
      const entries = await listMetricEntries(db, userId, {
        from: localDayRange(span.from, settings).start,
        to: localDayRange(span.to, settings).end,
        order: 'asc',
      });
      return dailyMetricTotals(entries, span.from, span.to, settings);
    },
  };
}
