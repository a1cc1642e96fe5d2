import {
  type AchievementDefinition,
  type AchievementFacts,
  countedActions,
  criteriaProgress,
  isAchieved,
  newlyEarned,
  parseCriteria,
} from './achievement-rules.js';

function definition(id: string, criteria: unknown): AchievementDefinition {
  return { id, name: id, description: id, xp: 10, criteria: parseCriteria(criteria) };
}

const facts: AchievementFacts = {
  actionCounts: { food_logged: 10, water_logged: 3 },
  longestStreaks: { nutrition: 7 },
  level: 5,
};

describe('achievement criteria', () => {
  it('when criteria are count, streak or level, then they parse', () => {
    expect(parseCriteria({ type: 'count', action: 'food_logged', count: 1 })).toEqual({
      type: 'count',
      action: 'food_logged',
      count: 1,
    });
    expect(parseCriteria({ type: 'streak', domain: 'sleep', days: 7 })).not.toBeNull();
    expect(parseCriteria({ type: 'level', level: 16 })).not.toBeNull();
  });

  it('when criteria are unknown or malformed, then they do not parse (and are never awarded)', () => {
    expect(parseCriteria({ type: 'kcal_below', kcal: 1200 })).toBeNull();
    expect(parseCriteria({ type: 'count', action: 'food_logged', count: 0 })).toBeNull();
    expect(parseCriteria({ type: 'streak', domain: 'naps', days: 7 })).toBeNull();
    expect(parseCriteria('level 5')).toBeNull();
    const broken = definition('broken', { type: 'mystery' });
    expect(newlyEarned([broken], new Set(), facts)).toEqual([]);
  });

  it('when the facts meet a count exactly, then it is achieved; one short, it is not', () => {
    expect(isAchieved({ type: 'count', action: 'food_logged', count: 10 }, facts)).toBe(true);
    expect(isAchieved({ type: 'count', action: 'food_logged', count: 11 }, facts)).toBe(false);
    expect(isAchieved({ type: 'count', action: 'sleep_logged', count: 1 }, facts)).toBe(false);
  });

  it('when the longest streak or the level reaches the mark, then it is achieved', () => {
    expect(isAchieved({ type: 'streak', domain: 'nutrition', days: 7 }, facts)).toBe(true);
    expect(isAchieved({ type: 'streak', domain: 'sleep', days: 1 }, facts)).toBe(false);
    expect(isAchieved({ type: 'level', level: 5 }, facts)).toBe(true);
    expect(isAchieved({ type: 'level', level: 6 }, facts)).toBe(false);
  });

  it('when progress is past the target, then it is shown capped at the target', () => {
    expect(criteriaProgress({ type: 'count', action: 'food_logged', count: 5 }, facts)).toEqual({
      current: 5,
      target: 5,
    });
    expect(criteriaProgress({ type: 'count', action: 'water_logged', count: 50 }, facts)).toEqual({
      current: 3,
      target: 50,
    });
    expect(criteriaProgress({ type: 'level', level: 16 }, facts)).toEqual({ current: 5, target: 16 });
  });

  it('when an achievement is already held, then it is not earned again', () => {
    const definitions = [
      definition('first_meal', { type: 'count', action: 'food_logged', count: 1 }),
      definition('meals_10', { type: 'count', action: 'food_logged', count: 10 }),
      definition('meals_100', { type: 'count', action: 'food_logged', count: 100 }),
    ];
    expect(newlyEarned(definitions, new Set(['first_meal']), facts).map((d) => d.id)).toEqual(['meals_10']);
  });

  it('when listing the actions to count, then only those of achievements not yet held are named, once', () => {
    const definitions = [
      definition('first_meal', { type: 'count', action: 'food_logged', count: 1 }),
      definition('meals_10', { type: 'count', action: 'food_logged', count: 10 }),
      definition('first_water', { type: 'count', action: 'water_logged', count: 1 }),
      definition('level_5', { type: 'level', level: 5 }),
    ];
    expect(countedActions(definitions, new Set())).toEqual(['food_logged', 'water_logged']);
    expect(countedActions(definitions, new Set(['first_water']))).toEqual(['food_logged']);
  });
});
