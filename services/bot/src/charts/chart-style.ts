import { GlobalFonts } from '@napi-rs/canvas';

/** Every chart has the same fixed size: Telegram shows it whole on a phone and on a desktop. */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 450;

/** Dataset colours, fixed so the charts look alike and tests can find the data by its colour. */
export const chartColours = {
  background: '#ffffff',
  text: '#333333',
  grid: '#e6e6e6',
  caloriesWithinGoal: '#59a14f',
  caloriesOverGoal: '#f28e2b',
  goal: '#555555',
  weight: '#4e79a7',
  weightTrend: '#e15759',
  sleep: '#76b7b2',
} as const;

/** How a chart draws text: a font family, or none at all. */
export interface ChartStyle {
  /** Undefined when the machine has no font: the chart is then drawn without any text. */
  fontFamily: string | undefined;
}

/** Families that read well in small chart labels, in order of preference. */
const preferredFamilies = ['DejaVu Sans', 'Liberation Sans', 'Noto Sans', 'Arial', 'Helvetica', 'FreeSans'];

/**
 * The font to label charts with. @napi-rs/canvas ships no font of its own and finds the
 * system's; a slim container may have none, and text drawn without a font is garbage, so
 * then the charts go without text (the message's caption says what they show).
 */
export function chartFontFrom(families: readonly string[]): string | undefined {
  return preferredFamilies.find((family) => families.includes(family)) ?? families[0];
}

/** The style for this machine's fonts. */
export function systemChartStyle(): ChartStyle {
  return { fontFamily: chartFontFrom(GlobalFonts.families.map((font) => font.family)) };
}
