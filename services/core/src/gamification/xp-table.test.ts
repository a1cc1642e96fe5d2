import { activityActions } from './activity.js';
import { defaultXpTable, validateXpTable, type XpTable, xpForActivity } from './xp-table.js';

describe('XP table', () => {
  it('when the product starts, then the issue’s numbers hold: food 5, sleep 20, tracker entry 10, reminder 10', () => {
    expect(defaultXpTable.actions).toMatchObject({
      food_logged: 5,
      sleep_logged: 20,
      tracker_entry_logged: 10,
      reminder_done: 10,
    });
    expect(defaultXpTable.streakMilestones).toEqual([
      { days: 7, xp: 50 },
      { days: 14, xp: 100 },
      { days: 30, xp: 200 },
      { days: 100, xp: 500 },
    ]);
    for (const action of activityActions) expect(defaultXpTable.actions[action]).toBeGreaterThan(0);
  });

  it('when a reminder is done within 30 minutes, then it pays 5 more; later, never or oddly reported, it does not', () => {
    const done = (withinMinutes: unknown) =>
      xpForActivity(defaultXpTable, { action: 'reminder_done', details: { withinMinutes } });
    expect(done(0)).toBe(15);
    expect(done(30)).toBe(15);
    expect(done(30.5)).toBe(10);
    expect(done(31)).toBe(10);
    expect(done(-1)).toBe(10);
    expect(done('12')).toBe(10);
    expect(done(Number.NaN)).toBe(10);
    expect(xpForActivity(defaultXpTable, { action: 'reminder_done' })).toBe(10);
  });

  it('when food is logged, then the XP never depends on how much was eaten', () => {
    const light = xpForActivity(defaultXpTable, { action: 'food_logged', details: { kcal: 300 } });
    const heavy = xpForActivity(defaultXpTable, { action: 'food_logged', details: { kcal: 3_000 } });
    expect(light).toBe(5);
    expect(heavy).toBe(light);
  });

  it('when another action carries a withinMinutes detail, then no bonus applies', () => {
    expect(xpForActivity(defaultXpTable, { action: 'water_logged', details: { withinMinutes: 1 } })).toBe(2);
  });

  it('when a table is valid, then it is accepted with milestones sorted by days', () => {
    const table: XpTable = {
      ...defaultXpTable,
      streakMilestones: [
        { days: 30, xp: 200 },
        { days: 7, xp: 50 },
      ],
    };
    expect(validateXpTable(table).streakMilestones.map((m) => m.days)).toEqual([7, 30]);
  });

  it('when a table pays negative or fractional XP, misses an action or repeats a milestone, then it is refused', () => {
    expect(() =>
      validateXpTable({ ...defaultXpTable, actions: { ...defaultXpTable.actions, food_logged: -5 } }),
    ).toThrow(/invalid XP table/);
    expect(() =>
      validateXpTable({ ...defaultXpTable, actions: { ...defaultXpTable.actions, water_logged: 2.5 } }),
    ).toThrow(/invalid XP table/);
    const { food_logged: _omitted, ...missing } = defaultXpTable.actions;
    expect(() => validateXpTable({ ...defaultXpTable, actions: missing as XpTable['actions'] })).toThrow(
      /food_logged/,
    );
    expect(() =>
      validateXpTable({
        ...defaultXpTable,
        streakMilestones: [
          { days: 7, xp: 50 },
          { days: 7, xp: 60 },
        ],
      }),
    ).toThrow(/distinct/);
  });
});
