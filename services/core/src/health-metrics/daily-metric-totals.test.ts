import { dailyMetricTotals } from './daily-metric-totals.js';
import type { StoredMetricEntry } from './health-metric-types.js';

const base = { userId: 'u', note: null, createdAt: new Date('2026-03-01T00:00:00Z') };
let counter = 0;
function entry<E extends StoredMetricEntry>(fields: Omit<E, 'id' | 'userId' | 'note' | 'createdAt'>): E {
  counter += 1;
  return { ...base, id: `e${counter}`, ...fields } as E;
}

const stockholm = { timezone: 'Europe/Stockholm', dayStartHour: 0 };
const exercise = (at: string, minutes: number, kcal: number | null) =>
  entry({
    kind: 'exercise',
    value: minutes,
    unit: 'min',
    recordedAt: new Date(at),
    details: {
      activity: 'x',
      matchedActivity: null,
      met: null,
      kcal,
      kcalSource: kcal === null ? 'none' : 'user',
      bodyWeightKg: null,
      bodyWeightSource: null,
    },
  });

describe('daily metric totals', () => {
  it('when a range has empty days, then every day is reported with zeros', () => {
    const totals = dailyMetricTotals([], '2026-03-01', '2026-03-03', stockholm);
    expect(totals.map((day) => day.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(totals[1]).toEqual({
      day: '2026-03-02',
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
  });

  it('when entries of every kind are logged, then each day adds up its own', () => {
    const entries: StoredMetricEntry[] = [
      entry({
        kind: 'water',
        value: 250,
        unit: 'ml',
        recordedAt: new Date('2026-03-01T08:00:00Z'),
        details: { input: null },
      }),
      entry({
        kind: 'water',
        value: 500,
        unit: 'ml',
        recordedAt: new Date('2026-03-01T12:00:00Z'),
        details: { input: null },
      }),
      entry({
        kind: 'steps',
        value: 4000,
        unit: 'steps',
        recordedAt: new Date('2026-03-01T12:00:00Z'),
        details: {},
      }),
      entry({
        kind: 'steps',
        value: 3000,
        unit: 'steps',
        recordedAt: new Date('2026-03-01T18:00:00Z'),
        details: {},
      }),
      exercise('2026-03-01T09:00:00Z', 30, 300),
      exercise('2026-03-01T17:00:00Z', 20, null),
      entry({
        kind: 'sleep',
        value: 420,
        unit: 'min',
        recordedAt: new Date('2026-03-01T06:00:00Z'),
        details: { quality: 6, bedtime: null, wakeTime: null, durationSource: 'given' },
      }),
      entry({
        kind: 'sleep',
        value: 30,
        unit: 'min',
        recordedAt: new Date('2026-03-01T14:00:00Z'),
        details: { quality: 9, bedtime: null, wakeTime: null, durationSource: 'given' },
      }),
      entry({
        kind: 'weight',
        value: 80,
        unit: 'kg',
        recordedAt: new Date('2026-03-01T20:00:00Z'),
        details: { input: null },
      }),
      entry({
        kind: 'weight',
        value: 81,
        unit: 'kg',
        recordedAt: new Date('2026-03-01T06:00:00Z'),
        details: { input: null },
      }),
      entry({
        kind: 'mood',
        value: 7,
        unit: 'score',
        recordedAt: new Date('2026-03-01T10:00:00Z'),
        details: { tags: [] },
      }),
      entry({
        kind: 'mood',
        value: 4,
        unit: 'score',
        recordedAt: new Date('2026-03-01T20:00:00Z'),
        details: { tags: [] },
      }),
      entry({
        kind: 'medication',
        value: 1,
        unit: 'dose',
        recordedAt: new Date('2026-03-01T08:00:00Z'),
        details: { name: 'Ibuprofen', dose: '200 mg' },
      }),
      entry({
        kind: 'water',
        value: 100,
        unit: 'ml',
        recordedAt: new Date('2026-03-02T08:00:00Z'),
        details: { input: null },
      }),
    ];
    const [first, second] = dailyMetricTotals(entries, '2026-03-01', '2026-03-02', stockholm);
    expect(first).toEqual({
      day: '2026-03-01',
      waterMl: 750,
      steps: 7000,
      exerciseMinutes: 50,
      exerciseKcal: 300,
      sleepMinutes: 450,
      sleepQuality: 7.5,
      weightKg: 80,
      moodAverage: 5.5,
      medicationsTaken: 1,
    });
    expect(second?.waterMl).toBe(100);
  });

  it('when water is drunk at 23:30 local, then it counts for that local day, not the UTC one', () => {
    const totals = dailyMetricTotals(
      [
        // 23:30 in New York on 14 March is 03:30 UTC on the 15th.
        entry({
          kind: 'water',
          value: 300,
          unit: 'ml',
          recordedAt: new Date('2026-03-15T03:30:00Z'),
          details: { input: null },
        }),
      ],
      '2026-03-14',
      '2026-03-15',
      { timezone: 'America/New_York', dayStartHour: 0 },
    );
    expect(totals.map((day) => day.waterMl)).toEqual([300, 0]);
  });

  it('when the day starts at 04:00, then an entry at 02:00 local counts for the day before', () => {
    const totals = dailyMetricTotals(
      [
        entry({
          kind: 'steps',
          value: 500,
          unit: 'steps',
          recordedAt: new Date('2026-06-10T00:00:00Z'),
          details: {},
        }),
      ],
      '2026-06-09',
      '2026-06-10',
      { timezone: 'Europe/Stockholm', dayStartHour: 4 },
    );
    expect(totals.map((day) => day.steps)).toEqual([500, 0]);
  });

  it('when an entry falls outside the days asked for, then it is ignored', () => {
    const totals = dailyMetricTotals(
      [
        entry({
          kind: 'steps',
          value: 500,
          unit: 'steps',
          recordedAt: new Date('2026-06-20T12:00:00Z'),
          details: {},
        }),
      ],
      '2026-06-09',
      '2026-06-09',
      stockholm,
    );
    expect(totals).toHaveLength(1);
    expect(totals[0]?.steps).toBe(0);
  });
});
