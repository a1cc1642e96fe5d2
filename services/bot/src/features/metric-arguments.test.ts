import {
  parseExerciseArgument,
  parseMedicationArgument,
  parseMoodArgument,
  parseSleepArgument,
  parseStepsArgument,
  parseWaterArgument,
  parseWeightArgument,
} from './metric-arguments.js';
import { readClockRange, readDurationMinutes, readNumber, readVolume } from './metric-quantities.js';

describe('metric quantities', () => {
  it('when numbers come with a decimal comma or as words, then they are read as numbers', () => {
    expect(readNumber('72,4')).toBe(72.4);
    expect(readNumber('-3')).toBe(-3);
    expect(readNumber('two')).toBe(2);
    expect(readNumber('half an')).toBe(0.5);
    expect(readNumber('två')).toBe(2);
    expect(readNumber('dos')).toBe(2);
    expect(readNumber('lots')).toBeUndefined();
  });

  it('when durations are written out in any common way, then they become whole minutes', () => {
    expect(readDurationMinutes('7.5h')).toBe(450);
    expect(readDurationMinutes('7h30')).toBe(450);
    expect(readDurationMinutes('7 h 30 min')).toBe(450);
    expect(readDurationMinutes('1 hour and 20 minutes')).toBe(80);
    expect(readDurationMinutes('450 min')).toBe(450);
    expect(readDurationMinutes('7,5 timmar')).toBe(450);
    expect(readDurationMinutes('90 minutos')).toBe(90);
    expect(readDurationMinutes('-7h30')).toBe(-450);
    expect(readDurationMinutes('7')).toBeUndefined();
    expect(readDurationMinutes('seven hours')).toBeUndefined();
  });

  it('when a bedtime and a wake time are given, then both clock times are normalised', () => {
    expect(readClockRange('23:30-07:00')).toEqual({ bedtime: '23:30', wakeTime: '07:00' });
    expect(readClockRange('from 23.30 to 7:05')).toEqual({ bedtime: '23:30', wakeTime: '07:05' });
    expect(readClockRange('23:30 – 6:45')).toEqual({ bedtime: '23:30', wakeTime: '06:45' });
    expect(readClockRange('25:00-07:00')).toBeUndefined();
  });

  it('when a volume names a unit or a container, then it converts to what the domain takes', () => {
    expect(readVolume('500', 'ml')).toEqual({ amount: 500, unit: 'ml' });
    expect(readVolume('1,5', 'dl')).toEqual({ amount: 150, unit: 'ml' });
    expect(readVolume('33', 'cl')).toEqual({ amount: 330, unit: 'ml' });
    expect(readVolume('16', 'fl oz')).toEqual({ amount: 16, unit: 'fl_oz' });
    expect(readVolume('1', 'litre')).toEqual({ amount: 1, unit: 'l' });
    expect(readVolume('a', 'bottle')).toEqual({
      amount: 500,
      unit: 'ml',
      servings: { count: 1, container: 'bottle', mlEach: 500 },
    });
    expect(readVolume('2', 'barrels')).toBeUndefined();
  });
});

describe('metric command arguments', () => {
  it('when /water has no amount, then one 250 ml glass is logged and said so', () => {
    expect(parseWaterArgument('', 'metric')).toEqual({
      input: { kind: 'water', amount: 250, unit: 'ml' },
      servings: { count: 1, container: 'glass', mlEach: 250 },
    });
  });

  it('when /water has an amount, then units, glasses and the user units decide its meaning', () => {
    expect(parseWaterArgument('500', 'metric')?.input).toEqual({ kind: 'water', amount: 500, unit: 'ml' });
    expect(parseWaterArgument('2', 'metric')).toEqual({
      input: { kind: 'water', amount: 500, unit: 'ml' },
      servings: { count: 2, container: 'glass', mlEach: 250 },
    });
    expect(parseWaterArgument('2 glasses', 'metric')?.input).toEqual({
      kind: 'water',
      amount: 500,
      unit: 'ml',
    });
    expect(parseWaterArgument('16 oz', 'metric')?.input).toEqual({
      kind: 'water',
      amount: 16,
      unit: 'fl_oz',
    });
    expect(parseWaterArgument('16', 'imperial')?.input).toEqual({ kind: 'water', amount: 16, unit: 'fl_oz' });
    expect(parseWaterArgument('0,5 l of water', 'metric')?.input).toEqual({
      kind: 'water',
      amount: 0.5,
      unit: 'l',
    });
  });

  it('when /water has a negative, absurd or unreadable amount, then negatives pass to the domain and nonsense is refused', () => {
    expect(parseWaterArgument('-500', 'metric')?.input).toEqual({ kind: 'water', amount: -500, unit: 'ml' });
    expect(parseWaterArgument('-1', 'metric')?.input).toEqual({ kind: 'water', amount: -1, unit: 'ml' });
    expect(parseWaterArgument('999999999', 'metric')?.input).toMatchObject({ amount: 999999999 });
    expect(parseWaterArgument('💧💧', 'metric')).toBeUndefined();
    expect(parseWaterArgument('lots', 'metric')).toBeUndefined();
    expect(parseWaterArgument('5'.repeat(5000), 'metric')).toBeUndefined();
  });

  it('when /weight has a unit or none, then a bare number is in the user units', () => {
    expect(parseWeightArgument('72,4', 'metric')?.input).toEqual({
      kind: 'weight',
      amount: 72.4,
      unit: 'kg',
    });
    expect(parseWeightArgument('160', 'imperial')?.input).toEqual({
      kind: 'weight',
      amount: 160,
      unit: 'lb',
    });
    expect(parseWeightArgument('160 lbs', 'metric')?.input).toEqual({
      kind: 'weight',
      amount: 160,
      unit: 'lb',
    });
    expect(parseWeightArgument('72 KG', 'imperial')?.input).toEqual({
      kind: 'weight',
      amount: 72,
      unit: 'kg',
    });
    expect(parseWeightArgument('heavy', 'metric')).toBeUndefined();
    expect(parseWeightArgument('', 'metric')).toBeUndefined();
  });

  it('when /sleep has the quick form, then duration or bed and wake times and the quality are read', () => {
    expect(parseSleepArgument('7.5h quality 8')?.input).toEqual({
      kind: 'sleep',
      durationMinutes: 450,
      quality: 8,
    });
    expect(parseSleepArgument('23:30-07:00 q7')?.input).toEqual({
      kind: 'sleep',
      bedtime: '23:30',
      wakeTime: '07:00',
      quality: 7,
    });
    expect(parseSleepArgument('q 6, 7h30')?.input).toEqual({
      kind: 'sleep',
      durationMinutes: 450,
      quality: 6,
    });
    expect(parseSleepArgument('8')?.input).toEqual({ kind: 'sleep', durationMinutes: 480 });
    expect(parseSleepArgument('450 min 9/10')?.input).toEqual({
      kind: 'sleep',
      durationMinutes: 450,
      quality: 9,
    });
    expect(parseSleepArgument('7h quality 11')?.input).toEqual({
      kind: 'sleep',
      durationMinutes: 420,
      quality: 11,
    });
    expect(parseSleepArgument('well')).toBeUndefined();
    expect(parseSleepArgument('')).toBeUndefined();
  });

  it('when /exercise names an activity, minutes and kcal in either order, then each is read', () => {
    expect(parseExerciseArgument('running 30')?.input).toEqual({
      kind: 'exercise',
      activity: 'running',
      durationMinutes: 30,
    });
    expect(parseExerciseArgument('brisk walk 45 300')?.input).toEqual({
      kind: 'exercise',
      activity: 'brisk walk',
      durationMinutes: 45,
      kcal: 300,
    });
    expect(parseExerciseArgument('yoga 1h')?.input).toMatchObject({ activity: 'yoga', durationMinutes: 60 });
    expect(parseExerciseArgument('swim 30 min 250 kcal')?.input).toMatchObject({
      durationMinutes: 30,
      kcal: 250,
    });
    expect(parseExerciseArgument('30 min running')?.input).toMatchObject({
      activity: 'running',
      durationMinutes: 30,
    });
    expect(parseExerciseArgument('🏊 swim 20')?.input).toMatchObject({
      activity: '🏊 swim',
      durationMinutes: 20,
    });
    expect(parseExerciseArgument('running')).toBeUndefined();
    expect(parseExerciseArgument('30')).toBeUndefined();
    expect(parseExerciseArgument('123 456')).toBeUndefined();
  });

  it('when /mood has a score and a note, then both are kept as typed', () => {
    expect(parseMoodArgument('7')?.input).toEqual({ kind: 'mood', score: 7 });
    expect(parseMoodArgument('8/10 Slept Well 😊')?.input).toEqual({
      kind: 'mood',
      score: 8,
      note: 'Slept Well 😊',
    });
    expect(parseMoodArgument('6 - tired\nbut ok')?.input).toEqual({
      kind: 'mood',
      score: 6,
      note: 'tired\nbut ok',
    });
    expect(parseMoodArgument('great')).toBeUndefined();
  });

  it('when /steps uses separators or k, then the count is whole', () => {
    expect(parseStepsArgument('8000')?.input).toEqual({ kind: 'steps', count: 8000 });
    expect(parseStepsArgument('8,000')?.input).toEqual({ kind: 'steps', count: 8000 });
    expect(parseStepsArgument('12 345 steps')?.input).toEqual({ kind: 'steps', count: 12345 });
    expect(parseStepsArgument('8.5k')?.input).toEqual({ kind: 'steps', count: 8500 });
    expect(parseStepsArgument('many')).toBeUndefined();
  });

  it('when /med has a name and a dose, then the dose starts at the first number', () => {
    expect(parseMedicationArgument('ibuprofen 400 mg')?.input).toEqual({
      kind: 'medication',
      name: 'ibuprofen',
      dose: '400 mg',
    });
    expect(parseMedicationArgument('Vitamin D 1000 IU')?.input).toEqual({
      kind: 'medication',
      name: 'Vitamin D',
      dose: '1000 IU',
    });
    expect(parseMedicationArgument('melatonin')?.input).toEqual({ kind: 'medication', name: 'melatonin' });
    expect(parseMedicationArgument('400')).toBeUndefined();
    expect(parseMedicationArgument('')).toBeUndefined();
  });
});
