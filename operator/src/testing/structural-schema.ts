/**
 * Just enough of the Kubernetes structural-schema (OpenAPI v3) checks to validate a sample object
 * against a CRD in tests, without an API server: type, required, properties, enum, pattern, string
 * length and numeric bounds. Unknown fields are reported, as the API server prunes them.
 */
export interface StructuralSchema {
  type?: string;
  required?: string[];
  properties?: Record<string, StructuralSchema>;
  items?: StructuralSchema;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function schemaViolations(schema: StructuralSchema, value: unknown, path = ''): string[] {
  const at = path === '' ? '(root)' : path;
  const actual = typeOf(value);
  if (
    schema.type !== undefined &&
    schema.type !== actual &&
    !(schema.type === 'number' && actual === 'integer')
  ) {
    return [`${at}: expected ${schema.type}, got ${actual}`];
  }
  const problems: string[] = [];
  if (schema.enum !== undefined && !schema.enum.includes(value))
    problems.push(`${at}: not one of the enum values`);
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
      problems.push(`${at}: does not match ${schema.pattern}`);
    }
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${at}: too short`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${at}: too long`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      problems.push(`${at}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      problems.push(`${at}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      problems.push(`${at}: too many items`);
    if (schema.items !== undefined) {
      const items = schema.items;
      value.forEach((item, index) => {
        problems.push(...schemaViolations(items, item, `${path}[${index}]`));
      });
    }
  }
  if (actual === 'object' && schema.properties !== undefined) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (record[key] === undefined) problems.push(`${path === '' ? '' : `${path}.`}${key}: required`);
    }
    for (const [key, child] of Object.entries(record)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      const childSchema = schema.properties[key];
      if (childSchema === undefined) problems.push(`${childPath}: unknown field`);
      else problems.push(...schemaViolations(childSchema, child, childPath));
    }
  }
  return problems;
}
