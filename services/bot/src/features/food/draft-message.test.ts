import type { ActivityOutcome, FoodEntry, UnmatchedFood } from '@health-agent/core';
import { createTranslator } from '../../i18n/translator.js';
import {
  activityLine,
  draftMessage,
  type FoodReader,
  mealName,
  savedMessage,
  unmatchedLines,
} from './draft-message.js';

const t = createTranslator('en');
const reader: FoodReader = { t, language: 'en', units: 'metric' };

function entry(overrides: Partial<FoodEntry> = {}): FoodEntry {
  const at = new Date('2026-05-07T12:00:00Z');
  return {
    id: 'e1',
    userId: 'u1',
    status: 'draft',
    meal: 'lunch',
    description: '1 apple',
    source: 'text',
    items: [
      {
        text: '1 apple',
        foodId: '09003',
        foodName: 'Apples, raw, with skin',
        source: 'usda-sr28',
        quantity: 1,
        unit: null,
        grams: 182,
        portion: '1 medium = 182 g',
        assumptions: [],
        per100g: { kcal: 52 } as FoodEntry['items'][number]['per100g'],
        nutrients: { kcal: 94.6 } as FoodEntry['items'][number]['nutrients'],
      },
    ],
    totals: { kcal: 94.6, proteinG: 0.5, fatG: 0.3, carbsG: 25.1, fiberG: 4.4, sugarG: 18.9, sodiumMg: 2 },
    incompleteNutrients: [],
    eatenAt: at,
    localDay: '2026-05-07',
    confirmedAt: null,
    createdAt: at,
    updatedAt: at,
    draftExpiresAt: new Date('2026-05-08T12:00:00Z'),
    ...overrides,
  };
}

const outcome = (overrides: Partial<ActivityOutcome> = {}): ActivityOutcome => ({
  xpAwarded: 10,
  totalXp: 110,
  level: 2,
  leveledUp: false,
  achievementsUnlocked: [],
  streakMilestones: [],
  ...overrides,
});

describe('draft messages', () => {
  it('when every reason a phrase can fail is shown, then each gets its own honest line, and a long list is cut', () => {
    const reasons: UnmatchedFood['reason'][] = [
      'food_not_found',
      'no_portion',
      'invalid_quantity',
      'implausible_amount',
      'barcode_not_found',
      'barcode_lookup_unavailable',
      'no_nutrition_data',
      'food_not_found',
      'food_not_found',
      'food_not_found',
    ];
    const lines = unmatchedLines(
      t,
      reasons.map((reason, index) => ({ text: `thing ${index}`, reason, message: 'x' })),
    );
    expect(lines).toEqual([
      '• "thing 0": I don\'t know this food',
      '• "thing 1": how much? Give grams, ml or cups, like "150 g thing 1"',
      '• "thing 2": that amount doesn\'t look right',
      '• "thing 3": that amount doesn\'t look right',
      '• "thing 4": I could not read this',
      '• "thing 5": I could not read this',
      '• "thing 6": I could not read this',
      '• "thing 7": I don\'t know this food',
      '• and 2 more',
    ]);
  });

  it('when some nutrients are missing from the table, then the draft says totals are a lower bound', () => {
    const text = draftMessage(reader, entry({ incompleteNutrients: ['fiberG'] }), []);
    expect(text).toContain('The food table lacks some values');
    expect(draftMessage(reader, entry(), [])).not.toContain('lacks');
  });

  it('when an entry has no meal, then it is called so', () => {
    expect(mealName(t, null)).toBe('no meal');
    expect(draftMessage(reader, entry({ meal: null }), [])).toContain('Here is what I read (no meal):');
  });

  it('when a confirmation earned XP, a level, a streak and achievements, then all of it is one line in the words other logs use', () => {
    expect(
      activityLine(
        t,
        outcome({
          leveledUp: true,
          level: 3,
          streakMilestones: [{ domain: 'nutrition', days: 7, bonusXp: 20 }],
          achievementsUnlocked: ['first_meal', 'meals_10'],
        }),
      ),
    ).toBe(
      '+10 XP · 🎉 Level up! You are now level 3. · 🔥 7-day streak (food)! +20 XP bonus. · 🏆 New achievement unlocked! /achievements shows it.',
    );
    expect(activityLine(t, outcome({ xpAwarded: 0 }))).toBeUndefined();
    expect(activityLine(t, null)).toBeUndefined();
  });

  it('when a saved message is built, then it shows the items, totals, XP and where to see the day', () => {
    expect(savedMessage(reader, entry(), outcome())).toBe(
      [
        'Saved (lunch):\n• 1 apple: 182 g, 95 kcal (Apples, raw, with skin)',
        'Total: 95 kcal · protein 0.5 g · carbohydrates 25 g · fat 0.3 g',
        '+10 XP',
        '/today shows your day so far.',
      ].join('\n\n'),
    );
    expect(savedMessage(reader, entry(), null)).not.toContain('XP');
  });
});
