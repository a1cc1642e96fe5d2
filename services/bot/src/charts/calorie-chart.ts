import { axisOptions, baseOptions, dayLabel, type RenderedChart, renderChart } from './chart-rendering.js';
import { type ChartStyle, chartColours } from './chart-style.js';

export interface CalorieChartData {
  title: string;
  /** Legend texts. */
  legend: { eaten: string; goal: string };
  /** One per local day, oldest first; days without food count 0. */
  days: ReadonlyArray<{ day: string; kcal: number }>;
  /** The daily goal drawn as a dashed line; null when the user has none. */
  goalKcal: number | null;
}

/** kcal eaten per day as bars (green within the goal, orange over it) and the goal as a dashed line. */
export function renderCalorieChart(data: CalorieChartData, style: ChartStyle): Promise<RenderedChart> {
  const { goalKcal } = data;
  const kcal = data.days.map((day) => Math.round(day.kcal));
  const highest = Math.max(0, goalKcal ?? 0, ...kcal);
  return renderChart({
    type: 'bar',
    data: {
      labels: data.days.map((day) => dayLabel(day.day)),
      datasets: [
        {
          type: 'bar',
          label: data.legend.eaten,
          data: kcal,
          backgroundColor: kcal.map((value) =>
            goalKcal !== null && value > goalKcal
              ? chartColours.caloriesOverGoal
              : chartColours.caloriesWithinGoal,
          ),
          order: 2,
        },
        ...(goalKcal === null
          ? []
          : [
              {
                type: 'line' as const,
                label: data.legend.goal,
                data: kcal.map(() => goalKcal),
                borderColor: chartColours.goal,
                borderDash: [8, 6],
                borderWidth: 2,
                pointRadius: 0,
                order: 1,
              },
            ]),
      ],
    },
    options: {
      ...baseOptions(style, data.title),
      scales: {
        x: axisOptions(style),
        y: axisOptions(style, {
          title: 'kcal',
          min: 0,
          suggestedMax: Math.ceil((highest * 1.1) / 100) * 100,
        }),
      },
    },
  });
}
