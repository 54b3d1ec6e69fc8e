import { jsonSchemaOf, validateInput, type FieldSpec, type InputSchema } from './input-schema.js';

/** Errors for `value` as the only field `f` of a schema. */
const check = (spec: FieldSpec, value: unknown) => validateInput({ f: spec }, { f: value });
const fields = (schema: InputSchema, input: unknown) => validateInput(schema, input).map((error) => error.field);

describe('input schema validation', () => {
  describe('string and text', () => {
    it('accepts a non-empty string within the limit', () => {
      expect(check({ type: 'string' }, 'County Lab')).toEqual([]);
      expect(check({ type: 'string', maxLength: 5 }, 'abcde')).toEqual([]);
      expect(check({ type: 'text' }, 'a'.repeat(10_000))).toEqual([]);
    });

    it.each([
      ['an empty string', ''],
      ['only spaces', '   '],
      ['a number', 42],
      ['a boolean', true],
      ['an object', { a: 1 }],
    ])('refuses %s', (_what, value) => {
      expect(check({ type: 'string' }, value)).toEqual([{ field: 'f', message: 'f must be a non-empty string' }]);
      expect(check({ type: 'text' }, value)).toEqual([{ field: 'f', message: 'f must be a non-empty string' }]);
    });

    it('refuses a string over its maxLength, with defaults of 200 (string) and 10,000 (text)', () => {
      expect(check({ type: 'string', maxLength: 5 }, 'abcdef')).toEqual([{ field: 'f', message: 'f must be at most 5 characters' }]);
      expect(check({ type: 'string' }, 'a'.repeat(200))).toEqual([]);
      expect(check({ type: 'string' }, 'a'.repeat(201))).toEqual([{ field: 'f', message: 'f must be at most 200 characters' }]);
      expect(check({ type: 'text' }, 'a'.repeat(10_001))).toEqual([{ field: 'f', message: 'f must be at most 10000 characters' }]);
    });
  });

  describe('date', () => {
    it.each(['2026-01-15', '2028-02-29', '2026-12-31'])('accepts the calendar date %s', (value) => {
      expect(check({ type: 'date' }, value)).toEqual([]);
    });

    it.each([
      ['a non-existent day', '2026-02-30'],
      ['29 February outside a leap year', '2026-02-29'],
      ['month 13', '2026-13-01'],
      ['day 00', '2026-01-00'],
      ['an unpadded date', '2026-1-5'],
      ['a timestamp', '2026-01-15T00:00:00Z'],
      ['a US-style date', '01/15/2026'],
      ['a number', 20260115],
      ['a Date object', new Date('2026-01-15')],
    ])('refuses %s', (_what, value) => {
      expect(check({ type: 'date' }, value)).toEqual([{ field: 'f', message: 'f must be a date (YYYY-MM-DD)' }]);
    });
  });

  describe('boolean', () => {
    it('accepts true and false', () => {
      expect(check({ type: 'boolean' }, true)).toEqual([]);
      expect(check({ type: 'boolean' }, false)).toEqual([]);
    });

    it.each(['true', 0, 1, 'yes'])('refuses %p', (value) => {
      expect(check({ type: 'boolean' }, value)).toEqual([{ field: 'f', message: 'f must be true or false' }]);
    });
  });

  describe('integer', () => {
    const spec: FieldSpec = { type: 'integer', min: 0, max: 100 };

    it('accepts whole numbers within the bounds, inclusive', () => {
      for (const value of [0, 1, 100]) expect(check(spec, value)).toEqual([]);
      expect(check({ type: 'integer' }, -5)).toEqual([]);
    });

    it.each([1.5, '3', Number.NaN, Number.POSITIVE_INFINITY, true, [1]])('refuses %p as not a whole number', (value) => {
      expect(check(spec, value)).toEqual([{ field: 'f', message: 'f must be a whole number' }]);
    });

    it('refuses values outside the bounds', () => {
      expect(check(spec, -1)).toEqual([{ field: 'f', message: 'f must be at least 0' }]);
      expect(check(spec, 101)).toEqual([{ field: 'f', message: 'f must be at most 100' }]);
    });
  });

  describe('uuid', () => {
    it('accepts a UUID in either case', () => {
      expect(check({ type: 'uuid', ref: 'user' }, '0b7c1e5a-9f3d-4c2e-8a1b-2d3e4f5a6b7c')).toEqual([]);
      expect(check({ type: 'uuid' }, '0B7C1E5A-9F3D-4C2E-8A1B-2D3E4F5A6B7C')).toEqual([]);
    });

    it.each([
      'not-a-uuid',
      '0b7c1e5a9f3d4c2e8a1b2d3e4f5a6b7c',
      '0b7c1e5a-9f3d-4c2e-8a1b-2d3e4f5a6b7',
      '{0b7c1e5a-9f3d-4c2e-8a1b-2d3e4f5a6b7c}',
      12,
    ])('refuses %p', (value) => {
      expect(check({ type: 'uuid' }, value)).toEqual([{ field: 'f', message: 'f must be a UUID' }]);
    });
  });

  describe('enum', () => {
    const spec: FieldSpec = { type: 'enum', values: ['paper', 'electronic'] };

    it('accepts a listed value', () => {
      expect(check(spec, 'paper')).toEqual([]);
    });

    it.each(['fax', 'Paper', ['paper'], 1])('refuses %p, listing the allowed values', (value) => {
      expect(check(spec, value)).toEqual([{ field: 'f', message: 'f must be one of: paper, electronic' }]);
    });
  });

  describe('enum[]', () => {
    const spec: FieldSpec = { type: 'enum[]', values: ['a', 'b', 'c'], minItems: 1 };

    it('accepts a list of distinct listed values', () => {
      expect(check(spec, ['a'])).toEqual([]);
      expect(check(spec, ['c', 'a', 'b'])).toEqual([]);
      expect(check({ type: 'enum[]', values: ['a'] }, [])).toEqual([]);
    });

    it('refuses a value that is not a list', () => {
      expect(check(spec, 'a')).toEqual([{ field: 'f', message: 'f must be a list' }]);
    });

    it('refuses fewer items than minItems', () => {
      expect(check(spec, [])).toEqual([{ field: 'f', message: 'f must have at least 1 item(s)' }]);
    });

    it('refuses an unlisted or non-string item', () => {
      expect(check(spec, ['a', 'z'])).toEqual([{ field: 'f', message: 'f may only contain: a, b, c' }]);
      expect(check(spec, ['a', 1])).toEqual([{ field: 'f', message: 'f may only contain: a, b, c' }]);
    });

    it('refuses a repeated item', () => {
      expect(check(spec, ['a', 'b', 'a'])).toEqual([{ field: 'f', message: 'f must not repeat an item' }]);
    });
  });

  describe('object', () => {
    const schema: InputSchema = {
      address: {
        type: 'object',
        required: true,
        fields: { city: { type: 'string', required: true }, zip: { type: 'string' } },
      },
    };

    it('accepts a valid nested object', () => {
      expect(validateInput(schema, { address: { city: 'Springfield', zip: '12345' } })).toEqual([]);
    });

    it('reports nested errors with their path', () => {
      expect(validateInput(schema, { address: { zip: 12345 } })).toEqual([
        { field: 'address.city', message: 'city is required' },
        { field: 'address.zip', message: 'zip must be a non-empty string' },
      ]);
    });

    it('refuses an unknown nested field with its path', () => {
      expect(validateInput(schema, { address: { city: 'S', country: 'US' } })).toEqual([
        { field: 'address.country', message: 'property country should not exist' },
      ]);
    });

    it.each([
      ['a string', 'Springfield'],
      ['a list', [{ city: 'S' }]],
    ])('refuses %s in place of an object', (_what, value) => {
      expect(validateInput(schema, { address: value })).toEqual([{ field: 'address', message: 'address must be an object' }]);
    });
  });

  describe('object[]', () => {
    const schema: InputSchema = {
      persons: {
        type: 'object[]',
        minItems: 1,
        maxItems: 3,
        fields: { name: { type: 'string', required: true }, role: { type: 'enum', values: ['parent', 'guardian'] } },
      },
    };

    it('accepts a list of valid objects', () => {
      expect(validateInput(schema, { persons: [{ name: 'A' }, { name: 'B', role: 'parent' }] })).toEqual([]);
    });

    it('reports errors in items with indexed paths like persons[1].name', () => {
      expect(validateInput(schema, { persons: [{ name: 'A' }, { role: 'uncle' }] })).toEqual([
        { field: 'persons[1].name', message: 'name is required' },
        { field: 'persons[1].role', message: 'role must be one of: parent, guardian' },
      ]);
      expect(fields(schema, { persons: [{ name: 'A', age: 3 }] })).toEqual(['persons[0].age']);
    });

    it('refuses an item that is not an object', () => {
      expect(validateInput(schema, { persons: ['A'] })).toEqual([{ field: 'persons[0]', message: 'persons[0] must be an object' }]);
    });

    it('refuses a non-list and enforces minItems and maxItems', () => {
      expect(validateInput(schema, { persons: { name: 'A' } })).toEqual([{ field: 'persons', message: 'persons must be a list' }]);
      expect(validateInput(schema, { persons: [] })).toEqual([{ field: 'persons', message: 'persons must have at least 1 item(s)' }]);
      const four = [1, 2, 3, 4].map((n) => ({ name: `P${n}` }));
      expect(validateInput(schema, { persons: four })).toEqual([{ field: 'persons', message: 'persons must have at most 3 items' }]);
    });

    it('caps an unbounded list at 100 items', () => {
      const unbounded: InputSchema = { persons: { type: 'object[]', fields: { name: { type: 'string' } } } };
      const list = (n: number) => Array.from({ length: n }, () => ({ name: 'x' }));
      expect(validateInput(unbounded, { persons: list(100) })).toEqual([]);
      expect(validateInput(unbounded, { persons: list(101) })).toEqual([
        { field: 'persons', message: 'persons must have at most 100 items' },
      ]);
    });
  });

  describe('the input as a whole', () => {
    const schema: InputSchema = { reasons: { type: 'text', required: true }, note: { type: 'string' } };

    it('refuses unknown fields, naming each', () => {
      expect(validateInput(schema, { reasons: 'r', patientName: 'Jane', ssn: '1' })).toEqual([
        { field: 'patientName', message: 'property patientName should not exist' },
        { field: 'ssn', message: 'property ssn should not exist' },
      ]);
    });

    it('requires required fields and treats null as absent', () => {
      expect(validateInput(schema, {})).toEqual([{ field: 'reasons', message: 'reasons is required' }]);
      expect(validateInput(schema, { reasons: null })).toEqual([{ field: 'reasons', message: 'reasons is required' }]);
      expect(validateInput(schema, { reasons: 'r', note: null })).toEqual([]);
    });

    it('returns every problem at once', () => {
      expect(fields(schema, { note: '', extra: 1 })).toEqual(['extra', 'reasons', 'note']);
    });

    it.each([
      ['null', null],
      ['a list', []],
      ['a string', 'reasons'],
      ['undefined', undefined],
    ])('refuses %s as the body', (_what, input) => {
      expect(validateInput(schema, input)).toEqual([{ field: 'body', message: 'body must be an object' }]);
    });

    it('accepts an empty object for an empty schema and refuses anything in it', () => {
      expect(validateInput({}, {})).toEqual([]);
      expect(fields({}, { a: 1 })).toEqual(['a']);
    });
  });
});

describe('jsonSchemaOf', () => {
  const schema: InputSchema = {
    reasons: { type: 'text', required: true, description: 'Why.' },
    note: { type: 'string', maxLength: 50 },
    on: { type: 'date', required: true },
    agreed: { type: 'boolean' },
    feeCents: { type: 'integer', min: 0, max: 1000 },
    count: { type: 'integer' },
    reviewerId: { type: 'uuid', ref: 'user' },
    format: { type: 'enum', values: ['paper', 'electronic'] },
    grounds: { type: 'enum[]', values: ['a', 'b'], minItems: 1 },
    address: { type: 'object', fields: { city: { type: 'string', required: true } }, description: 'Where.' },
    persons: { type: 'object[]', fields: { name: { type: 'string', required: true }, age: { type: 'integer' } } },
  };
  const json = jsonSchemaOf(schema);

  it('is a closed object with the required list', () => {
    expect(json.type).toBe('object');
    expect(json.additionalProperties).toBe(false);
    expect(json.required).toEqual(['reasons', 'on']);
    expect(Object.keys(json.properties as object)).toEqual(Object.keys(schema));
  });

  it('omits the required list when nothing is required', () => {
    expect(jsonSchemaOf({ note: { type: 'string' } })).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: { note: { type: 'string', minLength: 1, maxLength: 200 } },
    });
    expect(jsonSchemaOf({})).toEqual({ type: 'object', additionalProperties: false, properties: {} });
  });

  it('describes each field kind', () => {
    expect(json.properties).toEqual({
      reasons: { type: 'string', minLength: 1, maxLength: 10_000, description: 'Why.' },
      note: { type: 'string', minLength: 1, maxLength: 50 },
      on: { type: 'string', format: 'date' },
      agreed: { type: 'boolean' },
      feeCents: { type: 'integer', minimum: 0, maximum: 1000 },
      count: { type: 'integer' },
      reviewerId: { type: 'string', format: 'uuid' },
      format: { type: 'string', enum: ['paper', 'electronic'] },
      grounds: expect.objectContaining({ type: 'array', items: { type: 'string', enum: ['a', 'b'] }, uniqueItems: true }),
      address: {
        type: 'object',
        additionalProperties: false,
        properties: { city: { type: 'string', minLength: 1, maxLength: 200 } },
        required: ['city'],
        description: 'Where.',
      },
      persons: expect.objectContaining({
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, age: { type: 'integer' } },
          required: ['name'],
        },
      }),
    });
  });
});
