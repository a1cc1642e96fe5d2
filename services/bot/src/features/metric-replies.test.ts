import { ValidationError } from '@health-agent/core';
import { createTranslator } from '../i18n/translator.js';
import { rewardLines } from './activity-rewards.js';
import { describeWeightTrend, formatMinutes, formatWeightChange } from './metric-replies.js';
import { progressBar } from './progress.js';
import { describeProblems } from './validation-problems.js';

const t = createTranslator('en');
const style = { t, language: 'en' as const, units: 'metric' as const };

describe('metric replies', () => {
  it('when minutes are shown, then whole hours drop the minutes and short spans drop the hours', () => {
    expect([formatMinutes(450), formatMinutes(420), formatMinutes(45), formatMinutes(0)]).toEqual([
      '7 h 30 min',
      '7 h',
      '45 min',
      '0 min',
    ]);
  });

  it('when a weight change is shown, then it carries its sign in the person units and none when flat', () => {
    expect(formatWeightChange(-0.84, 'metric')).toBe('-0.8 kg');
    expect(formatWeightChange(1, 'imperial')).toBe('+2.2 lb');
    expect(formatWeightChange(0.01, 'metric')).toBe('±0 kg');
  });

  it('when a trend has one weigh-in day in its window, then it promises the trend instead of an average of one', () => {
    const single = {
      from: '2026-11-20',
      to: '2026-11-26',
      points: [{ day: '2026-11-26', weightKg: 70, movingAverageKg: 70, daysInAverage: 1 }],
      change: { movingAverageKg: 0, weightKg: 0 },
    };
    expect(describeWeightTrend(style, single)).toEqual([
      'Weigh in on a few more days and I will show your 7-day trend.',
    ]);
    // Earlier weigh-ins before the week make an average even when the week has one point: no weekly move then.
    const carried = { ...single, points: [{ ...single.points[0], daysInAverage: 3, movingAverageKg: 70.5 }] };
    expect(describeWeightTrend(style, carried as typeof single)).toEqual([
      '7-day average: 70.5 kg (over your last 3 days with a weigh-in).',
    ]);
  });

  it('when logging earned nothing, then no reward line is shown; milestones name their streak', () => {
    const nothing = {
      xpAwarded: 0,
      totalXp: 40,
      level: 1,
      leveledUp: false,
      achievementsUnlocked: [],
      streakMilestones: [],
    };
    expect(rewardLines(t, nothing)).toEqual([]);
    expect(
      rewardLines(t, {
        ...nothing,
        xpAwarded: 25,
        streakMilestones: [{ domain: 'hydration', days: 7, bonusXp: 20 }],
      }),
    ).toEqual(['+25 XP', '🔥 7-day streak (water)! +20 XP bonus.']);
  });

  it('when the progress bar is drawn, then it fills by tenths and stays within its ten cells', () => {
    expect(progressBar(0, 100)).toBe('▱▱▱▱▱▱▱▱▱▱');
    expect(progressBar(35, 100)).toBe('▰▰▰▱▱▱▱▱▱▱');
    expect(progressBar(250, 100)).toBe('▰▰▰▰▰▰▰▰▰▰');
    expect(progressBar(5, 0)).toBe('▱▱▱▱▱▱▱▱▱▱');
  });

  it('when a refusal lists no fields, then its message is shown; listed fields are named', () => {
    expect(describeProblems(new ValidationError('The input is not valid'))).toBe('The input is not valid');
    expect(
      describeProblems(
        new ValidationError('bad', [
          { path: 'amount', message: 'too much' },
          { path: '', message: 'and this' },
        ]),
      ),
    ).toBe('amount: too much; and this');
  });
});
