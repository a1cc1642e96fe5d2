import { levelForXp, xpForLevel } from './levels.js';

describe('levels', () => {
  it.each([
    [0, 1, 'bronze', 0, 100],
    [99, 1, 'bronze', 99, 100],
    [100, 2, 'bronze', 0, 100],
    [399, 4, 'bronze', 99, 100],
    [400, 5, 'bronze', 0, 100],
    [499, 5, 'bronze', 99, 100],
    [500, 6, 'silver', 0, 200],
    [699, 6, 'silver', 199, 200],
    [700, 7, 'silver', 0, 200],
    [2_299, 14, 'silver', 199, 200],
    [2_300, 15, 'silver', 0, 200],
    [2_499, 15, 'silver', 199, 200],
    [2_500, 16, 'gold', 0, 500],
    [2_999, 16, 'gold', 499, 500],
    [3_000, 17, 'gold', 0, 500],
    [9_500, 30, 'gold', 0, 500],
    [9_999, 30, 'gold', 499, 500],
    [10_000, 31, 'platinum', 0, 1_000],
    [10_999, 31, 'platinum', 999, 1_000],
    [11_000, 32, 'platinum', 0, 1_000],
  ])(
    'when the total is %i XP, then the level is %i (%s) with %i of %i into it',
    (xp, level, tier, into, span) => {
      expect(levelForXp(xp)).toEqual({
        level,
        tier,
        xpIntoLevel: into,
        xpForNextLevel: span,
        levelStartXp: xp - into,
        nextLevelAt: xp - into + span,
      });
    },
  );

  it('when the total is huge, then the platinum levels keep counting every 1,000 XP', () => {
    expect(levelForXp(1_000_000).level).toBe(31 + 990);
  });

  it('when the total is negative, fractional or not a number, then it counts as whole non-negative XP', () => {
    expect(levelForXp(-50).level).toBe(1);
    expect(levelForXp(Number.NaN)).toMatchObject({ level: 1, xpIntoLevel: 0 });
    expect(levelForXp(Number.POSITIVE_INFINITY).level).toBe(1);
    expect(levelForXp(199.9)).toMatchObject({ level: 2, xpIntoLevel: 99 });
  });

  it('when a level starts, then xpForLevel gives that XP and one XP less is the level before', () => {
    expect([1, 2, 6, 16, 31, 32].map(xpForLevel)).toEqual([0, 100, 500, 2_500, 10_000, 11_000]);
    for (let level = 2; level <= 60; level += 1) {
      expect(levelForXp(xpForLevel(level)).level).toBe(level);
      expect(levelForXp(xpForLevel(level) - 1).level).toBe(level - 1);
    }
  });

  it('when asked for level 0 or below, then it starts at 0 XP', () => {
    expect(xpForLevel(0)).toBe(0);
    expect(xpForLevel(-3)).toBe(0);
  });
});
