import { DEFAULT_BODY_WEIGHT_KG, exerciseEnergy, metKcal } from './exercise-energy.js';

describe('exercise energy', () => {
  it('when kcal are computed, then they are MET x kg x hours, rounded', () => {
    expect(metKcal(9.8, 80, 30)).toBe(392);
    expect(metKcal(3.5, 70, 60)).toBe(245);
  });

  it('when the user has a logged weight, then the estimate uses it', () => {
    const energy = exerciseEnergy({ activity: 'running', minutes: 30, latestWeightKg: 80 });
    expect(energy.details).toEqual({
      activity: 'running',
      matchedActivity: 'running',
      met: 9.8,
      kcal: 392,
      kcalSource: 'met_estimate',
      bodyWeightKg: 80,
      bodyWeightSource: 'latest_weight',
    });
    expect(energy.notices).toEqual([]);
  });

  it('when no weight was ever logged, then the default 70 kg is used and the result says so', () => {
    const energy = exerciseEnergy({ activity: 'yoga', minutes: 60 });
    expect(DEFAULT_BODY_WEIGHT_KG).toBe(70);
    expect(energy.details.kcal).toBe(175);
    expect(energy.details.bodyWeightKg).toBe(70);
    expect(energy.details.bodyWeightSource).toBe('default');
    expect(energy.notices.join(' ')).toMatch(/default body weight of 70 kg/);
  });

  it('when the user gives kcal, then they win over the estimate', () => {
    const energy = exerciseEnergy({ activity: 'running', minutes: 30, kcal: 123, latestWeightKg: 80 });
    expect(energy.details.kcal).toBe(123);
    expect(energy.details.kcalSource).toBe('user');
    expect(energy.details.met).toBe(9.8);
    expect(energy.details.bodyWeightKg).toBeNull();
  });

  it('when the activity is unknown and no kcal are given, then no number is invented', () => {
    const energy = exerciseEnergy({ activity: 'quidditch', minutes: 30, latestWeightKg: 80 });
    expect(energy.details.kcal).toBeNull();
    expect(energy.details.kcalSource).toBe('none');
    expect(energy.details.matchedActivity).toBeNull();
    expect(energy.notices.join(' ')).toMatch(/not in the activity table/);
  });
});
