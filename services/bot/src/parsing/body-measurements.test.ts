import { parseBirthDate, parseHeightCm, parseQuietHours, parseWeightKg } from './body-measurements.js';

describe('body measurements as typed', () => {
  it('when heights are typed, then bare numbers use the user units and explicit units win', () => {
    expect(parseHeightCm('172', 'metric')).toBe(172);
    expect(parseHeightCm('172,5 cm', 'metric')).toBe(172.5);
    expect(parseHeightCm('1.78 m', 'metric')).toBe(178);
    expect(parseHeightCm('69', 'imperial')).toBe(175.3);
    expect(parseHeightCm('69 in', 'metric')).toBe(175.3);
    expect(parseHeightCm(`5'9"`, 'metric')).toBe(175.3);
    expect(parseHeightCm('5 ft 9 in', 'imperial')).toBe(175.3);
    expect(parseHeightCm('6 ft', 'imperial')).toBe(182.9);
    expect(parseHeightCm('5’11”', 'imperial')).toBe(180.3);
    for (const bad of ['', 'tall', '1,2,3', '-170', '170 kg'])
      expect(parseHeightCm(bad, 'metric')).toBeUndefined();
  });

  it('when weights are typed, then pounds and kilograms are both read', () => {
    expect(parseWeightKg('72.5', 'metric')).toBe(72.5);
    expect(parseWeightKg('72,5 kg', 'imperial')).toBe(72.5);
    expect(parseWeightKg('160', 'imperial')).toBe(72.6);
    expect(parseWeightKg('160 lbs', 'metric')).toBe(72.6);
    for (const bad of ['', 'heavy', '-70', '70 stone']) expect(parseWeightKg(bad, 'metric')).toBeUndefined();
  });

  it('when birth dates are typed, then only real calendar days are accepted', () => {
    expect(parseBirthDate('1990-04-30')).toBe('1990-04-30');
    expect(parseBirthDate('1990-4-3')).toBe('1990-04-03');
    expect(parseBirthDate('2000/02/29')).toBe('2000-02-29');
    for (const bad of ['1990-02-30', '1900-02-29', '30.04.1990', '1990-13-01', 'yesterday']) {
      expect(parseBirthDate(bad)).toBeUndefined();
    }
  });

  it('when quiet hours are typed, then two different hours make a window', () => {
    expect(parseQuietHours('22-7')).toEqual({ start: 22, end: 7 });
    expect(parseQuietHours('22:00 – 07:00')).toEqual({ start: 22, end: 7 });
    expect(parseQuietHours('1 to 6')).toEqual({ start: 1, end: 6 });
    for (const bad of ['7-7', '24-6', '22', 'night', '22-7-8']) expect(parseQuietHours(bad)).toBeUndefined();
  });
});
