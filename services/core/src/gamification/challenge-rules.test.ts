import {
  challengeContribution,
  isAutomaticKind,
  isDailyKind,
  isWholeUnitKind,
  kindsMovedBy,
  maxChallengeAmount,
} from './challenge-rules.js';

const day = '2026-03-10';

describe('challenge rules', () => {
  it('when food, sleep or water is logged, then the daily kinds count the local day once', () => {
    expect(challengeContribution('log_food_days', { action: 'food_logged', sourceId: 'f1' }, day)).toEqual({
      key: 'day:2026-03-10',
      amount: 1,
    });
    expect(
      challengeContribution('log_sleep_days', { action: 'sleep_logged', sourceId: 's1' }, day)?.key,
    ).toBe('day:2026-03-10');
    expect(
      challengeContribution('log_water_days', { action: 'water_logged', sourceId: 'w1' }, day)?.amount,
    ).toBe(1);
  });

  it('when an action does not match the kind, then it adds nothing', () => {
    expect(
      challengeContribution('log_food_days', { action: 'water_logged', sourceId: 'w1' }, day),
    ).toBeNull();
    expect(challengeContribution('custom', { action: 'food_logged', sourceId: 'f1' }, day)).toBeNull();
  });

  it('when a workout is logged, then sessions count it once and minutes add its minutes', () => {
    const workout = { action: 'exercise_logged' as const, sourceId: 'e1', details: { minutes: 45 } };
    expect(challengeContribution('exercise_sessions', workout, day)).toEqual({
      key: 'exercise_logged:e1',
      amount: 1,
    });
    expect(challengeContribution('exercise_minutes', workout, day)).toEqual({
      key: 'exercise_logged:e1',
      amount: 45,
    });
  });

  it('when water is logged with ml, then water_ml adds it (rounded to 0.01, capped); without a valid ml, nothing', () => {
    const water = (ml: unknown) =>
      challengeContribution('water_ml', { action: 'water_logged', sourceId: 'w1', details: { ml } }, day);
    expect(water(250)?.amount).toBe(250);
    expect(water(0.333)?.amount).toBe(0.33);
    expect(water(1e12)?.amount).toBe(maxChallengeAmount);
    expect(water(0.001)).toBeNull();
    expect(water(0)).toBeNull();
    expect(water(-250)).toBeNull();
    expect(water('250')).toBeNull();
    expect(water(Number.POSITIVE_INFINITY)).toBeNull();
    expect(challengeContribution('water_ml', { action: 'water_logged', sourceId: 'w1' }, day)).toBeNull();
  });

  it('when asked which kinds an action moves, then it names them; custom is moved by none', () => {
    expect(kindsMovedBy('food_logged')).toEqual(['log_food_days']);
    expect(kindsMovedBy('water_logged')).toEqual(['log_water_days', 'water_ml']);
    expect(kindsMovedBy('exercise_logged')).toEqual(['exercise_sessions', 'exercise_minutes']);
    expect(kindsMovedBy('challenge_completed')).toEqual([]);
  });

  it('when classifying kinds, then days and sessions are whole units and only day kinds are daily', () => {
    expect(isAutomaticKind('custom')).toBe(false);
    expect(isWholeUnitKind('log_food_days')).toBe(true);
    expect(isWholeUnitKind('exercise_sessions')).toBe(true);
    expect(isWholeUnitKind('water_ml')).toBe(false);
    expect(isWholeUnitKind('custom')).toBe(false);
    expect(isDailyKind('log_sleep_days')).toBe(true);
    expect(isDailyKind('exercise_sessions')).toBe(false);
  });
});
