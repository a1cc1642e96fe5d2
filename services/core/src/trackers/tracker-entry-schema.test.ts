import { trackerEntryValuesSchema } from './tracker-entry-schema.js';
import { type TrackerFieldInput, trackerFieldsSchema } from './tracker-fields.js';

function validator(fields: TrackerFieldInput[]) {
  return trackerEntryValuesSchema(trackerFieldsSchema.parse(fields));
}
const failures = (schema: ReturnType<typeof validator>, values: unknown) => {
  const result = schema.safeParse(values);
  if (result.success) throw new Error(`expected ${JSON.stringify(values)} to fail`);
  return result.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.join(',') : issue.path.join('.'),
  );
};

describe('tracker entry validator built from the fields', () => {
  const headache = validator([
    { key: 'pain', type: 'rating', required: true },
    { key: 'hours', type: 'number', unit: 'h', min: 0, max: 72 },
    { key: 'pills', type: 'number', integer: true, min: 0 },
    { key: 'medicated', type: 'boolean' },
    { key: 'trigger', type: 'single_select', options: ['Stress', 'Sleep', 'Food'] },
    { key: 'symptoms', type: 'multi_select', options: ['aura', 'nausea', 'light'] },
    { key: 'lay_down', type: 'duration', maxMinutes: 600 },
    { key: 'notes', type: 'text', maxLength: 20 },
  ]);

  it('when all values fit their fields, then they are accepted and options take the tracker’s spelling', () => {
    expect(
      headache.parse({
        pain: 7,
        hours: 2.5,
        pills: 2,
        medicated: true,
        trigger: ' stress ',
        symptoms: ['aura', 'NAUSEA'],
        lay_down: 45,
        notes: 'kaffe ☕ hjälpte',
      }),
    ).toEqual({
      pain: 7,
      hours: 2.5,
      pills: 2,
      medicated: true,
      trigger: 'Stress',
      symptoms: ['aura', 'nausea'],
      lay_down: 45,
      notes: 'kaffe ☕ hjälpte',
    });
  });

  it('when optional values are missing or null, then they are left out', () => {
    expect(headache.parse({ pain: 3, hours: null })).toEqual({ pain: 3 });
  });

  it('when a required value is missing, then that field fails', () => {
    expect(failures(headache, { hours: 1 })).toEqual(['pain']);
  });

  it('when values are out of range or of the wrong type, then each failing field is named', () => {
    expect(failures(headache, { pain: 11 })).toEqual(['pain']);
    expect(failures(headache, { pain: 0 })).toEqual(['pain']);
    expect(failures(headache, { pain: 5.5 })).toEqual(['pain']);
    expect(failures(headache, { pain: '7' })).toEqual(['pain']);
    expect(failures(headache, { pain: 5, hours: -1, pills: 1.5, medicated: 'yes' })).toEqual([
      'hours',
      'pills',
      'medicated',
    ]);
    expect(failures(headache, { pain: 5, hours: 73 })).toEqual(['hours']);
    expect(failures(headache, { pain: 5, lay_down: -5 })).toEqual(['lay_down']);
    expect(failures(headache, { pain: 5, lay_down: 601 })).toEqual(['lay_down']);
  });

  it('when text is empty, too long or holds NUL, then it is refused', () => {
    expect(failures(headache, { pain: 5, notes: '   ' })).toEqual(['notes']);
    expect(failures(headache, { pain: 5, notes: 'x'.repeat(21) })).toEqual(['notes']);
    expect(failures(headache, { pain: 5, notes: 'a\u0000b' })).toEqual(['notes']);
  });

  it('when a select value is not an option or is chosen twice, then it is refused', () => {
    expect(failures(headache, { pain: 5, trigger: 'weather' })).toEqual(['trigger']);
    expect(failures(headache, { pain: 5, symptoms: ['aura', 'Aura'] })).toEqual(['symptoms']);
    expect(failures(headache, { pain: 5, symptoms: ['aura', 'thunder'] })).toEqual(['symptoms.1']);
    expect(failures(headache, { pain: 5, symptoms: 'aura' })).toEqual(['symptoms']);
  });

  it('when a key is not a field of the tracker, then it is refused by name', () => {
    expect(failures(headache, { pain: 5, mood: 3 })).toEqual(['mood']);
  });

  it('when an entry holds no value at all, then it is refused', () => {
    const optional = validator([{ key: 'walked', type: 'boolean' }]);
    expect(failures(optional, {})).toEqual(['']);
    expect(failures(optional, { walked: null })).toEqual(['']);
    expect(optional.parse({ walked: false })).toEqual({ walked: false });
  });

  it('when a multi select is required, then choosing nothing is refused; optional allows an empty choice', () => {
    const required = validator([{ key: 'tags', type: 'multi_select', options: ['a', 'b'], required: true }]);
    expect(failures(required, { tags: [] })).toEqual(['tags']);
    const optional = validator([
      { key: 'tags', type: 'multi_select', options: ['a', 'b'] },
      { key: 'ok', type: 'boolean' },
    ]);
    expect(optional.parse({ tags: [], ok: true })).toEqual({ tags: [], ok: true });
  });

  it('when a number field has no bounds, then any finite number is accepted', () => {
    const open = validator([{ key: 'delta', type: 'number' }]);
    expect(open.parse({ delta: -12.75 })).toEqual({ delta: -12.75 });
    expect(failures(open, { delta: Number.POSITIVE_INFINITY })).toEqual(['delta']);
  });
});
