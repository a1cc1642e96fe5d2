import { daySpanSchema, metricListQuerySchema, metricLogInputSchema } from './metric-inputs.js';

const now = new Date('2026-03-01T12:00:00Z');
const schema = metricLogInputSchema(now);
const ok = (input: unknown) => schema.parse(input);
const failingPaths = (input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to fail`);
  return result.error.issues.map((issue) => issue.path.join('.'));
};

describe('metric log input', () => {
  it('when water has no unit, then it is millilitres; other units must be spelled out', () => {
    expect(ok({ kind: 'water', amount: 250 })).toMatchObject({ amount: 250, unit: 'ml' });
    expect(ok({ kind: 'water', amount: 8, unit: 'fl_oz' })).toMatchObject({ unit: 'fl_oz' });
    expect(failingPaths({ kind: 'water', amount: 8, unit: 'oz' })).toEqual(['unit']);
  });

  it('when water is zero, negative, absurd or under 1 ml after conversion, then it is refused', () => {
    expect(failingPaths({ kind: 'water', amount: 0 })).toEqual(['amount']);
    expect(failingPaths({ kind: 'water', amount: -250 })).toEqual(['amount']);
    expect(failingPaths({ kind: 'water', amount: 10_001 })).toEqual(['amount']);
    expect(failingPaths({ kind: 'water', amount: 11, unit: 'l' })).toEqual(['amount']);
    expect(failingPaths({ kind: 'water', amount: 0.4 })).toEqual(['amount']);
    expect(ok({ kind: 'water', amount: 10_000 }).kind).toBe('water');
  });

  it('when weight is outside 20-400 kg (also after converting pounds), then it is refused', () => {
    expect(failingPaths({ kind: 'weight', amount: 19.9 })).toEqual(['amount']);
    expect(failingPaths({ kind: 'weight', amount: 401 })).toEqual(['amount']);
    expect(failingPaths({ kind: 'weight', amount: 900, unit: 'lb' })).toEqual(['amount']);
    expect(ok({ kind: 'weight', amount: 180, unit: 'lb' })).toMatchObject({ unit: 'lb' });
    expect(failingPaths({ kind: 'weight', amount: Number.NaN })).toEqual(['amount']);
  });

  it('when sleep has neither a duration nor both times, then it is refused naming durationMinutes', () => {
    expect(failingPaths({ kind: 'sleep', quality: 5 })).toEqual(['durationMinutes']);
    expect(failingPaths({ kind: 'sleep', bedtime: '23:00' })).toEqual(['durationMinutes']);
    expect(ok({ kind: 'sleep', bedtime: '23:00', wakeTime: '7:00' })).toMatchObject({ wakeTime: '07:00' });
  });

  it('when sleep is longer than 24 hours, quality is off the 1-10 scale, or times are odd, then it is refused', () => {
    expect(failingPaths({ kind: 'sleep', durationMinutes: 1441 })).toEqual(['durationMinutes']);
    expect(failingPaths({ kind: 'sleep', durationMinutes: 0 })).toEqual(['durationMinutes']);
    expect(failingPaths({ kind: 'sleep', durationMinutes: 480, quality: 11 })).toEqual(['quality']);
    expect(failingPaths({ kind: 'sleep', durationMinutes: 480, quality: 0 })).toEqual(['quality']);
    expect(failingPaths({ kind: 'sleep', bedtime: '07:00', wakeTime: '07:00' })).toEqual(['wakeTime']);
    expect(failingPaths({ kind: 'sleep', bedtime: '25:00', wakeTime: '07:00' })).toContain('bedtime');
    expect(
      failingPaths({ kind: 'sleep', bedtime: '23:00', wakeTime: '07:00', durationMinutes: 500 }),
    ).toEqual(['durationMinutes']);
  });

  it('when exercise lacks an activity or has absurd minutes or kcal, then it is refused', () => {
    expect(failingPaths({ kind: 'exercise', activity: ' ', durationMinutes: 30 })).toEqual(['activity']);
    expect(failingPaths({ kind: 'exercise', activity: 'run', durationMinutes: 0 })).toEqual([
      'durationMinutes',
    ]);
    expect(failingPaths({ kind: 'exercise', activity: 'run', durationMinutes: 1441 })).toEqual([
      'durationMinutes',
    ]);
    expect(failingPaths({ kind: 'exercise', activity: 'run', durationMinutes: 30, kcal: -1 })).toEqual([
      'kcal',
    ]);
    expect(failingPaths({ kind: 'exercise', activity: 'run', durationMinutes: 30, kcal: 10_001 })).toEqual([
      'kcal',
    ]);
  });

  it('when mood is off the scale or tags are too many, then it is refused; duplicate tags collapse', () => {
    expect(failingPaths({ kind: 'mood', score: 0 })).toEqual(['score']);
    expect(failingPaths({ kind: 'mood', score: 7.5 })).toEqual(['score']);
    expect(
      failingPaths({ kind: 'mood', score: 5, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }),
    ).toEqual(['tags']);
    expect(ok({ kind: 'mood', score: 8, tags: ['Calm', 'calm', '😊'] })).toMatchObject({
      tags: ['calm', '😊'],
    });
  });

  it('when steps are zero, fractional or above 200000, then they are refused', () => {
    expect(failingPaths({ kind: 'steps', count: 0 })).toEqual(['count']);
    expect(failingPaths({ kind: 'steps', count: 12.5 })).toEqual(['count']);
    expect(failingPaths({ kind: 'steps', count: 200_001 })).toEqual(['count']);
    expect(ok({ kind: 'steps', count: 200_000 }).kind).toBe('steps');
  });

  it('when medication has no name, then it is refused; a dose is optional text', () => {
    expect(failingPaths({ kind: 'medication', name: '' })).toEqual(['name']);
    expect(ok({ kind: 'medication', name: 'Levothyroxine', dose: '50 µg' })).toMatchObject({ dose: '50 µg' });
  });

  it('when the kind is unknown, a key is unknown, or the time is in the future, then it is refused', () => {
    expect(failingPaths({ kind: 'blood_pressure', amount: 120 })).toEqual(['kind']);
    expect(failingPaths({ kind: 'steps', count: 10, countt: 10 })).toEqual(['']);
    expect(failingPaths({ kind: 'steps', count: 10, recordedAt: '2026-03-01T12:10:00Z' })).toEqual([
      'recordedAt',
    ]);
    expect(failingPaths({ kind: 'steps', count: 10, note: 'x'.repeat(1001) })).toEqual(['note']);
  });
});

describe('metric log input without a clock', () => {
  it('when built only to describe the API, then future times are not judged but old ones still are', () => {
    const described = metricLogInputSchema();
    expect(
      described.safeParse({ kind: 'steps', count: 10, recordedAt: '2099-01-01T00:00:00Z' }).success,
    ).toBe(true);
    expect(
      described.safeParse({ kind: 'steps', count: 10, recordedAt: '1999-01-01T00:00:00Z' }).success,
    ).toBe(false);
  });
});

describe('metric list query', () => {
  it('when from is not before to, then it is refused; the limit defaults to 100 and caps at 1000', () => {
    expect(metricListQuerySchema.parse({}).limit).toBe(100);
    expect(metricListQuerySchema.safeParse({ limit: 1001 }).success).toBe(false);
    expect(
      metricListQuerySchema.safeParse({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }).success,
    ).toBe(false);
  });
});

describe('day span', () => {
  const span = daySpanSchema('2026-03-31', 30);

  it('when no days are given, then the span ends today and covers the default number of days', () => {
    expect(span.parse({})).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(daySpanSchema('2026-03-31', 1).parse({})).toEqual({ from: '2026-03-31', to: '2026-03-31' });
  });

  it('when only one end is given, then the other is filled in', () => {
    expect(span.parse({ to: '2026-02-10' })).toEqual({ from: '2026-01-12', to: '2026-02-10' });
    expect(span.parse({ from: '2026-03-20' })).toEqual({ from: '2026-03-20', to: '2026-03-31' });
  });

  it('when the span is reversed, longer than 366 days, or a day is invalid, then it is refused', () => {
    expect(span.safeParse({ from: '2026-03-10', to: '2026-03-01' }).success).toBe(false);
    expect(span.safeParse({ from: '2025-01-01', to: '2026-03-01' }).success).toBe(false);
    expect(span.safeParse({ from: '2026-02-30' }).success).toBe(false);
  });
});
