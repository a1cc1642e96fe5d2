import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { renderCalorieChart } from './calorie-chart.js';
import type { PixelPoint, RenderedChart } from './chart-rendering.js';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  type ChartStyle,
  chartColours,
  chartFontFrom,
  systemChartStyle,
} from './chart-style.js';
import { renderSleepChart } from './sleep-chart.js';
import { renderWeightChart } from './weight-chart.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const withFont = systemChartStyle();
const withoutFont: ChartStyle = { fontFamily: undefined };

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16)) as [
    number,
    number,
    number,
  ];
}

function pixel(image: PNG, x: number, y: number): [number, number, number] {
  const offset = (Math.round(y) * image.width + Math.round(x)) * 4;
  return [image.data[offset] as number, image.data[offset + 1] as number, image.data[offset + 2] as number];
}

function near(actual: readonly number[], expected: readonly number[], tolerance = 12): boolean {
  return actual.every((value, index) => Math.abs(value - (expected[index] as number)) <= tolerance);
}

function decode(chart: RenderedChart): PNG {
  expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const image = PNG.sync.read(chart.png);
  expect([image.width, image.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
  return image;
}

/** Pixels that are neither the white background nor grid grey: drawn ink. */
function inkIn(image: PNG, box: { x0: number; y0: number; x1: number; y1: number }): number {
  let ink = 0;
  for (let y = box.y0; y < box.y1; y++)
    for (let x = box.x0; x < box.x1; x++) if (!near(pixel(image, x, y), [255, 255, 255], 30)) ink++;
  return ink;
}

const week = [
  '2026-11-20',
  '2026-11-21',
  '2026-11-22',
  '2026-11-23',
  '2026-11-24',
  '2026-11-25',
  '2026-11-26',
];
const calories = {
  title: 'Calories, last 7 days',
  legend: { eaten: 'Eaten', goal: 'Goal' },
  days: week.map((day, index) => ({ day, kcal: [1800, 2500, 0, 1950, 2100, 1200, 2300][index] as number })),
  goalKcal: 2000,
};

function hash(png: Buffer): string {
  return createHash('sha256').update(png).digest('hex');
}

describe('charts', () => {
  it('when the machine font list is known, then a readable sans family is preferred and none means no text', () => {
    expect(chartFontFrom(['DejaVu Serif', 'DejaVu Sans'])).toBe('DejaVu Sans');
    expect(chartFontFrom(['Some Font'])).toBe('Some Font');
    expect(chartFontFrom([])).toBeUndefined();
  });

  it('when calories are drawn, then the PNG is valid and each bar has its colour: green within the goal, orange over it', async () => {
    const chart = await renderCalorieChart(calories, withFont);
    const image = decode(chart);
    const bars = chart.points[0] as PixelPoint[];
    expect(bars).toHaveLength(7);
    calories.days.forEach((day, index) => {
      if (day.kcal === 0) return;
      const bar = bars[index] as PixelPoint;
      // Just under the bar's top, in its middle: solid fill.
      const colour = pixel(image, bar.x, bar.y + 6);
      expect(
        near(
          colour,
          rgb(day.kcal > 2000 ? chartColours.caloriesOverGoal : chartColours.caloriesWithinGoal),
          2,
        ),
      ).toBe(true);
    });
    // Taller bars for more kcal: the 2,500 kcal day reaches higher than the 1,200 one.
    expect((bars[1] as PixelPoint).y).toBeLessThan((bars[5] as PixelPoint).y);
  });

  it('when the goal line is drawn, then pixels on it between bars have the goal colour', async () => {
    const chart = await renderCalorieChart(calories, withFont);
    const image = decode(chart);
    const goal = chart.points[1] as PixelPoint[];
    const y = (goal[0] as PixelPoint).y;
    expect(goal.every((point) => Math.abs(point.y - y) < 0.5)).toBe(true);
    // The line is dashed: some pixels along it are the goal colour.
    let onLine = 0;
    for (let x = Math.round((goal[0] as PixelPoint).x); x < (goal[6] as PixelPoint).x; x++)
      if (near(pixel(image, x, y), rgb(chartColours.goal), 20)) onLine++;
    expect(onLine).toBeGreaterThan(100);
  });

  it('when the same data is drawn twice, then the images are identical; other data gives another image', async () => {
    const first = await renderCalorieChart(calories, withFont);
    const again = await renderCalorieChart(calories, withFont);
    expect(hash(again.png)).toBe(hash(first.png));
    const changed = await renderCalorieChart(
      { ...calories, days: calories.days.map((day, index) => (index === 3 ? { ...day, kcal: 900 } : day)) },
      withFont,
    );
    expect(hash(changed.png)).not.toBe(hash(first.png));
    const noGoal = await renderCalorieChart({ ...calories, goalKcal: null }, withFont);
    expect(noGoal.points).toHaveLength(1);
    expect(hash(noGoal.png)).not.toBe(hash(first.png));
  });

  it('when a weight trend is drawn, then pixels along the trend line have its colour and dots the weight colour', async () => {
    const weights = [80, null, 79.6, 79.8, null, 79.1, 79.0, 78.7, null, 78.5];
    const days = weights.map((weight, index) => ({
      day: `2026-11-${String(10 + index).padStart(2, '0')}`,
      weight,
      trend: index === 0 ? 80 : 80 - index * 0.15,
    }));
    const chart = await renderWeightChart(
      { title: 'Weight', legend: { weight: 'Weight', trend: '7-day average' }, unit: 'kg', days },
      withFont,
    );
    const image = decode(chart);
    const trend = chart.points[1] as PixelPoint[];
    for (let index = 0; index < trend.length - 1; index++) {
      const a = trend[index] as PixelPoint;
      const b = trend[index + 1] as PixelPoint;
      for (const share of [0.3, 0.5, 0.7]) {
        const x = a.x + (b.x - a.x) * share;
        const y = a.y + (b.y - a.y) * share;
        expect(near(pixel(image, x, y), rgb(chartColours.weightTrend), 40)).toBe(true);
      }
    }
    const dots = chart.points[0] as Array<PixelPoint | null>;
    expect(dots.map((dot) => dot === null)).toEqual(weights.map((weight) => weight === null));
    for (const dot of dots)
      if (dot) expect(near(pixel(image, dot.x, dot.y), rgb(chartColours.weight), 40)).toBe(true);
    // Heavier is higher: the first weigh-in (80 kg) sits above the last (78.5 kg).
    expect((dots[0] as PixelPoint).y).toBeLessThan((dots[9] as PixelPoint).y);
  });

  it('when sleep is drawn, then bars have the sleep colour and heights follow the hours', async () => {
    const chart = await renderSleepChart(
      {
        title: 'Sleep',
        legend: { hours: 'Hours' },
        days: [420, 480, 0, 360].map((minutes, index) => ({ day: `2026-11-2${index}`, minutes })),
      },
      withFont,
    );
    const image = decode(chart);
    const bars = chart.points[0] as PixelPoint[];
    expect(
      near(
        pixel(image, (bars[1] as PixelPoint).x, (bars[1] as PixelPoint).y + 5),
        rgb(chartColours.sleep),
        2,
      ),
    ).toBe(true);
    expect((bars[1] as PixelPoint).y).toBeLessThan((bars[0] as PixelPoint).y);
    expect((bars[0] as PixelPoint).y).toBeLessThan((bars[3] as PixelPoint).y);
  });

  it('when a font exists, then the title is drawn; without one the chart still renders, with no text at all', async () => {
    expect(withFont.fontFamily).toBeDefined();
    const titleBox = { x0: 250, y0: 0, x1: 550, y1: 30 };
    const labelled = decode(await renderCalorieChart(calories, withFont));
    expect(inkIn(labelled, titleBox)).toBeGreaterThan(50);

    const bare = await renderCalorieChart(calories, withoutFont);
    const image = decode(bare);
    expect(inkIn(image, titleBox)).toBe(0);
    // Below the x axis, where tick labels would be, nothing is drawn either.
    expect(inkIn(image, { x0: 0, y0: CHART_HEIGHT - 12, x1: CHART_WIDTH, y1: CHART_HEIGHT })).toBe(0);
    expect(inkIn(image, { x0: 0, y0: 0, x1: 14, y1: CHART_HEIGHT })).toBe(0);
    // The data is still there.
    const bar = (bare.points[0] as PixelPoint[])[0] as PixelPoint;
    expect(near(pixel(image, bar.x, bar.y + 6), rgb(chartColours.caloriesWithinGoal), 2)).toBe(true);
  });
});
