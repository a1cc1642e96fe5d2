import { parseInputSchema, type SupportedJsonSchema, validateToolInput } from './tool-input-schema.js';

const mealSchema: SupportedJsonSchema = {
  type: 'object',
  description: 'Sum a meal',
  properties: {
    days: { type: 'integer', minimum: 1, maximum: 30 },
    meal: { type: 'string', enum: ['breakfast', 'lunch'] },
    label: { type: 'string', minLength: 2, maxLength: 5 },
    ratio: { type: 'number', minimum: 0, maximum: 1 },
    strict: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2 },
    nested: {
      type: 'object',
      properties: { x: { type: 'number' } },
      required: ['x'],
      additionalProperties: false,
    },
  },
  required: ['days'],
};

function parsedOk(raw: unknown): SupportedJsonSchema {
  const result = parseInputSchema(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.schema;
}

function issuesOf(raw: unknown) {
  const result = parseInputSchema(raw);
  return result.ok ? [] : result.issues;
}

describe('parseInputSchema', () => {
  it('when the schema uses every supported keyword, then it is accepted as given', () => {
    expect(parsedOk(mealSchema)).toBe(mealSchema);
    expect(parsedOk({ type: 'object' })).toEqual({ type: 'object' });
  });

  it('when the root is not an object schema, then it is refused', () => {
    expect(issuesOf({ type: 'string' })).toEqual([
      { path: 'inputSchema.type', message: 'the input schema must be of type object' },
    ]);
    expect(issuesOf('object')).toEqual([{ path: 'inputSchema', message: 'must be a JSON schema object' }]);
    expect(issuesOf(null)).toHaveLength(1);
    expect(issuesOf([{ type: 'object' }])).toHaveLength(1);
    expect(issuesOf(undefined)).toHaveLength(1);
  });

  it('when a keyword is outside the subset, then it is named rather than silently ignored', () => {
    expect(issuesOf({ type: 'object', properties: { a: { type: 'string', pattern: '^x' } } })).toEqual([
      { path: 'inputSchema.properties.a.pattern', message: 'is not supported for type string' },
    ]);
    expect(issuesOf({ type: 'object', $ref: '#/x' })[0]?.path).toBe('inputSchema.$ref');
    expect(issuesOf({ type: 'object', properties: { a: { type: 'number', maxLength: 3 } } })[0]?.path).toBe(
      'inputSchema.properties.a.maxLength',
    );
  });

  it('when a nested type is unknown or missing, then its path is reported', () => {
    expect(issuesOf({ type: 'object', properties: { a: { type: 'date' } } })[0]?.path).toBe(
      'inputSchema.properties.a.type',
    );
    expect(issuesOf({ type: 'object', properties: { a: {} } })[0]?.path).toBe(
      'inputSchema.properties.a.type',
    );
    expect(issuesOf({ type: 'object', properties: { a: 'string' } })[0]?.message).toBe(
      'must be a JSON schema object',
    );
    expect(issuesOf({ type: 'object', properties: [] })[0]?.path).toBe('inputSchema.properties');
  });

  it('when bounds are not whole numbers or contradict each other, then they are refused', () => {
    const prop = (schema: object) => issuesOf({ type: 'object', properties: { a: schema } });
    expect(prop({ type: 'string', minLength: -1 })[0]?.path).toBe('inputSchema.properties.a.minLength');
    expect(prop({ type: 'string', maxLength: 1.5 })[0]?.path).toBe('inputSchema.properties.a.maxLength');
    expect(prop({ type: 'string', minLength: 5, maxLength: 2 })[0]?.message).toBe(
      'must not exceed maxLength',
    );
    expect(prop({ type: 'array', minItems: 3, maxItems: 1 })).toHaveLength(1);
    expect(prop({ type: 'number', minimum: 'zero' })[0]?.path).toBe('inputSchema.properties.a.minimum');
    expect(prop({ type: 'number', maximum: Number.POSITIVE_INFINITY })).toHaveLength(1);
    expect(prop({ type: 'integer', minimum: 10, maximum: 1 })[0]?.message).toBe('must not exceed maximum');
  });

  it('when an enum is empty, too long or of the wrong type, then it is refused', () => {
    const prop = (schema: object) => issuesOf({ type: 'object', properties: { a: schema } });
    expect(prop({ type: 'string', enum: [] })).toHaveLength(1);
    expect(prop({ type: 'string', enum: 'a' })).toHaveLength(1);
    expect(prop({ type: 'string', enum: Array.from({ length: 101 }, (_, i) => `v${i}`) })).toHaveLength(1);
    expect(prop({ type: 'integer', enum: [1, 2.5] })).toEqual([
      { path: 'inputSchema.properties.a.enum.1', message: 'must be an integer' },
    ]);
    expect(prop({ type: 'boolean', enum: [true] })).toEqual([]);
  });

  it('when required names a missing property, repeats, or is not a list of names, then it is refused', () => {
    expect(
      issuesOf({ type: 'object', properties: { a: { type: 'string' } }, required: ['b'] })[0]?.message,
    ).toBe('names "b", not a property');
    expect(
      issuesOf({ type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'a'] }),
    ).toHaveLength(1);
    expect(issuesOf({ type: 'object', required: 'a' })).toHaveLength(1);
    expect(issuesOf({ type: 'object', required: [1] })).toHaveLength(1);
  });

  it('when titles, descriptions or additionalProperties are malformed, then they are refused', () => {
    expect(issuesOf({ type: 'object', description: 'x'.repeat(1001) })[0]?.path).toBe(
      'inputSchema.description',
    );
    expect(issuesOf({ type: 'object', title: 3 })[0]?.path).toBe('inputSchema.title');
    expect(issuesOf({ type: 'object', additionalProperties: {} })[0]?.path).toBe(
      'inputSchema.additionalProperties',
    );
  });

  it('when property names are empty, very long or __proto__, then they are refused', () => {
    const withName = (name: string) =>
      issuesOf(JSON.parse(`{"type":"object","properties":{${JSON.stringify(name)}:{"type":"string"}}}`));
    expect(withName('')).toHaveLength(1);
    expect(withName('x'.repeat(101))).toHaveLength(1);
    expect(withName('__proto__')).toHaveLength(1);
    expect(withName('名前 🍎')).toEqual([]);
  });

  it('when the schema is too deep, too wide or too large, then it is refused without walking it all', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 12; level += 1) deep = { type: 'object', properties: { a: deep } };
    expect(issuesOf(deep).some((issue) => issue.message.includes('nest at most'))).toBe(true);

    const wide = {
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, { type: 'string' }])),
    };
    expect(issuesOf(wide)[0]?.message).toBe('may declare at most 100 properties');

    const many = {
      type: 'object',
      properties: Object.fromEntries(
        Array.from({ length: 100 }, (_, i) => [
          `p${i}`,
          {
            type: 'object',
            properties: Object.fromEntries(
              Array.from({ length: 10 }, (_, j) => [`q${j}`, { type: 'string' }]),
            ),
          },
        ]),
      ),
    };
    expect(issuesOf(many).some((issue) => issue.message.includes('at most 500 nodes'))).toBe(true);
  });

  it('when a schema has many problems, then at most 20 are reported', () => {
    const bad = {
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${i}`, { type: 'nope' }])),
    };
    expect(issuesOf(bad)).toHaveLength(20);
  });
});

describe('validateToolInput', () => {
  const schema = parsedOk(mealSchema);

  it('when the input matches, then there are no issues', () => {
    expect(
      validateToolInput(schema, {
        days: 7,
        meal: 'lunch',
        label: '🍎🍐',
        ratio: 0.5,
        strict: false,
        tags: ['a'],
        nested: { x: 1 },
        extra: 'allowed by default',
      }),
    ).toEqual([]);
  });

  it('when a required field is missing or the input is not an object, then the field is named', () => {
    expect(validateToolInput(schema, {})).toEqual([{ path: 'input.days', message: 'is required' }]);
    expect(validateToolInput(schema, undefined)).toEqual([{ path: 'input', message: 'must be an object' }]);
    expect(validateToolInput(schema, [])).toEqual([{ path: 'input', message: 'must be an object' }]);
    expect(validateToolInput(schema, null)).toEqual([{ path: 'input', message: 'must be an object' }]);
  });

  it('when values have the wrong type or break their bounds, then each field is named', () => {
    const issues = validateToolInput(schema, {
      days: 2.5,
      meal: 'brunch',
      label: 'x',
      ratio: 2,
      strict: 'yes',
      tags: [],
      nested: { x: 'one', y: 1 },
    });
    expect(issues).toEqual([
      { path: 'input.days', message: 'must be an integer' },
      { path: 'input.meal', message: 'must be one of "breakfast", "lunch"' },
      { path: 'input.label', message: 'must have at least 2 characters' },
      { path: 'input.ratio', message: 'must be ≤ 1' },
      { path: 'input.strict', message: 'must be a boolean' },
      { path: 'input.tags', message: 'must have at least 1 items' },
      { path: 'input.nested.x', message: 'must be a number' },
      { path: 'input.nested.y', message: 'is not an allowed property' },
    ]);
  });

  it('when strings are counted, then emoji count as one character each', () => {
    expect(validateToolInput(schema, { days: 1, label: '🍎🍎🍎🍎🍎' })).toEqual([]);
    expect(validateToolInput(schema, { days: 1, label: '🍎🍎🍎🍎🍎🍎' })).toEqual([
      { path: 'input.label', message: 'must have at most 5 characters' },
    ]);
  });

  it('when numbers fall below the minimum or arrays are too long, then that is reported', () => {
    expect(validateToolInput(schema, { days: 0 })).toEqual([{ path: 'input.days', message: 'must be ≥ 1' }]);
    expect(validateToolInput(schema, { days: 31 })).toEqual([
      { path: 'input.days', message: 'must be ≤ 30' },
    ]);
    expect(validateToolInput(schema, { days: 1, tags: ['a', 'b', 3] })).toEqual([
      { path: 'input.tags', message: 'must have at most 2 items' },
      { path: 'input.tags.2', message: 'must be a string' },
    ]);
    expect(validateToolInput(schema, { days: 1, ratio: Number.NaN })).toEqual([
      { path: 'input.ratio', message: 'must be a number' },
    ]);
  });

  it('when the input carries an own __proto__ key, then it is treated as unknown data, not a schema lookup', () => {
    const closed = parsedOk({
      type: 'object',
      properties: { a: { type: 'string' } },
      additionalProperties: false,
    });
    expect(validateToolInput(closed, JSON.parse('{"__proto__": {"a": 1}}'))).toEqual([
      { path: 'input.__proto__', message: 'is not an allowed property' },
    ]);
    expect(validateToolInput(closed, { constructor: 'x' })).toEqual([
      { path: 'input.constructor', message: 'is not an allowed property' },
    ]);
  });

  it('when the input breaks many rules, then the report stops at 20 issues', () => {
    const list = parsedOk({
      type: 'object',
      properties: { xs: { type: 'array', items: { type: 'integer' } } },
    });
    expect(validateToolInput(list, { xs: Array.from({ length: 100 }, () => 'x') })).toHaveLength(20);
  });
});
