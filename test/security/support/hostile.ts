import fc from 'fast-check';

/** A JSON object as the API takes it. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- hostile input has any shape

type Path = (string | number)[];

/** Where in a valid base the mutations may aim. Paths are dotted (`patient.address.city`, `sections.0.heading`). */
export interface InputShape {
  /** Fields without which the input is invalid. */
  required?: string[];
  /** Fields holding a date or date-time. */
  dates?: string[];
  /** Fields holding a number (or, in a query, a numeric string). */
  numbers?: string[];
}

// ------------------------------------------------------------------------------------------------ values

/** 1.06 MB of UTF-8: more than the body limit (BODY_LIMIT_BYTES, 1 MiB). */
const HUGE = 'é'.repeat(530_000);
/** 100,000 characters: within the body limit, beyond every field's maximum length. */
const BIG = '<script>'.repeat(12_500);
const LONG_UNICODE = '\u202e😀'.repeat(20_000);
export const HUGE_STRINGS = [HUGE, BIG, LONG_UNICODE];

/** Sent verbatim as a JSON token (not a string): numbers JSON.parse turns into ±Infinity, or that lose precision. */
const raw = (token: string) => `\u0000RAW:${token}`;
const RAW_PATTERN = /"\\u0000RAW:([^"]*)"/g;

export const INVALID_DATES = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '2025-02-29',
  'yesterday',
  '',
  ' ',
  '2026-1-1',
  '20260101x',
  '2026-01-01T25:00:00Z',
  '2026-01-01T10:61:00Z',
  '2026-01-01T10:00:00+25:00',
  '2026-01-01T10:00:00+05:99',
  '2026-01-01T10:00:00 America/New_York',
  '2026-01-01T10:00:00[Mars/Olympus]',
  '2026-03-08T02:30:00-05:00[America/New_York]',
  '2026-01-01T10:00:00Z/Europe/Atlantis',
  '0000-00-00',
  '+275760-09-14',
  '-000001-01-01',
  '9999-99-99',
  '1e10',
  'NaN',
  'Infinity',
  'null',
  '2026-01-01\u0000',
  '２０２６-０１-０１',
  "2026-01-01' OR '1'='1",
];

export const BAD_NUMBERS: unknown[] = [
  0,
  -1,
  -2_147_483_649,
  1.5,
  0.000001,
  -1e308,
  raw('1e999'),
  raw('-1e999'),
  raw('123456789012345678901234567890'),
  'NaN',
  'Infinity',
  '-Infinity',
  '1',
  '0x10',
  '1e3',
  '',
];

export const BAD_QUERY_NUMBERS = [
  '0',
  '-1',
  '201',
  '1e999',
  'NaN',
  'Infinity',
  '-Infinity',
  '1.5',
  '5abc',
  '',
  '-0',
  '9'.repeat(400),
  '١٢',
];

const UNKNOWN_KEYS = [
  'isAdmin',
  'admin',
  'role',
  '$where',
  '$gt',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'zz_unknown',
  '',
  ' ',
  'ünknöwn',
  'a.b',
  '0',
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const PROTO_VALUES: unknown[] = [{ isAdmin: true }, { prototype: { isAdmin: true } }, 'x', { toString: 'boom' }, [{ polluted: true }]];
const OTHER_TYPES: unknown[] = [42, -7.5, true, false, 'text', [], ['x'], {}, { k: 'v' }];

const category = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Deep nesting is written into the JSON text when it is sent: JSON.stringify itself would overflow the stack. */
const nested = (depth: number, shape: 'array' | 'object'): string => raw(`DEEP:${shape}:${depth}`);

function rawToken(token: string): string {
  const deep = /^DEEP:(array|object):(\d+)$/.exec(token);
  if (!deep) return token;
  const depth = Number(deep[2]);
  return deep[1] === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`;
}

/** The JSON text of a hostile body, raw tokens (numbers JSON cannot quote, deep nesting) written in. */
export function hostileJson(body: unknown): string {
  const text = JSON.stringify(body);
  return text.includes('\\u0000RAW:') ? text.replace(RAW_PATTERN, (_match, token: string) => rawToken(token)) : text;
}
const NESTINGS = [40, 1_000, 20_000];

// ------------------------------------------------------------------------------------------------ mutations

export type Mutation =
  | { kind: 'wrong-type'; pick: number; value: number }
  | { kind: 'missing-required'; pick: number }
  | { kind: 'unknown-field'; pick: number; key: number | string; value: number }
  | { kind: 'huge-string'; pick: number; size: number; asNewField: boolean }
  | { kind: 'deep-nesting'; pick: number; depth: number; shape: 'array' | 'object'; asNewField: boolean }
  | { kind: 'prototype-key'; pick: number; key: number; value: number }
  | { kind: 'invalid-date'; pick: number; value: number }
  | { kind: 'bad-number'; pick: number; value: number };

const nat = fc.nat({ max: 10_000 });

/** Mutations that make a valid body invalid, whatever the field: only those the shape allows. */
export function bodyMutation(shape: InputShape): fc.Arbitrary<Mutation> {
  const arbitraries: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant('wrong-type' as const), pick: nat, value: nat }),
    fc.record({
      kind: fc.constant('unknown-field' as const),
      pick: nat,
      key: fc.oneof(
        nat,
        fc.string({ minLength: 1, maxLength: 12 }).map((key) => `x_${key}`),
      ),
      value: nat,
    }),
    // Huge and deep inputs cost the most per call: one case in about eight (each kind).
    fc.record({ kind: fc.constant('huge-string' as const), pick: nat, size: nat, asNewField: fc.boolean() }),
    fc.record({
      kind: fc.constant('deep-nesting' as const),
      pick: nat,
      depth: nat,
      shape: fc.constantFrom('array' as const, 'object' as const),
      asNewField: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('prototype-key' as const), pick: nat, key: nat, value: nat }),
  ];
  if (shape.required?.length) arbitraries.push(fc.record({ kind: fc.constant('missing-required' as const), pick: nat }));
  if (shape.dates?.length) {
    const date = fc.record({ kind: fc.constant('invalid-date' as const), pick: nat, value: nat });
    arbitraries.push(date, date);
  }
  if (shape.numbers?.length) arbitraries.push(fc.record({ kind: fc.constant('bad-number' as const), pick: nat, value: nat }));
  return fc.oneof(...arbitraries);
}

/** One to three mutations of the base: every case is hostile, so any 2xx is a real failure. */
export function hostileBody(base: Json, shape: InputShape): fc.Arbitrary<{ payload: string; applied: string[] }> {
  return fc.array(bodyMutation(shape), { minLength: 1, maxLength: 3 }).map((mutations) => {
    const body = JSON.parse(JSON.stringify(base)) as Json;
    const applied = mutations.map((mutation) => applyMutation(body, mutation, shape, base));
    return { payload: hostileJson(body), applied };
  });
}

function splitPath(path: string): Path {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function parentOf(root: Json, path: Path): Json | undefined {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Json)[key as string];
  }
  return node !== null && typeof node === 'object' ? (node as Json) : undefined;
}

function valueAt(root: Json, path: Path): unknown {
  const parent = parentOf(root, path);
  return parent === undefined ? undefined : parent[path[path.length - 1] as string];
}

/** Sets even `__proto__` as an own, enumerable property, so JSON.stringify sends it. */
function setOwn(target: Json, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function setAt(root: Json, path: Path, value: unknown): boolean {
  const parent = parentOf(root, path);
  if (!parent) return false;
  setOwn(parent, path[path.length - 1], value);
  return true;
}

/** Every value's path (not the root), depth first. */
function valuePaths(node: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (node !== null && typeof node === 'object') {
    for (const key of Object.keys(node)) {
      const path = [...prefix, Array.isArray(node) ? Number(key) : key];
      out.push(path);
      if (out.length < 500) valuePaths((node as Json)[key], path, out);
    }
  }
  return out;
}

/** Paths of every plain object, the root first. */
function objectPaths(node: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) out.push(prefix);
  if (node !== null && typeof node === 'object' && out.length < 200) {
    for (const key of Object.keys(node)) objectPaths((node as Json)[key], [...prefix, Array.isArray(node) ? Number(key) : key], out);
  }
  return out;
}

const pickFrom = <T>(list: readonly T[], index: number): T => list[index % list.length];

function freshKey(target: Json, key: number | string): string {
  const name = typeof key === 'number' ? pickFrom(UNKNOWN_KEYS, key) : key;
  return Object.hasOwn(target, name) ? `${name}_zz` : name;
}

/** Applies one mutation in place; returns what it did, for the failure report. */
export function applyMutation(body: Json, mutation: Mutation, shape: InputShape, base: Json = body): string {
  switch (mutation.kind) {
    case 'wrong-type': {
      const paths = valuePaths(body);
      if (paths.length === 0) return applyMutation(body, { kind: 'unknown-field', pick: mutation.pick, key: 0, value: 0 }, shape, base);
      const path = pickFrom(paths, mutation.pick);
      // Of another type than the valid base holds there (not merely than now: a second mutation must not undo the first).
      const original = valueAt(base, path);
      const current = original === undefined ? valueAt(body, path) : original;
      const choices = OTHER_TYPES.filter(
        (value) => category(value) !== category(current) && category(value) !== category(valueAt(body, path)),
      );
      const value = pickFrom(choices, mutation.value);
      setAt(body, path, JSON.parse(JSON.stringify(value)));
      return `wrong type at ${path.join('.')}: ${JSON.stringify(value)}`;
    }
    case 'missing-required': {
      const path = splitPath(pickFrom(shape.required!, mutation.pick));
      const parent = parentOf(body, path);
      if (parent) delete parent[path[path.length - 1] as string];
      return `missing ${path.join('.')}`;
    }
    case 'unknown-field': {
      const target = pickFrom(objectPaths(body), mutation.pick);
      const node = target.length ? (valueAt(body, target) as Json) : body;
      const key = freshKey(node, mutation.key);
      setOwn(node, key, JSON.parse(JSON.stringify(pickFrom(OTHER_TYPES, mutation.value))));
      return `unknown field ${[...target, key].join('.')}`;
    }
    case 'huge-string': {
      const value = pickFrom(HUGE_STRINGS, mutation.size);
      const strings = valuePaths(body).filter((path) => typeof valueAt(body, path) === 'string');
      if (mutation.asNewField || strings.length === 0) {
        const target = pickFrom(objectPaths(body), mutation.pick);
        const node = target.length ? (valueAt(body, target) as Json) : body;
        const key = freshKey(node, 'zz_huge');
        setOwn(node, key, value);
        return `huge string (${value.length} chars) as new field ${[...target, key].join('.')}`;
      }
      const path = pickFrom(strings, mutation.pick);
      setAt(body, path, value);
      return `huge string (${value.length} chars) at ${path.join('.')}`;
    }
    case 'deep-nesting': {
      const depth = pickFrom(NESTINGS, mutation.depth);
      const value = nested(depth, mutation.shape);
      const paths = valuePaths(body);
      if (mutation.asNewField || paths.length === 0) {
        const target = pickFrom(objectPaths(body), mutation.pick);
        const node = target.length ? (valueAt(body, target) as Json) : body;
        const key = freshKey(node, 'zz_deep');
        setOwn(node, key, value);
        return `${mutation.shape} nested ${depth} deep as new field ${[...target, key].join('.')}`;
      }
      const path = pickFrom(paths, mutation.pick);
      setAt(body, path, value);
      return `${mutation.shape} nested ${depth} deep at ${path.join('.')}`;
    }
    case 'prototype-key': {
      const target = pickFrom(objectPaths(body), mutation.pick);
      const node = target.length ? (valueAt(body, target) as Json) : body;
      const key = pickFrom(PROTO_KEYS, mutation.key);
      const value = JSON.parse(JSON.stringify(pickFrom(PROTO_VALUES, mutation.value)));
      setOwn(node, key, value);
      return `prototype key ${[...target, key].join('.')}`;
    }
    case 'invalid-date': {
      const path = splitPath(pickFrom(shape.dates!, mutation.pick));
      const value = pickFrom(INVALID_DATES, mutation.value);
      setAt(body, path, value);
      return `invalid date at ${path.join('.')}: ${JSON.stringify(value)}`;
    }
    case 'bad-number': {
      const path = splitPath(pickFrom(shape.numbers!, mutation.pick));
      const value = pickFrom(BAD_NUMBERS, mutation.value);
      setAt(body, path, value);
      return `bad number at ${path.join('.')}: ${String(value).replace('\u0000RAW:', '')}`;
    }
  }
}

// ------------------------------------------------------------------------------------------------ queries

export type QueryMutation =
  | { kind: 'unknown-param'; key: number; value: number }
  | { kind: 'repeated-param'; pick: number }
  | { kind: 'missing-required'; pick: number }
  | { kind: 'huge-value'; pick: number; size: number }
  | { kind: 'prototype-param'; key: number }
  | { kind: 'nested-param'; pick: number; depth: number }
  | { kind: 'invalid-date'; pick: number; value: number }
  | { kind: 'bad-number'; pick: number; value: number };

type Query = [string, string][];

export function hostileQuery(base: Record<string, string>, shape: InputShape): fc.Arbitrary<{ query: string; applied: string[] }> {
  const arbitraries: fc.Arbitrary<QueryMutation>[] = [
    fc.record({ kind: fc.constant('unknown-param' as const), key: nat, value: nat }),
    fc.record({ kind: fc.constant('repeated-param' as const), pick: nat }),
    fc.record({ kind: fc.constant('huge-value' as const), pick: nat, size: nat }),
    fc.record({ kind: fc.constant('prototype-param' as const), key: nat }),
    fc.record({ kind: fc.constant('nested-param' as const), pick: nat, depth: nat }),
  ];
  if (shape.required?.length) arbitraries.push(fc.record({ kind: fc.constant('missing-required' as const), pick: nat }));
  if (shape.dates?.length) {
    const date = fc.record({ kind: fc.constant('invalid-date' as const), pick: nat, value: nat });
    arbitraries.push(date, date);
  }
  if (shape.numbers?.length) arbitraries.push(fc.record({ kind: fc.constant('bad-number' as const), pick: nat, value: nat }));
  return fc.array(fc.oneof(...arbitraries), { minLength: 1, maxLength: 3 }).map((mutations) => {
    const query: Query = Object.entries(base);
    const applied = mutations.map((mutation) => applyQueryMutation(query, mutation, shape, Object.keys(base)));
    return { query: query.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&'), applied };
  });
}

function applyQueryMutation(query: Query, mutation: QueryMutation, shape: InputShape, known: string[]): string {
  const set = (key: string, value: string) => {
    const index = query.findIndex(([name]) => name === key);
    if (index >= 0) query[index] = [key, value];
    else query.push([key, value]);
  };
  const keys = () => [...new Set(query.map(([key]) => key))];
  switch (mutation.kind) {
    case 'unknown-param': {
      const key = pickFrom(UNKNOWN_KEYS, mutation.key) || 'empty';
      query.push([known.includes(key) ? `${key}_zz` : key, pickFrom(['1', 'true', 'x', "' OR 1=1--"], mutation.value)]);
      return `unknown parameter ${key}`;
    }
    case 'repeated-param': {
      const present = keys();
      if (present.length === 0) return applyQueryMutation(query, { kind: 'unknown-param', key: 0, value: 0 }, shape, known);
      const key = pickFrom(present, mutation.pick);
      const value = query.find(([name]) => name === key)![1];
      query.push([key, value], [key, value]);
      return `repeated parameter ${key}`;
    }
    case 'missing-required': {
      const key = pickFrom(shape.required!, mutation.pick);
      for (let index = query.length - 1; index >= 0; index -= 1) if (query[index][0] === key) query.splice(index, 1);
      return `missing ${key}`;
    }
    case 'huge-value': {
      const present = keys();
      const key = present.length ? pickFrom(present, mutation.pick) : 'zz_huge';
      set(key, pickFrom(['x'.repeat(20_000), '\u202e'.repeat(2_000), 'é'.repeat(5_000)], mutation.size));
      return `huge value for ${key}`;
    }
    case 'prototype-param': {
      const key = pickFrom(
        ['__proto__', 'constructor', 'prototype', '__proto__[isAdmin]', 'constructor[prototype][isAdmin]'],
        mutation.key,
      );
      query.push([key, 'true']);
      return `prototype parameter ${key}`;
    }
    case 'nested-param': {
      const present = keys();
      const key = present.length ? pickFrom(present, mutation.pick) : 'q';
      const depth = pickFrom([2, 50, 500], mutation.depth);
      query.push([`${key}${'[a]'.repeat(depth)}`, 'x']);
      return `nested parameter ${key}[a]×${depth}`;
    }
    case 'invalid-date': {
      const key = pickFrom(shape.dates!, mutation.pick);
      const value = pickFrom(INVALID_DATES, mutation.value);
      set(key, value);
      return `invalid date ${key}=${JSON.stringify(value)}`;
    }
    case 'bad-number': {
      const key = pickFrom(shape.numbers!, mutation.pick);
      const value = pickFrom(BAD_QUERY_NUMBERS, mutation.value);
      set(key, value);
      return `bad number ${key}=${JSON.stringify(value)}`;
    }
  }
}
