import { createCanvas } from '@napi-rs/canvas';
import {
  type ChartConfiguration,
  type ChartItem,
  Chart as ChartJs,
  type Plugin,
  registerables,
  type ScaleOptions,
} from 'chart.js';
import { CHART_HEIGHT, CHART_WIDTH, type ChartStyle, chartColours } from './chart-style.js';

ChartJs.register(...registerables);

/** The chart types we draw: bars, lines, and bars with a line over them. */
export type ChartKind = 'bar' | 'line';
export type ChartSpec = ChartConfiguration<ChartKind, Array<number | null>, string>;

export interface PixelPoint {
  x: number;
  y: number;
}

export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
  /** Each dataset's points in pixels (line vertices, bar tops); null where the value is missing. */
  points: Array<Array<PixelPoint | null>>;
}

/** Telegram shows a transparent PNG on the chat's background, which may be dark: paint it white. */
const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = chartColours.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Options shared by every chart: fixed size, no animation, and text only when a font exists. */
export function baseOptions(style: ChartStyle, title: string): NonNullable<ChartSpec['options']> {
  const font = style.fontFamily ? { family: style.fontFamily } : undefined;
  return {
    responsive: false,
    animation: false,
    devicePixelRatio: 1,
    layout: { padding: style.fontFamily ? 8 : 16 },
    plugins: {
      title: {
        display: font !== undefined,
        text: title,
        color: chartColours.text,
        font: { ...font, size: 18 },
      },
      legend: {
        display: font !== undefined,
        labels: { color: chartColours.text, font: { ...font, size: 13 } },
      },
      tooltip: { enabled: false },
    },
  };
}

type AxisOptions = NonNullable<NonNullable<ChartSpec['options']>['scales']>[string];

/** An axis: its tick labels and title drawn only with a font. */
export function axisOptions(
  style: ChartStyle,
  options: { title?: string } & Partial<ScaleOptions<'linear'>> = {},
): AxisOptions {
  const font = style.fontFamily ? { family: style.fontFamily, size: 12 } : undefined;
  const { title, ...rest } = options;
  return {
    ...rest,
    grid: { color: chartColours.grid },
    ticks: { display: font !== undefined, color: chartColours.text, ...(font ? { font } : {}) },
    title: {
      display: font !== undefined && title !== undefined,
      text: title ?? '',
      color: chartColours.text,
      ...(font ? { font } : {}),
    },
  };
}

/**
 * Draws a chart on an in-memory canvas and encodes it as PNG: no browser, no files. The
 * chart is destroyed afterwards; its point positions are kept for checks.
 */
export async function renderChart(spec: ChartSpec): Promise<RenderedChart> {
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  // chart.js types its canvas as the DOM's; @napi-rs/canvas implements the same 2D API.
  const chart = new ChartJs(canvas.getContext('2d') as unknown as ChartItem, {
    ...spec,
    plugins: [...(spec.plugins ?? []), whiteBackground],
  });
  try {
    const points = spec.data.datasets.map((dataset, index) =>
      chart
        .getDatasetMeta(index)
        .data.map((element, pointIndex) =>
          dataset.data[pointIndex] === null || dataset.data[pointIndex] === undefined
            ? null
            : { x: element.x, y: element.y },
        ),
    );
    const png = await canvas.encode('png');
    return { png, width: CHART_WIDTH, height: CHART_HEIGHT, points };
  } finally {
    chart.destroy();
  }
}

/** "2026-11-20" -> "11-20": short, and the same in every language. */
export function dayLabel(day: string): string {
  return day.slice(5);
}
