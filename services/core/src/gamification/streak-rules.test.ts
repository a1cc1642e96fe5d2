import {
  advanceStreak,
  emptyStreak,
  isStreakAlive,
  maxFreezeDays,
  milestoneReached,
  refillFreezes,
  type StreakState,
  streakDomainsFor,
} from './streak-rules.js';

const milestones = [
  { days: 7, xp: 50 },
  { days: 14, xp: 100 },
  { days: 30, xp: 200 },
  { days: 100, xp: 500 },
];

function streak(overrides: Partial<StreakState>): StreakState {
  return {
    ...emptyStreak,
    currentDays: 3,
    longestDays: 3,
    lastDay: '2026-03-10',
    freezesRefilledOn: '2026-03-01',
    runStartedOn: '2026-03-08',
    ...overrides,
  };
}

/** Logs on each day in turn, starting from an empty streak. */
function logDays(days: string[], start: StreakState = emptyStreak): StreakState {
  return days.reduce((state, day) => advanceStreak(state, day).state, start);
}

describe('streak domains', () => {
  it('when food, sleep, water or exercise is logged, then its own domain and overall move', () => {
    expect(streakDomainsFor('food_logged')).toEqual(['nutrition', 'overall']);
    expect(streakDomainsFor('sleep_logged')).toEqual(['sleep', 'overall']);
    expect(streakDomainsFor('water_logged')).toEqual(['hydration', 'overall']);
    expect(streakDomainsFor('exercise_logged')).toEqual(['exercise', 'overall']);
  });

  it('when anything else is logged, then only overall moves', () => {
    expect(streakDomainsFor('mood_logged')).toEqual(['overall']);
    expect(streakDomainsFor('reminder_done')).toEqual(['overall']);
  });
});

describe('advancing a streak', () => {
  it('when the first log arrives, then the streak starts at 1 with a run beginning that day and full freezes', () => {
    const advance = advanceStreak(emptyStreak, '2026-03-10');
    expect(advance.change).toBe('started');
    expect(advance.state).toEqual({
      currentDays: 1,
      longestDays: 1,
      lastDay: '2026-03-10',
      freezesLeft: maxFreezeDays,
      freezesRefilledOn: '2026-03-10',
      runStartedOn: '2026-03-10',
    });
  });

  it('when a second log arrives the same day, then nothing changes', () => {
    const before = streak({});
    const advance = advanceStreak(before, '2026-03-10');
    expect(advance.change).toBe('same_day');
    expect(advance.state).toBe(before);
  });

  it('when the next day is logged, then the streak grows by one and so does the longest', () => {
    const advance = advanceStreak(streak({}), '2026-03-11');
    expect(advance.change).toBe('extended');
    expect(advance.state).toMatchObject({
      currentDays: 4,
      longestDays: 4,
      lastDay: '2026-03-11',
      freezesLeft: 2,
    });
  });

  it('when one day is missed, then a freeze covers it and the streak grows', () => {
    const advance = advanceStreak(streak({}), '2026-03-12');
    expect(advance).toMatchObject({ change: 'extended', freezesUsed: 1 });
    expect(advance.state).toMatchObject({ currentDays: 4, freezesLeft: 1, runStartedOn: '2026-03-08' });
  });

  it('when two days are missed, then both freezes cover them', () => {
    const advance = advanceStreak(streak({}), '2026-03-13');
    expect(advance).toMatchObject({ change: 'extended', freezesUsed: 2 });
    expect(advance.state).toMatchObject({ currentDays: 4, freezesLeft: 0 });
  });

  it('when more days are missed than freezes are left, then the streak restarts at 1, keeps its longest and its freezes', () => {
    const advance = advanceStreak(streak({ currentDays: 9, longestDays: 12, freezesLeft: 1 }), '2026-03-13');
    expect(advance.change).toBe('restarted');
    expect(advance.state).toMatchObject({
      currentDays: 1,
      longestDays: 12,
      lastDay: '2026-03-13',
      freezesLeft: 1,
      runStartedOn: '2026-03-13',
    });
  });

  it('when a log is backdated before the last counted day, then the streak is untouched', () => {
    const before = streak({});
    const advance = advanceStreak(before, '2026-02-01');
    expect(advance.change).toBe('backdated');
    expect(advance.state).toBe(before);
  });

  it('when freezes were spent last month, then the first touch in a new month refills them before judging the gap', () => {
    const spent = streak({ lastDay: '2026-03-30', freezesLeft: 0, freezesRefilledOn: '2026-03-02' });
    const advance = advanceStreak(spent, '2026-04-02');
    expect(advance).toMatchObject({ change: 'extended', freezesUsed: 2 });
    expect(advance.state).toMatchObject({ freezesLeft: 0, freezesRefilledOn: '2026-04-02', currentDays: 4 });
  });

  it('when freezes were spent this month, then they stay spent until the month turns', () => {
    const spent = streak({ freezesLeft: 0, freezesRefilledOn: '2026-03-01' });
    expect(advanceStreak(spent, '2026-03-12').change).toBe('restarted');
    expect(refillFreezes(spent, '2026-03-31').freezesLeft).toBe(0);
    expect(refillFreezes(spent, '2027-01-01').freezesLeft).toBe(2);
  });

  it('when the year turns, then December to January counts as the next day', () => {
    const state = logDays(['2026-12-30', '2026-12-31', '2027-01-01']);
    expect(state).toMatchObject({ currentDays: 3, lastDay: '2027-01-01', freezesRefilledOn: '2027-01-01' });
  });

  it('when every day of a month is logged, then the streak equals the days and no freeze is used', () => {
    const days = Array.from({ length: 31 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);
    expect(logDays(days)).toMatchObject({ currentDays: 31, longestDays: 31, freezesLeft: 2 });
  });
});

describe('milestones', () => {
  it('when a run reaches 7, 14, 30 and 100 days, then each milestone is reached exactly on that day', () => {
    let state = emptyStreak;
    const reached: number[] = [];
    for (let i = 0; i < 120; i += 1) {
      const day = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
      const advance = advanceStreak(state, day);
      const milestone = milestoneReached(advance, milestones);
      if (milestone) reached.push(milestone.days);
      expect(milestoneReached(advanceStreak(advance.state, day), milestones)).toBeNull();
      state = advance.state;
    }
    expect(reached).toEqual([7, 14, 30, 100]);
  });

  it('when a streak restarts, then a new run can reach the milestones again from day 1', () => {
    const advance = advanceStreak(streak({ currentDays: 20, longestDays: 20 }), '2026-03-20');
    expect(advance.state.currentDays).toBe(1);
    expect(milestoneReached(advance, [{ days: 1, xp: 1 }])).toEqual({ days: 1, xp: 1 });
  });

  it('when a backdated log arrives at a milestone length, then nothing is paid', () => {
    const advance = advanceStreak(streak({ currentDays: 7 }), '2026-03-01');
    expect(milestoneReached(advance, milestones)).toBeNull();
  });
});

describe('whether a streak is alive', () => {
  it('when nothing was ever logged, then it is not alive', () => {
    expect(isStreakAlive(emptyStreak, '2026-03-10')).toBe(false);
  });

  it('when the last log was today or yesterday, then it is alive', () => {
    expect(isStreakAlive(streak({}), '2026-03-10')).toBe(true);
    expect(isStreakAlive(streak({}), '2026-03-11')).toBe(true);
  });

  it('when the missed days fit the freezes left, then it is alive; one more and it has lapsed', () => {
    expect(isStreakAlive(streak({ freezesLeft: 2 }), '2026-03-13')).toBe(true);
    expect(isStreakAlive(streak({ freezesLeft: 2 }), '2026-03-14')).toBe(false);
    expect(isStreakAlive(streak({ freezesLeft: 0 }), '2026-03-12')).toBe(false);
  });

  it('when a new month has begun, then the pending refill counts', () => {
    expect(isStreakAlive(streak({ lastDay: '2026-03-30', freezesLeft: 0 }), '2026-04-02')).toBe(true);
  });
});
