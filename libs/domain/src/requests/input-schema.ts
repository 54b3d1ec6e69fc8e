/**
 * A small, pure description of an action's input: what fields it takes, of
 * what kind, which are required. Validated here (unknown fields are an error),
 * and turned into JSON Schema for the API documentation and /request-types.
 */
export type FieldSpec = { description?: string; required?: boolean } & (
  | { type: 'string'; maxLength?: number }
  | { type: 'text'; maxLength?: number }
  | { type: 'date' }
  | { type: 'boolean' }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'uuid'; ref?: 'user' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'enum[]'; values: readonly string[]; minItems?: number }
  | { type: 'object'; fields: InputSchema }
  | { type: 'object[]'; fields: InputSchema; minItems?: number; maxItems?: number }
);

export type InputSchema = Readonly<Record<string, FieldSpec>>;

export interface FieldError {
  field: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Checks `input` against `schema`; returns every problem, each tied to its field. */
export function validateInput(schema: InputSchema, input: unknown, path = ''): FieldError[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return [{ field: path || 'body', message: `${path || 'body'} must be an object` }];
  }
  const errors: FieldError[] = [];
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(schema, key)) errors.push({ field: join(path, key), message: `property ${key} should not exist` });
  }
  for (const [key, spec] of Object.entries(schema)) {
    const value = record[key];
    const field = join(path, key);
    if (value === undefined || value === null) {
      if (spec.required) errors.push({ field, message: `${key} is required` });
      continue;
    }
    errors.push(...validateField(spec, value, field, key));
  }
  return errors;
}

function validateField(spec: FieldSpec, value: unknown, field: string, key: string): FieldError[] {
  const fail = (message: string) => [{ field, message: `${key} ${message}` }];
  switch (spec.type) {
    case 'string':
    case 'text': {
      const max = spec.maxLength ?? (spec.type === 'string' ? 200 : 10_000);
      if (typeof value !== 'string' || value.trim() === '') return fail('must be a non-empty string');
      return value.length > max ? fail(`must be at most ${max} characters`) : [];
    }
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? [] : fail('must be a date (YYYY-MM-DD)');
    case 'boolean':
      return typeof value === 'boolean' ? [] : fail('must be true or false');
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail('must be a whole number');
      if (spec.min !== undefined && value < spec.min) return fail(`must be at least ${spec.min}`);
      return spec.max !== undefined && value > spec.max ? fail(`must be at most ${spec.max}`) : [];
    }
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? [] : fail('must be a UUID');
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? [] : fail(`must be one of: ${spec.values.join(', ')}`);
    case 'enum[]': {
      if (!Array.isArray(value)) return fail('must be a list');
      if (value.length < (spec.minItems ?? 0)) return fail(`must have at least ${spec.minItems} item(s)`);
      const bad = value.filter((item) => typeof item !== 'string' || !spec.values.includes(item));
      if (bad.length) return fail(`may only contain: ${spec.values.join(', ')}`);
      return new Set(value).size === value.length ? [] : fail('must not repeat an item');
    }
    case 'object':
      return validateInput(spec.fields, value, field);
    case 'object[]': {
      if (!Array.isArray(value)) return fail('must be a list');
      if (value.length < (spec.minItems ?? 0)) return fail(`must have at least ${spec.minItems} item(s)`);
      if (value.length > (spec.maxItems ?? 100)) return fail(`must have at most ${spec.maxItems ?? 100} items`);
      return value.flatMap((item, index) => validateInput(spec.fields, item, `${field}[${index}]`));
    }
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** JSON Schema (OpenAPI 3.0 dialect) of an input schema. */
export function jsonSchemaOf(schema: InputSchema): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) properties[key] = fieldJsonSchema(spec);
  const required = Object.entries(schema)
    .filter(([, spec]) => spec.required)
    .map(([key]) => key);
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}

function fieldJsonSchema(spec: FieldSpec): Record<string, unknown> {
  const description = spec.description ? { description: spec.description } : {};
  switch (spec.type) {
    case 'string':
    case 'text':
      return { type: 'string', minLength: 1, maxLength: spec.maxLength ?? (spec.type === 'string' ? 200 : 10_000), ...description };
    case 'date':
      return { type: 'string', format: 'date', ...description };
    case 'boolean':
      return { type: 'boolean', ...description };
    case 'integer':
      return {
        type: 'integer',
        ...(spec.min !== undefined ? { minimum: spec.min } : {}),
        ...(spec.max !== undefined ? { maximum: spec.max } : {}),
        ...description,
      };
    case 'uuid':
      return { type: 'string', format: 'uuid', ...description };
    case 'enum':
      return { type: 'string', enum: [...spec.values], ...description };
    case 'enum[]':
      return {
        type: 'array',
        items: { type: 'string', enum: [...spec.values] },
        uniqueItems: true,
        ...(spec.minItems ? { minItems: spec.minItems } : {}),
        ...description,
      };
    case 'object':
      return { ...jsonSchemaOf(spec.fields), ...description };
    case 'object[]':
      return {
        type: 'array',
        items: jsonSchemaOf(spec.fields),
        ...(spec.minItems ? { minItems: spec.minItems } : {}),
        maxItems: spec.maxItems ?? 100,
        ...description,
      };
  }
}
