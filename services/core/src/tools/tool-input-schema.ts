/**
 * The JSON Schema subset a tool's input is described with, and a validator for it.
 * Small on purpose: every keyword here is enforced; a keyword we do not enforce is
 * refused at creation rather than silently ignored (a tool author relying on
 * `pattern` must learn it is not checked).
 */

export type JsonPrimitive = string | number | boolean | null;

export type SchemaType = 'object' | 'string' | 'number' | 'integer' | 'boolean' | 'array';

export interface SupportedJsonSchema {
  type: SchemaType;
  title?: string;
  description?: string;
  properties?: Record<string, SupportedJsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  enum?: JsonPrimitive[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: SupportedJsonSchema;
}

export interface SchemaIssue {
  path: string;
  message: string;
}

const MAX_DEPTH = 8;
const MAX_NODES = 500;
const MAX_PROPERTIES = 100;
const MAX_ENUM_VALUES = 100;
const MAX_TEXT = 1000;
const MAX_PROPERTY_NAME = 100;
/** Validation stops collecting after this many problems; the first ones name the fields. */
const MAX_ISSUES = 20;

const schemaTypes: readonly string[] = ['object', 'string', 'number', 'integer', 'boolean', 'array'];

const keywordsByType: Record<SchemaType, readonly string[]> = {
  object: ['properties', 'required', 'additionalProperties'],
  string: ['enum', 'minLength', 'maxLength'],
  number: ['enum', 'minimum', 'maximum'],
  integer: ['enum', 'minimum', 'maximum'],
  boolean: ['enum'],
  array: ['items', 'minItems', 'maxItems'],
};
const commonKeywords = ['type', 'title', 'description'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1_000_000;
}

function matchesType(value: unknown, type: SchemaType): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

function withArticle(type: SchemaType): string {
  return `${type === 'object' || type === 'array' || type === 'integer' ? 'an' : 'a'} ${type}`;
}

class SchemaChecker {
  readonly issues: SchemaIssue[] = [];
  private nodes = 0;

  private problem(path: string, message: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, message });
  }

  check(node: unknown, path: string, depth: number): void {
    this.nodes += 1;
    if (this.nodes > MAX_NODES) {
      if (this.nodes === MAX_NODES + 1) this.problem(path, `the schema may have at most ${MAX_NODES} nodes`);
      return;
    }
    if (depth > MAX_DEPTH) {
      this.problem(path, `the schema may nest at most ${MAX_DEPTH} levels`);
      return;
    }
    if (!isPlainObject(node)) {
      this.problem(path, 'must be a JSON schema object');
      return;
    }
    const type = node.type;
    if (typeof type !== 'string' || !schemaTypes.includes(type)) {
      this.problem(`${path}.type`, `must be one of ${schemaTypes.join(', ')}`);
      return;
    }
    const schemaType = type as SchemaType;
    const allowed = [...commonKeywords, ...keywordsByType[schemaType]];
    for (const keyword of Object.keys(node)) {
      if (!allowed.includes(keyword)) {
        this.problem(`${path}.${keyword}`, `is not supported for type ${schemaType}`);
      }
    }
    for (const text of ['title', 'description'] as const) {
      const value = node[text];
      if (value !== undefined && (typeof value !== 'string' || value.length > MAX_TEXT)) {
        this.problem(`${path}.${text}`, `must be a string of at most ${MAX_TEXT} characters`);
      }
    }
    this.checkBounds(node, path, ['minLength', 'maxLength']);
    this.checkBounds(node, path, ['minItems', 'maxItems']);
    this.checkRange(node, path);
    if (node.enum !== undefined && allowed.includes('enum'))
      this.checkEnum(node.enum, schemaType, `${path}.enum`);
    if (schemaType === 'object') this.checkObject(node, path, depth);
    if (schemaType === 'array' && node.items !== undefined)
      this.check(node.items, `${path}.items`, depth + 1);
  }

  private checkBounds(node: Record<string, unknown>, path: string, [minKey, maxKey]: [string, string]) {
    const min = node[minKey];
    const max = node[maxKey];
    if (min !== undefined && !isCount(min)) this.problem(`${path}.${minKey}`, 'must be a whole number ≥ 0');
    if (max !== undefined && !isCount(max)) this.problem(`${path}.${maxKey}`, 'must be a whole number ≥ 0');
    if (isCount(min) && isCount(max) && min > max) {
      this.problem(`${path}.${minKey}`, `must not exceed ${maxKey}`);
    }
  }

  private checkRange(node: Record<string, unknown>, path: string) {
    const { minimum, maximum } = node;
    for (const [key, value] of [
      ['minimum', minimum],
      ['maximum', maximum],
    ] as const) {
      if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
        this.problem(`${path}.${key}`, 'must be a finite number');
      }
    }
    if (typeof minimum === 'number' && typeof maximum === 'number' && minimum > maximum) {
      this.problem(`${path}.minimum`, 'must not exceed maximum');
    }
  }

  private checkEnum(values: unknown, type: SchemaType, path: string) {
    if (!Array.isArray(values) || values.length === 0 || values.length > MAX_ENUM_VALUES) {
      this.problem(path, `must be an array of 1 to ${MAX_ENUM_VALUES} values`);
      return;
    }
    values.forEach((value, index) => {
      if (!matchesType(value, type)) this.problem(`${path}.${index}`, `must be ${withArticle(type)}`);
    });
  }

  private checkObject(node: Record<string, unknown>, path: string, depth: number) {
    const { properties, required, additionalProperties } = node;
    if (additionalProperties !== undefined && typeof additionalProperties !== 'boolean') {
      this.problem(`${path}.additionalProperties`, 'must be true or false');
    }
    if (properties !== undefined && !isPlainObject(properties)) {
      this.problem(`${path}.properties`, 'must be an object of schemas');
    }
    const names = isPlainObject(properties) ? Object.keys(properties) : [];
    if (names.length > MAX_PROPERTIES) {
      this.problem(`${path}.properties`, `may declare at most ${MAX_PROPERTIES} properties`);
    }
    for (const name of names.slice(0, MAX_PROPERTIES)) {
      if (name.length === 0 || name.length > MAX_PROPERTY_NAME || name === '__proto__') {
        this.problem(
          `${path}.properties`,
          `property name ${JSON.stringify(name.slice(0, 40))} is not allowed`,
        );
        continue;
      }
      this.check((properties as Record<string, unknown>)[name], `${path}.properties.${name}`, depth + 1);
    }
    if (required === undefined) return;
    if (!Array.isArray(required) || !required.every((name) => typeof name === 'string')) {
      this.problem(`${path}.required`, 'must be an array of property names');
      return;
    }
    if (new Set(required).size !== required.length) this.problem(`${path}.required`, 'must not repeat names');
    for (const name of required) {
      if (!names.includes(name))
        this.problem(`${path}.required`, `names ${JSON.stringify(name)}, not a property`);
    }
  }
}

/**
 * Checks that a tool's input schema is an object schema within the supported subset.
 * Returns the schema typed, or the problems, each with its path.
 */
export function parseInputSchema(
  raw: unknown,
): { ok: true; schema: SupportedJsonSchema } | { ok: false; issues: SchemaIssue[] } {
  const checker = new SchemaChecker();
  if (isPlainObject(raw) && raw.type !== 'object') {
    return {
      ok: false,
      issues: [{ path: 'inputSchema.type', message: 'the input schema must be of type object' }],
    };
  }
  checker.check(raw, 'inputSchema', 1);
  return checker.issues.length === 0
    ? { ok: true, schema: raw as SupportedJsonSchema }
    : { ok: false, issues: checker.issues };
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

class InputChecker {
  readonly issues: SchemaIssue[] = [];

  private problem(path: string, message: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, message });
  }

  check(schema: SupportedJsonSchema, value: unknown, path: string): void {
    if (this.issues.length >= MAX_ISSUES) return;
    if (!matchesType(value, schema.type)) {
      this.problem(path, `must be ${withArticle(schema.type)}`);
      return;
    }
    if (schema.enum && !schema.enum.includes(value as JsonPrimitive)) {
      this.problem(path, `must be one of ${schema.enum.map((item) => JSON.stringify(item)).join(', ')}`);
    }
    if (typeof value === 'number') this.checkNumber(schema, value, path);
    if (typeof value === 'string') this.checkString(schema, value, path);
    if (Array.isArray(value)) this.checkArray(schema, value, path);
    else if (isPlainObject(value)) this.checkObject(schema, value, path);
  }

  private checkNumber(schema: SupportedJsonSchema, value: number, path: string) {
    if (schema.minimum !== undefined && value < schema.minimum)
      this.problem(path, `must be ≥ ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      this.problem(path, `must be ≤ ${schema.maximum}`);
  }

  private checkString(schema: SupportedJsonSchema, value: string, path: string) {
    const length = codePoints(value);
    if (schema.minLength !== undefined && length < schema.minLength) {
      this.problem(path, `must have at least ${schema.minLength} characters`);
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      this.problem(path, `must have at most ${schema.maxLength} characters`);
    }
  }

  private checkArray(schema: SupportedJsonSchema, value: unknown[], path: string) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      this.problem(path, `must have at least ${schema.minItems} items`);
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      this.problem(path, `must have at most ${schema.maxItems} items`);
    }
    const items = schema.items;
    if (!items) return;
    value.forEach((item, index) => {
      this.check(items, item, `${path}.${index}`);
    });
  }

  private checkObject(schema: SupportedJsonSchema, value: Record<string, unknown>, path: string) {
    const properties = schema.properties ?? {};
    for (const name of schema.required ?? []) {
      if (!Object.hasOwn(value, name)) this.problem(`${path}.${name}`, 'is required');
    }
    for (const [name, item] of Object.entries(value)) {
      const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
      if (property) this.check(property, item, `${path}.${name}`);
      else if (schema.additionalProperties === false)
        this.problem(`${path}.${name}`, 'is not an allowed property');
    }
  }
}

/** Validates a tool input against its (already parsed) schema; an empty list means valid. */
export function validateToolInput(schema: SupportedJsonSchema, value: unknown): SchemaIssue[] {
  const checker = new InputChecker();
  checker.check(schema, value, 'input');
  return checker.issues;
}
