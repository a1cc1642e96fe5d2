import { axisOptions, baseOptions, dayLabel, type RenderedChart, renderChart } from './chart-rendering.js';
import { type ChartStyle, chartColours } from './chart-style.js';

export interface SleepChartData {
  title: string;
  legend: { hours: string };
  /** One per local day, oldest first; 0 where no sleep was logged. */
  days: ReadonlyArray<{ day: string; minutes: number }>;
}

/** Hours slept per day as bars, on an axis of at least 10 hours so short nights look short. */
export function renderSleepChart(data: SleepChartData, style: ChartStyle): Promise<RenderedChart> {
  const hours = data.days.map((day) => Math.round((day.minutes / 60) * 10) / 10);
  return renderChart({
    type: 'bar',
    data: {
      labels: data.days.map((day) => dayLabel(day.day)),
      datasets: [{ label: data.legend.hours, data: hours, backgroundColor: chartColours.sleep }],
    },
    options: {
      ...baseOptions(style, data.title),
      scales: {
        x: axisOptions(style),
        y: axisOptions(style, { title: 'h', min: 0, suggestedMax: Math.max(10, ...hours) }),
      },
    },
  });
}
