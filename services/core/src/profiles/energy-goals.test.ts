import { ageOn, computeEnergyGoals, mifflinStJeorBmr } from './energy-goals.js';
import {
  cmToFeetInches,
  formatHeight,
  formatVolume,
  formatWeight,
  kgToLb,
  lbToKg,
} from './unit-conversion.js';

describe('energy goals', () => {
  it('when BMR is computed, then Mifflin-St Jeor is used with the sex constant', () => {
    expect(mifflinStJeorBmr({ sex: 'male', ageYears: 30, heightCm: 180, weightKg: 80 })).toBe(1780);
    expect(mifflinStJeorBmr({ sex: 'female', ageYears: 30, heightCm: 165, weightKg: 60 })).toBeCloseTo(
      1320.25,
    );
  });

  it('when a moderate loss is planned, then the target is maintenance minus the weekly deficit', () => {
    const check = computeEnergyGoals({
      sex: 'female',
      ageYears: 30,
      heightCm: 165,
      weightKg: 70,
      activityLevel: 'active',
      weeklyRateKg: -0.5,
    });
    expect(check.ok).toBe(true);
    // BMR 1420.25 x 1.725 = 2449.9; minus 550 a day.
    expect(check.goals.maintenanceKcal).toBe(2450);
    expect(check.goals.dailyKcal).toBe(1900);
    expect(check.goals.proteinG).toBe(112);
    expect(check.goals.fatG * 9 + check.goals.proteinG * 4 + check.goals.carbsG * 4).toBeCloseTo(1900, -1);
  });

  it('when the target falls below 1,200 kcal for a woman, then it is refused with the reason', () => {
    const check = computeEnergyGoals({
      sex: 'female',
      ageYears: 60,
      heightCm: 155,
      weightKg: 55,
      activityLevel: 'sedentary',
      weeklyRateKg: -0.5,
    });
    expect(check.ok).toBe(false);
    expect(check.ok === false && check.reason).toMatch(/below the safe minimum of 1200 kcal/);
  });

  it('when the target falls below 1,500 kcal for a man, then it is refused', () => {
    const check = computeEnergyGoals({
      sex: 'male',
      ageYears: 70,
      heightCm: 165,
      weightKg: 62,
      activityLevel: 'sedentary',
      weeklyRateKg: -0.6,
    });
    expect(check.ok === false && check.reason).toMatch(/1500 kcal/);
  });

  it('when loss is faster than 1% of body weight a week, then it is refused even if calories are high', () => {
    const check = computeEnergyGoals({
      sex: 'male',
      ageYears: 25,
      heightCm: 190,
      weightKg: 90,
      activityLevel: 'very_active',
      weeklyRateKg: -1,
    });
    expect(check.ok === false && check.reason).toMatch(/faster than 1% of your body weight \(0.90 kg\)/);
    const exact = computeEnergyGoals({
      sex: 'male',
      ageYears: 25,
      heightCm: 190,
      weightKg: 90,
      activityLevel: 'very_active',
      weeklyRateKg: -0.9,
    });
    expect(exact.ok).toBe(true);
  });

  it('when age is computed, then birthdays later in the year count', () => {
    expect(ageOn('1990-06-15', new Date('2026-06-14T12:00:00Z'))).toBe(35);
    expect(ageOn('1990-06-15', new Date('2026-06-15T12:00:00Z'))).toBe(36);
  });
});

describe('unit conversion', () => {
  it('when values are shown imperial, then they convert from the stored metric', () => {
    expect(kgToLb(70)).toBe(154.3);
    expect(lbToKg(154.3)).toBeCloseTo(69.99, 1);
    expect(cmToFeetInches(175)).toEqual({ feet: 5, inches: 9 });
    expect(formatHeight(175, 'imperial')).toBe('5 ft 9 in');
    expect(formatHeight(175.4, 'metric')).toBe('175 cm');
    expect(formatWeight(70.04, 'metric')).toBe('70 kg');
    expect(formatWeight(70, 'imperial')).toBe('154.3 lb');
    expect(formatVolume(500, 'imperial')).toBe('16.9 fl oz');
    expect(formatVolume(500, 'metric')).toBe('500 ml');
  });
});
