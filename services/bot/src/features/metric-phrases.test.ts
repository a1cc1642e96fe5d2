import { recogniseMetricPhrase } from './metric-phrases.js';

const input = (text: string, units?: 'metric' | 'imperial') =>
  recogniseMetricPhrase(text, units ? { units } : {})?.input;

describe('recogniseMetricPhrase', () => {
  it('when someone says they drank water, then the amount is read in its unit or containers', () => {
    expect(input('drank 500ml water')).toEqual({ kind: 'water', amount: 500, unit: 'ml' });
    expect(input('I drank 2 glasses of water')).toEqual({ kind: 'water', amount: 500, unit: 'ml' });
    expect(recogniseMetricPhrase('had a glass of water')?.servings).toEqual({
      count: 1,
      container: 'glass',
      mlEach: 250,
    });
    expect(input('Just had half a litre of water today!')).toEqual({ kind: 'water', amount: 0.5, unit: 'l' });
    expect(input('16 oz water 💧')).toEqual({ kind: 'water', amount: 16, unit: 'fl_oz' });
    expect(input('water: 300 ml')).toEqual({ kind: 'water', amount: 300, unit: 'ml' });
    expect(input('drack 3 dl vatten')).toEqual({ kind: 'water', amount: 300, unit: 'ml' });
    expect(input('jag har druckit två glas vatten')).toEqual({ kind: 'water', amount: 500, unit: 'ml' });
    expect(input('bebí 1 litro de agua')).toEqual({ kind: 'water', amount: 1, unit: 'l' });
  });

  it('when someone says they slept, then the duration, bed and wake times and quality are read', () => {
    expect(input('slept 7h')).toEqual({ kind: 'sleep', durationMinutes: 420 });
    expect(input('I slept 7.5 hours, quality 8')).toEqual({
      kind: 'sleep',
      durationMinutes: 450,
      quality: 8,
    });
    expect(input('slept from 23:30 to 07:00')).toEqual({
      kind: 'sleep',
      bedtime: '23:30',
      wakeTime: '07:00',
    });
    expect(input('Slept about 6h30 last night')).toEqual({ kind: 'sleep', durationMinutes: 390 });
    expect(input('got 8 hours of sleep')).toEqual({ kind: 'sleep', durationMinutes: 480 });
    expect(input('sleep 7h q6')).toEqual({ kind: 'sleep', durationMinutes: 420, quality: 6 });
    expect(input('sov 8 timmar')).toEqual({ kind: 'sleep', durationMinutes: 480 });
    expect(input('dormí 7 horas')).toEqual({ kind: 'sleep', durationMinutes: 420 });
  });

  it('when someone says what they weighed, then a bare number is in their units', () => {
    expect(input('weighed 72.4 kg')).toEqual({ kind: 'weight', amount: 72.4, unit: 'kg' });
    expect(input('I weigh 160 lbs')).toEqual({ kind: 'weight', amount: 160, unit: 'lb' });
    expect(input('weight: 72,4')).toEqual({ kind: 'weight', amount: 72.4, unit: 'kg' });
    expect(input('weighed in at 165', 'imperial')).toEqual({ kind: 'weight', amount: 165, unit: 'lb' });
    expect(input('vägde 80 kg i morse')).toEqual({ kind: 'weight', amount: 80, unit: 'kg' });
  });

  it('when someone says they exercised, then the activity and minutes (and burned kcal) are read', () => {
    expect(input('walked 30 min')).toEqual({ kind: 'exercise', activity: 'walking', durationMinutes: 30 });
    expect(input('went for a run for 45 minutes')).toEqual({
      kind: 'exercise',
      activity: 'running',
      durationMinutes: 45,
    });
    expect(input('swam 1h and burned 400 kcal')).toEqual({
      kind: 'exercise',
      activity: 'swimming',
      durationMinutes: 60,
      kcal: 400,
    });
    expect(input('did yoga for 20 minutes')).toEqual({
      kind: 'exercise',
      activity: 'yoga',
      durationMinutes: 20,
    });
    expect(input('played tennis for 1.5 hours')).toEqual({
      kind: 'exercise',
      activity: 'tennis',
      durationMinutes: 90,
    });
    expect(input('30 min run')).toEqual({ kind: 'exercise', activity: 'run', durationMinutes: 30 });
    expect(input('cycling for 40 min')).toEqual({
      kind: 'exercise',
      activity: 'cycling',
      durationMinutes: 40,
    });
    expect(input('sprang 30 min')).toEqual({ kind: 'exercise', activity: 'running', durationMinutes: 30 });
    expect(input('corrí 30 minutos')).toEqual({ kind: 'exercise', activity: 'running', durationMinutes: 30 });
  });

  it('when someone gives steps, mood or a dosed medicine, then those are read', () => {
    expect(input('walked 8000 steps')).toEqual({ kind: 'steps', count: 8000 });
    expect(input('10k steps today')).toEqual({ kind: 'steps', count: 10000 });
    expect(input('steps: 12,500')).toEqual({ kind: 'steps', count: 12500 });
    expect(input('mood 7/10')).toEqual({ kind: 'mood', score: 7 });
    expect(input('Feeling 6/10 - Tired')).toEqual({ kind: 'mood', score: 6, note: 'Tired' });
    expect(input('took ibuprofen 400 mg')).toEqual({ kind: 'medication', name: 'ibuprofen', dose: '400 mg' });
  });

  it('when a message is food, vague, about yesterday or not a metric at all, then nothing is recognised', () => {
    for (const text of [
      'had a glass of milk',
      'drank 500 ml orange juice',
      'ate 2 eggs and toast',
      'pasta 30 min',
      'ran 5 km',
      'slept badly',
      'weight loss tea',
      'took a walk',
      'feeling good',
      'drank water',
      'slept 7h yesterday',
      'hello',
      '',
      '🙂🙂🙂',
      `drank 500ml water ${'a'.repeat(5000)}`,
    ]) {
      expect(recogniseMetricPhrase(text)).toBeUndefined();
    }
  });

  it('when a phrase has negative or absurd amounts, then it is read as said for the domain to refuse', () => {
    expect(input('slept 30 hours')).toEqual({ kind: 'sleep', durationMinutes: 1800 });
    expect(input('weighed 5000 kg')).toEqual({ kind: 'weight', amount: 5000, unit: 'kg' });
  });
});
