import { emptyTotals } from './food-entry-items.js';
import type { FoodEntry, FoodUserSettings, MainNutrients, Meal } from './food-entry-types.js';
import { summarizeDay, summarizeWeek } from './food-summary.js';

const settings: FoodUserSettings = {
  timezone: 'Europe/Stockholm',
  dayStartHour: 0,
  goals: { kcal: 2000, proteinG: 100, carbsG: null, fatG: null },
};

let counter = 0;
function entry(
  localDay: string,
  meal: Meal | null,
  totals: Partial<MainNutrients>,
  eatenAt = `${localDay}T10:00:00Z`,
): FoodEntry {
  counter += 1;
  return {
    id: `entry-${counter}`,
    userId: 'user-1',
    status: 'confirmed',
    meal,
    description: 'food',
    source: 'text',
    items: [],
    totals: { ...emptyTotals(), ...totals },
    incompleteNutrients: [],
    eatenAt: new Date(eatenAt),
    localDay,
    confirmedAt: new Date(eatenAt),
    createdAt: new Date(eatenAt),
    updatedAt: new Date(eatenAt),
    draftExpiresAt: null,
  };
}

describe('daily summary', () => {
  it('when a day has entries, then totals, goal progress, remaining kcal and meals add up', () => {
    const summary = summarizeDay('user-1', '2026-05-10', settings, [
      entry('2026-05-10', 'breakfast', { kcal: 348.4, proteinG: 16.8, sodiumMg: 142 }),
      entry('2026-05-10', 'lunch', { kcal: 500.25, proteinG: 40 }),
      entry('2026-05-10', 'lunch', { kcal: 100, proteinG: 1.1 }),
    ]);

    expect(summary).toMatchObject({
      day: '2026-05-10',
      timezone: 'Europe/Stockholm',
      entryCount: 3,
      totals: { kcal: 948.7, proteinG: 57.9, sodiumMg: 142 },
      remainingKcal: 1051.3,
      start: new Date('2026-05-09T22:00:00Z'),
      end: new Date('2026-05-10T22:00:00Z'),
    });
    expect(summary.progress).toEqual({
      kcal: { goal: 2000, consumed: 948.7, remaining: 1051.3, percent: 47 },
      proteinG: { goal: 100, consumed: 57.9, remaining: 42.1, percent: 58 },
    });
    expect(summary.meals.lunch).toEqual({
      entryCount: 2,
      totals: { ...emptyTotals(), kcal: 600.3, proteinG: 41.1 },
    });
    expect(summary.meals.dinner).toEqual({ entryCount: 0, totals: emptyTotals() });
    expect(summary.entries).toHaveLength(3);
  });

  it('when the user has no goals, then nothing is compared and remaining kcal is null', () => {
    const summary = summarizeDay(
      'user-1',
      '2026-05-10',
      { ...settings, goals: { kcal: null, proteinG: null, carbsG: null, fatG: null } },
      [entry('2026-05-10', 'snack', { kcal: 90 })],
    );

    expect(summary.progress).toEqual({});
    expect(summary.remainingKcal).toBeNull();
  });

  it('when the kcal goal is exceeded, then remaining is negative and percent above 100', () => {
    const summary = summarizeDay('user-1', '2026-05-10', settings, [
      entry('2026-05-10', 'dinner', { kcal: 2500 }),
    ]);

    expect(summary.remainingKcal).toBe(-500);
    expect(summary.progress.kcal?.percent).toBe(125);
  });

  it('when an entry has no meal, then its local eating time decides the meal', () => {
    const summary = summarizeDay('user-1', '2026-05-10', settings, [
      entry('2026-05-10', null, { kcal: 10 }, '2026-05-10T17:00:00Z'), // 19:00 in Stockholm
    ]);

    expect(summary.meals.dinner.entryCount).toBe(1);
  });

  it('when the day is empty, then totals are zero and the whole goal remains', () => {
    const summary = summarizeDay('user-1', '2026-05-10', settings, []);

    expect(summary).toMatchObject({ entryCount: 0, totals: emptyTotals(), remainingKcal: 2000 });
  });
});

describe('weekly summary', () => {
  it('when some of the 7 days have entries, then per-day totals and both labelled averages are given', () => {
    const summary = summarizeWeek('user-1', '2026-05-10', settings, [
      entry('2026-05-04', 'lunch', { kcal: 1800, proteinG: 90 }),
      entry('2026-05-04', 'dinner', { kcal: 600 }),
      entry('2026-05-10', 'lunch', { kcal: 1500, proteinG: 60 }),
      entry('2026-05-03', 'lunch', { kcal: 9999 }), // outside the week: ignored
    ]);

    expect(summary.startDay).toBe('2026-05-04');
    expect(summary.endDay).toBe('2026-05-10');
    expect(summary.days.map((day) => [day.day, day.entryCount, day.totals.kcal])).toEqual([
      ['2026-05-04', 2, 2400],
      ['2026-05-05', 0, 0],
      ['2026-05-06', 0, 0],
      ['2026-05-07', 0, 0],
      ['2026-05-08', 0, 0],
      ['2026-05-09', 0, 0],
      ['2026-05-10', 1, 1500],
    ]);
    expect(summary.totals.kcal).toBe(3900);
    expect(summary.averages.overLoggedDays).toEqual({
      dayCount: 2,
      totals: { ...emptyTotals(), kcal: 1950, proteinG: 75 },
    });
    expect(summary.averages.overAllDays).toEqual({
      dayCount: 7,
      totals: { ...emptyTotals(), kcal: 557.1, proteinG: 21.4 },
    });
    expect(summary.daysWithinKcalGoal).toBe(1);
  });

  it('when nothing was logged all week, then the logged-day average is null and the 7-day one zero', () => {
    const summary = summarizeWeek(
      'user-1',
      '2026-03-01',
      { ...settings, goals: { ...settings.goals, kcal: null } },
      [],
    );

    expect(summary.startDay).toBe('2026-02-23');
    expect(summary.averages.overLoggedDays).toEqual({ dayCount: 0, totals: null });
    expect(summary.averages.overAllDays.totals).toEqual(emptyTotals());
    expect(summary.daysWithinKcalGoal).toBeNull();
  });
});
