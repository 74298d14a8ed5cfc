// Test helper (never exported from schema/index.ts): fast-check arbitraries read off a zod schema, so
// property tests follow the schema as it changes instead of a hand-kept copy of its rules.
import fc from 'fast-check';
import type { ZodType } from 'zod';

/** The parts of a zod v4 node's definition the walker reads. */
export interface ZodDef {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly shape?: Readonly<Record<string, ZodType>>;
  readonly innerType?: ZodType;
  readonly element?: ZodType;
  readonly options?: readonly ZodType[];
  readonly keyType?: ZodType;
  readonly valueType?: ZodType;
  readonly entries?: Readonly<Record<string, string | number>>;
}

interface CheckDef {
  readonly check: string;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly tx?: (value: unknown) => unknown;
}

/** What a node's checks allow: lengths or values, a pattern, trimming, whole numbers, and whether a refinement is left. */
export interface Constraints {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
  readonly trim: boolean;
  readonly integer: boolean;
  /** A `.refine`/`.superRefine` the walker cannot invert: a {@link Special} must say what passes it. */
  readonly refined: boolean;
}

export const defOf = (schema: ZodType): ZodDef => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

const WRAPPERS = new Set(['default', 'prefault', 'optional']);

/** Whether an object may leave this key out (a default, a prefault or `.optional()`). */
export const mayOmit = (schema: ZodType) => WRAPPERS.has(defOf(schema).type);

/** The node inside `.default()`, `.prefault()` and `.optional()`. */
export function unwrap(schema: ZodType): ZodType {
  let node = schema;
  while (WRAPPERS.has(defOf(node).type)) node = defOf(node).innerType!;
  return node;
}

export function constraintsOf(schema: ZodType): Constraints {
  let min: number | undefined;
  let max: number | undefined;
  let pattern: RegExp | undefined;
  let trim = false;
  let integer = false;
  let refined = false;
  for (const check of defOf(schema).checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length') min = c.minimum;
    else if (c.check === 'max_length') max = c.maximum;
    else if (c.check === 'greater_than') min = c.inclusive ? c.value : c.value! + 1;
    else if (c.check === 'less_than') max = c.inclusive ? c.value : c.value! - 1;
    else if (c.check === 'number_format') integer = /int/.test(c.format ?? '');
    else if (c.check === 'string_format' && c.pattern) pattern = c.pattern;
    else if (c.check === 'overwrite') trim = c.tx?.(' a ') === 'a';
    else if (c.check === 'custom') refined = true;
  }
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }), ...(pattern ? { pattern } : {}), trim, integer, refined };
}

/** A value that breaks a node, and where zod names the problem, relative to the node. */
export interface Mutation {
  readonly value: unknown;
  readonly at: readonly (string | number)[];
  readonly label: string;
}

/** What the walker cannot read off a node: the values a refinement accepts, and more ways to break it. */
export interface Special {
  /** `node` comes unwrapped of `.default()` and the like. */
  valid?(context: { readonly node: ZodType; readonly base: () => fc.Arbitrary<unknown>; readonly walk: (node: ZodType, path: string) => fc.Arbitrary<unknown> }): fc.Arbitrary<unknown>;
  invalid?(current: unknown, node: ZodType): fc.Arbitrary<Mutation>;
}

export interface WalkOptions {
  /** The special handling of the node at `path` (dotted, `*` for any array index), if any. */
  readonly special?: (path: string, node: ZodType) => Special | undefined;
  /** Free text between `min` and `max` characters (before trimming). */
  readonly text?: (min: number, max: number) => fc.Arbitrary<string>;
  /** A cap on generated array lengths, far below limits like 500 ids. */
  readonly maxItems?: number;
}

const PADDING = fc.constantFrom('', '', '', ' ', '\t', '\n  ');

/** Values `schema` accepts, as a partner may write them: defaulted keys sometimes left out. */
export function zodArbitrary(schema: ZodType, options: WalkOptions = {}, path = ''): fc.Arbitrary<unknown> {
  const special = options.special?.(path, schema);
  const walk = (node: ZodType, at: string) => zodArbitrary(node, options, at);
  if (special?.valid) return special.valid({ node: unwrap(schema), base: () => plain(schema, options, path), walk });
  if (!WRAPPERS.has(defOf(schema).type) && constraintsOf(schema).refined) {
    throw new Error(`${path || '(root)'}: the walker cannot tell what passes this refinement; give it a Special`);
  }
  return plain(schema, options, path);
}

function plain(schema: ZodType, options: WalkOptions, path: string): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const c = constraintsOf(schema);
  const child = (node: ZodType, key: string) => zodArbitrary(node, options, path ? `${path}.${key}` : key);
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
      return zodArbitrary(def.innerType!, options, path);
    case 'object': {
      const shape = def.shape!;
      const model = Object.fromEntries(Object.entries(shape).map(([key, node]) => [key, child(node, key)]));
      return fc.record(model, { requiredKeys: Object.keys(shape).filter((key) => !mayOmit(shape[key]!)) });
    }
    case 'array': {
      const minLength = c.min ?? 0;
      return fc.array(child(def.element!, '*'), { minLength, maxLength: Math.max(minLength, Math.min(c.max ?? Infinity, options.maxItems ?? 6)) });
    }
    case 'union':
      return fc.oneof(...def.options!.map((node) => zodArbitrary(node, options, path)));
    case 'record':
      return fc.dictionary(child(def.keyType!, '{key}') as fc.Arbitrary<string>, child(def.valueType!, '*'), { maxKeys: 3 });
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries!));
    case 'boolean':
      return fc.boolean();
    case 'number':
      return c.integer
        ? fc.integer({ min: c.min ?? Number.MIN_SAFE_INTEGER, max: c.max ?? Number.MAX_SAFE_INTEGER })
        : fc.double({ min: c.min ?? -1e9, max: c.max ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'string': {
      const min = c.min ?? 0;
      const max = c.max ?? 200;
      const core = c.pattern
        ? fc.stringMatching(c.pattern).filter((s) => s.length >= min && s.length <= max)
        : (options.text ?? ((lo, hi) => fc.string({ minLength: lo, maxLength: Math.min(hi, 40) })))(min, max);
      // Surrounding blanks are trimmed before any check: writing them must change nothing.
      return c.trim ? fc.tuple(PADDING, core, PADDING).map(([a, s, b]) => a + s + b) : core;
    }
    default:
      throw new Error(`${path || '(root)'}: no arbitrary for zod type "${def.type}"`);
  }
}
