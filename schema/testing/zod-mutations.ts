// Test helper: breaks one place of a value a zod schema accepts, and says where zod must name the problem.
import fc from 'fast-check';
import type { ZodType } from 'zod';
import { constraintsOf, defOf, mayOmit, unwrap, type Mutation, type WalkOptions } from './zod-arbitrary.js';

/** One place in a value: its path, the schema node there (unwrapped), and what the value holds there now. */
export interface Site {
  readonly path: readonly (string | number)[];
  /** The path with array indices as `*`, as `WalkOptions.special` is keyed. */
  readonly pattern: string;
  readonly node: ZodType;
  readonly value: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every place of `value` the schema describes, including keys left out for their defaults. */
export function sitesOf(schema: ZodType, value: unknown, path: readonly (string | number)[] = [], pattern = ''): Site[] {
  const node = unwrap(schema);
  const def = defOf(node);
  const sites: Site[] = [{ path, pattern, node, value }];
  const at = (key: string) => (pattern ? `${pattern}.${key}` : key);
  if (def.type === 'object') {
    for (const [key, child] of Object.entries(def.shape!)) sites.push(...sitesOf(child, isObject(value) ? value[key] : undefined, [...path, key], at(key)));
  } else if (def.type === 'array' && Array.isArray(value)) {
    value.forEach((item, index) => sites.push(...sitesOf(def.element!, item, [...path, index], at('*'))));
  }
  return sites;
}

/** `root` with the value at `path` replaced (parents left out for their defaults are created). */
export function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : isObject(root) ? { ...root } : {}) as Record<string | number, unknown>;
  copy[key!] = setAt(copy[key!], rest, value);
  return copy;
}

/** `object` with one more own enumerable key, even `__proto__` (as JSON.parse would make it). */
function withKey(object: unknown, key: string, value: unknown): Record<string, unknown> {
  const copy = isObject(object) ? { ...object } : {};
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const JSON_KINDS: [string, unknown][] = [['number', 7], ['fraction', 1.5], ['boolean', true], ['string', 'x'], ['null', null], ['array', []], ['object', {}]];

/** Whether a value of this JSON kind gets past the node's type check (its content may still fail). */
function typeFits(node: ZodType, value: unknown): boolean {
  const def = defOf(unwrap(node));
  switch (def.type) {
    case 'string':
    case 'enum':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
    case 'record':
      return isObject(value);
    case 'union':
      return def.options!.some((option) => typeFits(option, value));
    default:
      return true;
  }
}

const UNKNOWN_KEYS = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', '', ' ', 'extra'), fc.string({ minLength: 1, maxLength: 12 }));
// zod counts code points, not UTF-16 units: an astral character counts once.
const long = (length: number) => fc.constantFrom('x', 'é', '字', '😀').map((ch) => ch.repeat(length));

/** Ways to break the value at `site`: wrong types, out of range, bad patterns, unknown or missing keys, and the node's own. */
export function mutationsOf(site: Site, options: WalkOptions = {}): fc.Arbitrary<Mutation> {
  const { node, value } = site;
  const def = defOf(node);
  const c = constraintsOf(node);
  const here = (label: string) => (arb: fc.Arbitrary<unknown>) => arb.map((v): Mutation => ({ value: v, at: [], label }));
  const found: fc.Arbitrary<Mutation>[] = [];
  const wrong = JSON_KINDS.filter(([, v]) => !typeFits(node, v));
  if (wrong.length) found.push(fc.constantFrom(...wrong).map(([kind, v]): Mutation => ({ value: structuredClone(v), at: [], label: `wrong type (${kind})` })));
  switch (def.type) {
    case 'string':
      if (c.max !== undefined) found.push(here('too long')(fc.integer({ min: c.max + 1, max: c.max + 50 }).chain(long)));
      if ((c.min ?? 0) >= 1) found.push(here('too short')(fc.constantFrom('', ...(c.trim ? [' ', ' \t\n'] : []))));
      if (c.pattern) {
        const fits = (s: string) => c.pattern!.test(c.trim ? s.trim() : s);
        found.push(here('pattern')(fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 20 })).filter((s) => !fits(s))));
      }
      break;
    case 'number': {
      if (c.min !== undefined) found.push(here('below minimum')(fc.oneof(fc.integer({ min: c.min - 1000, max: c.min - 1 }), fc.constant(-1e21))));
      if (c.max !== undefined) found.push(here('above maximum')(fc.oneof(fc.integer({ min: c.max + 1, max: c.max + 1000 }), fc.constant(1e21))));
      const lo = c.min ?? -100;
      if (c.integer) found.push(here('not whole')(fc.integer({ min: lo, max: Math.max(lo, (c.max ?? lo + 100) - 1) }).map((n) => n + 0.5)));
      break;
    }
    case 'enum': {
      const allowed = new Set<unknown>(Object.values(def.entries!));
      found.push(here('not an option')(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...[...allowed].map((v) => ` ${String(v)}`), ...[...allowed].map((v) => String(v).toUpperCase()))).filter((s) => !allowed.has(s))));
      break;
    }
    case 'object': {
      const shape = def.shape!;
      found.push(
        fc.tuple(UNKNOWN_KEYS.filter((key) => !Object.hasOwn(shape, key)), fc.jsonValue({ maxDepth: 2 })).map(([key, v]): Mutation => ({ value: withKey(value, key, v), at: [], label: `unknown key ${JSON.stringify(key)}` })),
      );
      const required = Object.keys(shape).filter((key) => !mayOmit(shape[key]!));
      if (isObject(value) && required.length) {
        found.push(fc.constantFrom(...required).map((key): Mutation => {
          const { [key]: _gone, ...rest } = value;
          return { value: rest, at: [key], label: `missing ${key}` };
        }));
      }
      break;
    }
    case 'array':
      if ((c.min ?? 0) >= 1) found.push(here('too few items')(fc.constant([])));
      if (c.max !== undefined && Array.isArray(value) && value.length > 0) {
        found.push(here('too many items')(fc.constant(Array.from({ length: c.max + 1 }, (_, i) => structuredClone(value[i % value.length])))));
      }
      break;
  }
  const special = options.special?.(site.pattern, node);
  if (special?.invalid) found.push(special.invalid(value, node));
  if (found.length === 0) throw new Error(`${site.pattern || '(root)'}: no way to break a "${def.type}"`);
  return fc.oneof(...found);
}

/** A value `schema` rejects, made by breaking one place of a valid one, with the path zod must name. */
export function brokenArbitrary(schema: ZodType, valid: fc.Arbitrary<unknown>, options: WalkOptions = {}) {
  return valid.chain((input) => {
    const sites = sitesOf(schema, input);
    return fc.constantFrom(...sites).chain((site) =>
      mutationsOf(site, options).map((mutation) => ({
        input: setAt(input, site.path, mutation.value),
        path: [...site.path, ...mutation.at].join('.'),
        label: `${site.pattern || '(root)'}: ${mutation.label}`,
      })),
    );
  });
}
