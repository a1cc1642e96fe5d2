import { findMetActivity, metTable } from './exercise-met-table.js';

describe('MET table', () => {
  it('when the table is read, then it holds at least 15 activities with plausible METs and unique keys', () => {
    expect(metTable.length).toBeGreaterThanOrEqual(15);
    expect(new Set(metTable.map((activity) => activity.key)).size).toBe(metTable.length);
    for (const activity of metTable) {
      expect(activity.met).toBeGreaterThanOrEqual(1);
      expect(activity.met).toBeLessThanOrEqual(15);
    }
  });

  it('when common activities are named, then the standard METs are used', () => {
    expect(findMetActivity('walking')?.met).toBe(3.5);
    expect(findMetActivity('Running')?.met).toBe(9.8);
    expect(findMetActivity('cycling')?.met).toBe(7.5);
    expect(findMetActivity('swim')?.met).toBe(6);
    expect(findMetActivity('yoga')?.met).toBe(2.5);
    expect(findMetActivity('strength training')?.met).toBe(5);
  });

  it('when an activity is described in a phrase, then whole words match and the longest alias wins', () => {
    expect(findMetActivity('Morning run!')?.key).toBe('running');
    expect(findMetActivity('brisk walk to work')?.key).toBe('brisk walking');
    expect(findMetActivity('45 min on the stationary bike')?.key).toBe('stationary cycling');
    expect(findMetActivity('bike-ride')?.key).toBe('cycling');
  });

  it('when a word only contains an alias, then it does not match', () => {
    expect(findMetActivity('rerun of a tv show')).toBeUndefined();
    expect(findMetActivity('walkathon')).toBeUndefined();
  });

  it('when the activity is in Swedish or Spanish, then it still matches', () => {
    expect(findMetActivity('Löpning')?.key).toBe('running');
    expect(findMetActivity('natación')?.key).toBe('swimming');
  });

  it('when nothing matches, then there is no activity (no invented MET)', () => {
    expect(findMetActivity('quidditch 🧹')).toBeUndefined();
    expect(findMetActivity('')).toBeUndefined();
  });
});
