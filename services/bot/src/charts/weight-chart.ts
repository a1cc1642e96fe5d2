import { axisOptions, baseOptions, dayLabel, type RenderedChart, renderChart } from './chart-rendering.js';
import { type ChartStyle, chartColours } from './chart-style.js';

export interface WeightChartData {
  title: string;
  legend: { weight: string; trend: string };
  /** The unit the values are in, for the axis. */
  unit: string;
  /** One per local day, oldest first; null where nothing was weighed (or no trend yet). */
  days: ReadonlyArray<{ day: string; weight: number | null; trend: number | null }>;
}

/** Daily weigh-ins as dots and their 7-day moving average as a line through the gaps. */
export function renderWeightChart(data: WeightChartData, style: ChartStyle): Promise<RenderedChart> {
  const values = data.days.flatMap((day) => [day.weight, day.trend]).filter((value) => value !== null);
  const low = Math.min(...values);
  const high = Math.max(...values);
  // A flat week would make a flat axis; keep at least 2 units visible around the data.
  const margin = Math.max(1, (high - low) * 0.15);
  return renderChart({
    type: 'line',
    data: {
      labels: data.days.map((day) => dayLabel(day.day)),
      datasets: [
        {
          label: data.legend.weight,
          data: data.days.map((day) => day.weight),
          showLine: false,
          pointRadius: 4,
          pointBackgroundColor: chartColours.weight,
          pointBorderColor: chartColours.weight,
          borderColor: chartColours.weight,
          backgroundColor: chartColours.weight,
        },
        {
          label: data.legend.trend,
          data: data.days.map((day) => day.trend),
          borderColor: chartColours.weightTrend,
          backgroundColor: chartColours.weightTrend,
          borderWidth: 3,
          pointRadius: 0,
          spanGaps: true,
          tension: 0,
        },
      ],
    },
    options: {
      ...baseOptions(style, data.title),
      scales: {
        x: axisOptions(style),
        y: axisOptions(style, {
          title: data.unit,
          min: Math.floor(low - margin),
          max: Math.ceil(high + margin),
        }),
      },
    },
  });
}
