import { lastWeightPerDay, weightTrend } from './weight-trend.js';

const utc = { timezone: 'UTC', dayStartHour: 0 };

describe('weight trend', () => {
  it('when a day has several weigh-ins, then its last one counts', () => {
    const daily = lastWeightPerDay(
      [
        { recordedAt: new Date('2026-03-02T20:00:00Z'), weightKg: 81 },
        { recordedAt: new Date('2026-03-02T07:00:00Z'), weightKg: 80 },
        { recordedAt: new Date('2026-03-01T07:00:00Z'), weightKg: 82 },
      ],
      utc,
    );
    expect(daily).toEqual([
      { day: '2026-03-01', weightKg: 82 },
      { day: '2026-03-02', weightKg: 81 },
    ]);
  });

  it('when a weigh-in is late in the evening local time, then it belongs to that local day', () => {
    const daily = lastWeightPerDay([{ recordedAt: new Date('2026-03-15T03:30:00Z'), weightKg: 70 }], {
      timezone: 'America/New_York',
      dayStartHour: 0,
    });
    expect(daily[0]?.day).toBe('2026-03-14');
  });

  it('when there are more than 7 days, then each day averages the last 7 days that have a weight', () => {
    const days = [80, 81, 82, 83, 84, 85, 86, 87, 88].map((weightKg, index) => ({
      day: `2026-03-0${index + 1}`,
      weightKg,
    }));
    const trend = weightTrend(days, '2026-03-01', '2026-03-09');
    expect(trend.points.map((point) => point.movingAverageKg)).toEqual([
      80, 80.5, 81, 81.5, 82, 82.5, 83, 84, 85,
    ]);
    expect(trend.points.map((point) => point.daysInAverage)).toEqual([1, 2, 3, 4, 5, 6, 7, 7, 7]);
    expect(trend.change).toEqual({ movingAverageKg: 5, weightKg: 8 });
  });

  it('when days before the period are given, then they fill the window but are not reported', () => {
    const trend = weightTrend(
      [
        { day: '2026-02-01', weightKg: 90 },
        { day: '2026-02-20', weightKg: 80 },
        { day: '2026-03-05', weightKg: 85 },
      ],
      '2026-03-01',
      '2026-03-31',
    );
    expect(trend.points).toEqual([
      { day: '2026-03-05', weightKg: 85, movingAverageKg: 85, daysInAverage: 3 },
    ]);
    expect(trend.change).toEqual({ movingAverageKg: 0, weightKg: 0 });
  });

  it('when weigh-ins have gaps, then days without one are skipped, not counted as zero', () => {
    const trend = weightTrend(
      [
        { day: '2026-03-01', weightKg: 80 },
        { day: '2026-03-20', weightKg: 78 },
      ],
      '2026-03-01',
      '2026-03-31',
    );
    expect(trend.points.map((point) => point.movingAverageKg)).toEqual([80, 79]);
    expect(trend.change).toEqual({ movingAverageKg: -1, weightKg: -2 });
  });

  it('when the period has no weight, then there are no points and no change', () => {
    const trend = weightTrend([{ day: '2026-04-02', weightKg: 80 }], '2026-03-01', '2026-03-31');
    expect(trend).toEqual({ from: '2026-03-01', to: '2026-03-31', points: [], change: null });
  });
});
