import { trackerFieldSchema, trackerFieldsSchema } from './tracker-fields.js';

const paths = (input: unknown) => {
  const result = trackerFieldsSchema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to fail`);
  return result.error.issues.map((issue) => issue.path.join('.'));
};

describe('tracker field definitions', () => {
  it('when optional settings are left out, then sensible defaults are filled in', () => {
    expect(trackerFieldSchema.parse({ key: 'energy', type: 'rating' })).toEqual({
      key: 'energy',
      type: 'rating',
      required: false,
      min: 1,
      max: 10,
    });
    expect(trackerFieldSchema.parse({ key: 'notes', type: 'text' })).toMatchObject({ maxLength: 280 });
    expect(trackerFieldSchema.parse({ key: 'meditated', type: 'duration' })).toMatchObject({
      maxMinutes: 1440,
    });
    expect(trackerFieldSchema.parse({ key: 'glucose', type: 'number', unit: 'mmol/L' })).toMatchObject({
      integer: false,
      unit: 'mmol/L',
    });
  });

  it('when every type is defined, then a tracker of all of them is valid', () => {
    const fields = trackerFieldsSchema.parse([
      {
        key: 'glucose',
        label: 'Blodsocker 🩸',
        type: 'number',
        unit: 'mmol/L',
        min: 0,
        max: 40,
        required: true,
      },
      { key: 'energy', type: 'rating', min: 0, max: 5 },
      { key: 'fasted', type: 'boolean' },
      { key: 'comment', type: 'text', maxLength: 500 },
      { key: 'walk', type: 'duration', maxMinutes: 600 },
      { key: 'meal', type: 'single_select', options: ['breakfast', 'lunch', 'dinner'] },
      { key: 'symptoms', type: 'multi_select', options: ['headache', 'nausea', 'fatigue'] },
    ]);
    expect(fields.map((field) => field.type)).toEqual([
      'number',
      'rating',
      'boolean',
      'text',
      'duration',
      'single_select',
      'multi_select',
    ]);
  });

  it('when keys repeat or are not plain identifiers, then the failing field is named', () => {
    expect(
      paths([
        { key: 'a', type: 'boolean' },
        { key: 'a', type: 'text' },
      ]),
    ).toEqual(['1.key']);
    expect(paths([{ key: 'Pain Level', type: 'boolean' }])).toEqual(['0.key']);
    expect(paths([{ key: '1st', type: 'boolean' }])).toEqual(['0.key']);
    expect(paths([{ key: 'x'.repeat(41), type: 'boolean' }])).toEqual(['0.key']);
    expect(paths([{ key: 'drop_table;', type: 'boolean' }])).toEqual(['0.key']);
  });

  it('when there are no fields or more than 30, then the list is refused', () => {
    expect(paths([])).toEqual(['']);
    expect(paths(Array.from({ length: 31 }, (_, index) => ({ key: `f${index}`, type: 'boolean' })))).toEqual([
      '',
    ]);
  });

  it('when ranges are inverted or options are too few or repeated, then the field is refused', () => {
    expect(paths([{ key: 'n', type: 'number', min: 10, max: 1 }])).toEqual(['0.max']);
    expect(paths([{ key: 'r', type: 'rating', min: 5, max: 5 }])).toEqual(['0.max']);
    expect(paths([{ key: 'r', type: 'rating', max: 1000 }])).toEqual(['0.max']);
    expect(paths([{ key: 's', type: 'single_select', options: ['only'] }])).toEqual(['0.options']);
    expect(paths([{ key: 's', type: 'multi_select', options: ['Yes', 'yes'] }])).toEqual(['0.options']);
    expect(paths([{ key: 't', type: 'text', maxLength: 0 }])).toEqual(['0.maxLength']);
    expect(paths([{ key: 'd', type: 'duration', maxMinutes: 20_000 }])).toEqual(['0.maxMinutes']);
  });

  it('when a type is unknown, a setting belongs to another type, or a label is blank, then it is refused', () => {
    expect(paths([{ key: 'x', type: 'colour' }])).toEqual(['0.type']);
    expect(paths([{ key: 'x', type: 'boolean', options: ['a', 'b'] }])).toEqual(['0']);
    expect(paths([{ key: 'x', type: 'boolean', label: '  ' }])).toEqual(['0.label']);
  });
});
