import {
  addDays,
  type DailyMetricTotals,
  type FoodEntry,
  formatWeight,
  kgToLb,
  localDayOf,
  type WeightTrend,
} from '@health-agent/core';
import { Composer, InputFile } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import { renderCalorieChart } from '../charts/calorie-chart.js';
import type { RenderedChart } from '../charts/chart-rendering.js';
import { type ChartStyle, systemChartStyle } from '../charts/chart-style.js';
import { renderSleepChart } from '../charts/sleep-chart.js';
import { renderWeightChart } from '../charts/weight-chart.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { formatCount, formatMinutes, formatWeightChange } from './metric-replies.js';

export const CALORIE_DAYS = { week: 7, month: 30 } as const;
export const WEIGHT_DAYS = 30;
export const SLEEP_DAYS = 14;

const charts = ['calories', 'weight', 'sleep'] as const;
type ChartName = (typeof charts)[number];

/** What /stats sends for one chart: a picture with its caption, or a friendly text when there is no data. */
type StatsReply = { png: Buffer; filename: string; caption: string } | { text: string };

/** The local days start..end, oldest first. */
function daysUpTo(today: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addDays(today, index - count + 1));
}

/** kcal eaten per local day, 0 for days without confirmed food. */
export function kcalPerDay(
  entries: readonly FoodEntry[],
  days: readonly string[],
): Array<{ day: string; kcal: number }> {
  const totals = new Map<string, number>();
  for (const entry of entries)
    totals.set(entry.localDay, (totals.get(entry.localDay) ?? 0) + entry.totals.kcal);
  return days.map((day) => ({ day, kcal: Math.round(totals.get(day) ?? 0) }));
}

function average(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * /stats: PNG charts rendered here (chart.js on @napi-rs/canvas, no browser) and sent as
 * photos through the delivery layer: calories against the goal over 7 and 30 days, weight
 * with its 7-day trend, and sleep. "/stats weight" sends one. A chart without data is a
 * sentence saying how to start it, never an empty picture.
 */
export function statsFeature(
  deps: FeatureDependencies,
  style: ChartStyle = systemChartStyle(),
): Composer<BotContext> {
  const { food, healthMetrics } = deps.services;
  const composer = new Composer<BotContext>();

  function todayOf(ctx: BotContext): string {
    const { timezone, dayStartHour } = accountOf(ctx).profile;
    return localDayOf(deps.clock.now(), { timezone, dayStartHour });
  }

  async function calorieCharts(ctx: BotContext, today: string): Promise<StatsReply[]> {
    const { user, profile } = accountOf(ctx);
    const month = daysUpTo(today, CALORIE_DAYS.month);
    const entries = await food.listEntries(user.id, { from: month[0], to: today });
    if (entries.length === 0) return [{ text: ctx.t('stats.caloriesEmpty', { days: CALORIE_DAYS.month }) }];
    const goal = profile.dailyKcalGoal;
    const replies: StatsReply[] = [];
    for (const [count, title, filename] of [
      [CALORIE_DAYS.week, ctx.t('stats.caloriesWeekTitle'), 'calories-7-days.png'],
      [CALORIE_DAYS.month, ctx.t('stats.caloriesMonthTitle'), 'calories-30-days.png'],
    ] as const) {
      const days = kcalPerDay(entries, month.slice(-count));
      const logged = days.filter((day) => entries.some((entry) => entry.localDay === day.day));
      if (logged.length === 0) {
        replies.push({ text: ctx.t('stats.caloriesEmpty', { days: count }) });
        continue;
      }
      const chart = await renderCalorieChart(
        {
          title,
          legend: { eaten: ctx.t('stats.legendEaten'), goal: ctx.t('stats.legendGoal') },
          days,
          goalKcal: goal,
        },
        style,
      );
      const averageKcal = formatCount(ctx.language, Math.round(average(logged.map((day) => day.kcal))));
      const caption =
        goal === null
          ? ctx.t('stats.caloriesCaptionNoGoal', { title, average: averageKcal, days: logged.length })
          : ctx.t('stats.caloriesCaption', {
              title,
              average: averageKcal,
              days: logged.length,
              goal: formatCount(ctx.language, goal),
              within: logged.filter((day) => day.kcal <= goal).length,
            });
      replies.push(photo(chart, filename, caption));
    }
    return replies;
  }

  async function weightChart(ctx: BotContext, today: string): Promise<StatsReply> {
    const { user, profile } = accountOf(ctx);
    const days = daysUpTo(today, WEIGHT_DAYS);
    const trend: WeightTrend = await healthMetrics.weightTrend(user.id, { from: days[0], to: today });
    const last = trend.points.at(-1);
    if (!last) return { text: ctx.t('stats.weightEmpty', { days: WEIGHT_DAYS }) };
    const inUnits = (kg: number) => (profile.units === 'imperial' ? kgToLb(kg) : Math.round(kg * 100) / 100);
    const byDay = new Map(trend.points.map((point) => [point.day, point]));
    const title = ctx.t('stats.weightTitle');
    const chart = await renderWeightChart(
      {
        title,
        legend: { weight: ctx.t('stats.legendWeight'), trend: ctx.t('stats.legendTrend') },
        unit: profile.units === 'imperial' ? 'lb' : 'kg',
        days: days.map((day) => {
          const point = byDay.get(day);
          return {
            day,
            weight: point ? inUnits(point.weightKg) : null,
            trend: point ? inUnits(point.movingAverageKg) : null,
          };
        }),
      },
      style,
    );
    const caption = ctx.t('stats.weightCaption', {
      title,
      latest: formatWeight(last.weightKg, profile.units),
      average: formatWeight(last.movingAverageKg, profile.units),
      change: formatWeightChange(trend.change?.movingAverageKg ?? 0, profile.units),
    });
    return photo(chart, 'weight-30-days.png', caption);
  }

  async function sleepChart(ctx: BotContext, today: string): Promise<StatsReply> {
    const totals: DailyMetricTotals[] = await healthMetrics.dailyTotals(accountOf(ctx).user.id, {
      from: addDays(today, -(SLEEP_DAYS - 1)),
      to: today,
    });
    const nights = totals.filter((day) => day.sleepMinutes > 0);
    if (nights.length === 0) return { text: ctx.t('stats.sleepEmpty', { days: SLEEP_DAYS }) };
    const title = ctx.t('stats.sleepTitle');
    const chart = await renderSleepChart(
      {
        title,
        legend: { hours: ctx.t('stats.legendHours') },
        days: totals.map((day) => ({ day: day.day, minutes: day.sleepMinutes })),
      },
      style,
    );
    const caption = ctx.t('stats.sleepCaption', {
      title,
      average: formatMinutes(Math.round(average(nights.map((day) => day.sleepMinutes)))),
      nights: nights.length,
    });
    return photo(chart, 'sleep-14-days.png', caption);
  }

  function photo(chart: RenderedChart, filename: string, caption: string): StatsReply {
    return { png: chart.png, filename, caption };
  }

  async function send(ctx: BotContext, reply: StatsReply): Promise<void> {
    if ('text' in reply) await ctx.reply(reply.text);
    else await ctx.replyWithPhoto(new InputFile(reply.png, reply.filename), { caption: reply.caption });
  }

  composer.command('stats', async (ctx) => {
    const wanted = ctx.match.trim().toLowerCase();
    const chosen: readonly ChartName[] =
      wanted === '' ? charts : charts.filter((name) => name.startsWith(wanted));
    if (chosen.length === 0 || wanted.length > 20) {
      await ctx.reply(ctx.t('stats.usage'));
      return;
    }
    const today = todayOf(ctx);
    for (const name of chosen) {
      const replies =
        name === 'calories'
          ? await calorieCharts(ctx, today)
          : [name === 'weight' ? await weightChart(ctx, today) : await sleepChart(ctx, today)];
      for (const reply of replies) await send(ctx, reply);
    }
    ctx.logger.info({ charts: chosen }, 'stats sent');
  });

  return composer;
}
