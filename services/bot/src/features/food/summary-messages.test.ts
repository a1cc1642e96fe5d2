import type { DailySummary, MainNutrients, WeeklySummary } from '@health-agent/core';
import { createTranslator } from '../../i18n/translator.js';
import type { FoodReader } from './draft-message.js';
import { todayMessage, weekMessage } from './summary-messages.js';

const reader: FoodReader = { t: createTranslator('en'), language: 'en', units: 'metric' };
const zero: MainNutrients = { kcal: 0, proteinG: 0, fatG: 0, carbsG: 0, fiberG: 0, sugarG: 0, sodiumMg: 0 };
const noGoals = { kcal: null, proteinG: null, carbsG: null, fatG: null };
const emptyMeal = { entryCount: 0, totals: zero };

function day(overrides: Partial<DailySummary> = {}): DailySummary {
  return {
    userId: 'u1',
    day: '2026-05-07',
    timezone: 'UTC',
    dayStartHour: 0,
    start: new Date('2026-05-07T00:00:00Z'),
    end: new Date('2026-05-08T00:00:00Z'),
    entryCount: 0,
    totals: zero,
    goals: noGoals,
    progress: {},
    remainingKcal: null,
    meals: { breakfast: emptyMeal, lunch: emptyMeal, dinner: emptyMeal, snack: emptyMeal },
    entries: [],
    ...overrides,
  };
}

function week(kcals: number[], goal: number | null): WeeklySummary {
  const days = kcals.map((kcal, index) => ({
    day: `2026-05-0${index + 1}`,
    entryCount: kcal > 0 ? 1 : 0,
    totals: { ...zero, kcal },
  }));
  const logged = days.filter((d) => d.entryCount > 0);
  const sum = kcals.reduce((a, b) => a + b, 0);
  return {
    userId: 'u1',
    startDay: '2026-05-01',
    endDay: '2026-05-07',
    timezone: 'UTC',
    dayStartHour: 0,
    days,
    totals: { ...zero, kcal: sum },
    goals: { ...noGoals, kcal: goal },
    averages: {
      overLoggedDays: {
        dayCount: logged.length,
        totals: logged.length ? { ...zero, kcal: sum / logged.length } : null,
      },
      overAllDays: { dayCount: 7, totals: { ...zero, kcal: sum / 7 } },
    },
    daysWithinKcalGoal: goal === null ? null : logged.filter((d) => d.totals.kcal <= goal).length,
  };
}

describe('summary messages', () => {
  it('when nothing is logged but a goal is set, then /today names the goal', () => {
    expect(todayMessage(reader, day({ goals: { ...noGoals, kcal: 2000 } }))).toBe(
      'Today, Thursday, May 7\nNothing logged yet. Tell me what you ate, like "2 eggs and toast".\nYour goal: 2,000 kcal.',
    );
  });

  it('when the week has no kcal goal, then days carry no ticks and no goal line is added', () => {
    const text = weekMessage(reader, week([0, 1800, 0, 0, 2100, 0, 0], null));
    expect(text).toContain('Sat, May 2: 1,800 kcal\n');
    expect(text).not.toContain('✓');
    expect(text).not.toContain('within your');
    expect(text).toContain('Average: 1,950 kcal on the 2 logged day(s); 557 kcal a day over all 7.');
  });

  it('when the week has a goal, then days within it are ticked and counted', () => {
    const text = weekMessage(reader, week([0, 1800, 0, 0, 2100, 0, 0], 2000));
    expect(text).toContain('Sat, May 2: 1,800 kcal ✓');
    expect(text).toContain('Tue, May 5: 2,100 kcal\n');
    expect(text).toContain('1 of 2 logged day(s) within your 2,000 kcal goal (✓).');
  });
});
