import { inferMeal } from './meal-inference.js';

describe('meal inference', () => {
  it.each([
    ['03:59', 'snack'],
    ['04:00', 'breakfast'],
    ['10:29', 'breakfast'],
    ['10:30', 'lunch'],
    ['14:59', 'lunch'],
    ['15:00', 'snack'],
    ['16:59', 'snack'],
    ['17:00', 'dinner'],
    ['21:29', 'dinner'],
    ['21:30', 'snack'],
    ['23:30', 'snack'],
  ])('when food is eaten at %s local time, then it is %s', (time, meal) => {
    expect(inferMeal(new Date(`2026-03-10T${time}:00Z`), 'UTC')).toBe(meal);
  });

  it('when the user lives in another zone, then their local clock decides, not UTC', () => {
    const sevenUtc = new Date('2026-06-01T07:00:00Z');
    expect(inferMeal(sevenUtc, 'UTC')).toBe('breakfast');
    expect(inferMeal(sevenUtc, 'America/New_York')).toBe('snack'); // 03:00
    expect(inferMeal(sevenUtc, 'Asia/Tokyo')).toBe('snack'); // 16:00
    expect(inferMeal(new Date('2026-06-01T10:00:00Z'), 'Asia/Tokyo')).toBe('dinner'); // 19:00
  });

  it('when the clocks change for summer time, then the local time after the change counts', () => {
    // Stockholm moves from UTC+1 to UTC+2 at 01:00 UTC on 2026-03-29.
    expect(inferMeal(new Date('2026-03-29T08:45:00Z'), 'Europe/Stockholm')).toBe('lunch'); // 10:45
    expect(inferMeal(new Date('2026-03-28T08:45:00Z'), 'Europe/Stockholm')).toBe('breakfast'); // 09:45
  });
});
