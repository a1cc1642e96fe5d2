import {
  type DailySummary,
  type FoodEntry,
  type GoalProgress,
  type Meal,
  meals,
  type WeeklySummary,
} from '@health-agent/core';
import { localTimeIn } from '../../i18n/local-time.js';
import type { Language } from '../../i18n/translator.js';
import { type FoodReader, mealName } from './draft-message.js';
import { formatAmount, formatKcal, shortened } from './food-numbers.js';

/** A local day (YYYY-MM-DD) as the user's language writes it; noon UTC keeps it on its own date. */
function dayName(day: string, language: Language, style: 'long' | 'short'): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: 'UTC',
    weekday: style,
    day: 'numeric',
    month: style,
  }).format(new Date(`${day}T12:00:00Z`));
}

function energyLine(reader: FoodReader, kcal: number, progress: GoalProgress | undefined): string {
  const { t, language } = reader;
  if (!progress) return t('food.today.kcalNoGoal', { kcal: formatKcal(kcal, language) });
  const values = {
    kcal: formatKcal(kcal, language),
    goal: formatKcal(progress.goal, language),
    percent: progress.percent,
  };
  return progress.remaining >= 0
    ? t('food.today.kcalLeft', { ...values, remaining: formatKcal(progress.remaining, language) })
    : t('food.today.kcalOver', { ...values, over: formatKcal(-progress.remaining, language) });
}

function macroLine(reader: FoodReader, summary: DailySummary): string {
  const { t, language } = reader;
  const macros = [
    ['proteinG', 'food.nutrient.protein'],
    ['carbsG', 'food.nutrient.carbs'],
    ['fatG', 'food.nutrient.fat'],
  ] as const;
  return macros
    .map(([key, name]) => {
      const progress = summary.progress[key];
      const value = formatAmount(summary.totals[key], language);
      return progress
        ? t('food.today.macroOfGoal', { name: t(name), value, goal: formatAmount(progress.goal, language) })
        : t('food.today.macro', { name: t(name), value });
    })
    .join(' · ');
}

function mealLines(reader: FoodReader, summary: DailySummary, meal: Meal | null): string[] {
  const { t, language } = reader;
  const eaten = summary.entries.filter((entry) => entry.meal === meal);
  if (eaten.length === 0) return [];
  const kcal = eaten.reduce((sum, entry) => sum + entry.totals.kcal, 0);
  const line = (entry: FoodEntry) =>
    t('food.today.entry', {
      time: localTimeIn(summary.timezone, entry.eatenAt, language),
      description: shortened(entry.description, 50),
      kcal: formatKcal(entry.totals.kcal, language),
    });
  return [
    t('food.today.meal', { meal: mealName(t, meal), kcal: formatKcal(kcal, language) }),
    ...eaten.map(line),
  ];
}

/** /today: the local day's energy against the goal, the macros, then each meal with its entries. */
export function todayMessage(reader: FoodReader, summary: DailySummary): string {
  const { t, language } = reader;
  const title = t('food.today.title', { date: dayName(summary.day, language, 'long') });
  if (summary.entryCount === 0) {
    const goal = summary.goals.kcal;
    const lines = [title, t('food.today.empty')];
    if (goal !== null) lines.push(t('food.today.goalOnly', { goal: formatKcal(goal, language) }));
    return lines.join('\n');
  }
  const sections = [
    [title, energyLine(reader, summary.totals.kcal, summary.progress.kcal), macroLine(reader, summary)].join(
      '\n',
    ),
  ];
  for (const meal of [...meals, null]) {
    const lines = mealLines(reader, summary, meal);
    if (lines.length > 0) sections.push(lines.join('\n'));
  }
  return sections.join('\n\n');
}

/** /week: each of the 7 local days, the averages, and how many days kept within the goal. */
export function weekMessage(reader: FoodReader, summary: WeeklySummary): string {
  const { t, language } = reader;
  const logged = summary.days.filter((day) => day.entryCount > 0);
  if (logged.length === 0) return t('food.week.empty');
  const goal = summary.goals.kcal;
  const dayLines = summary.days.map((day) => {
    const name = dayName(day.day, language, 'short');
    if (day.entryCount === 0) return t('food.week.dayEmpty', { day: name });
    const line = t('food.week.day', { day: name, kcal: formatKcal(day.totals.kcal, language) });
    return goal !== null && day.totals.kcal <= goal ? `${line} ✓` : line;
  });
  const perLoggedDay = summary.averages.overLoggedDays.totals;
  const perDay = summary.averages.overAllDays.totals;
  const averages = [
    t('food.week.average', {
      kcal: formatKcal(perLoggedDay?.kcal ?? 0, language),
      days: summary.averages.overLoggedDays.dayCount,
      allDays: formatKcal(perDay?.kcal ?? 0, language),
    }),
    t('food.week.averageMacros', {
      protein: formatAmount(perLoggedDay?.proteinG ?? 0, language),
      carbs: formatAmount(perLoggedDay?.carbsG ?? 0, language),
      fat: formatAmount(perLoggedDay?.fatG ?? 0, language),
    }),
  ];
  if (goal !== null && summary.daysWithinKcalGoal !== null) {
    averages.push(
      t('food.week.withinGoal', {
        count: summary.daysWithinKcalGoal,
        logged: logged.length,
        goal: formatKcal(goal, language),
      }),
    );
  }
  const title = t('food.week.title', {
    from: dayName(summary.startDay, language, 'short'),
    to: dayName(summary.endDay, language, 'short'),
  });
  return [[title, ...dayLines].join('\n'), averages.join('\n')].join('\n\n');
}
