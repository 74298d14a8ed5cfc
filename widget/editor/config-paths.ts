import { DEFAULT_CONFIG } from '../../schema/defaults.js';

/** A field's place in the config as the problem+json `errors[].path` spells it: `appearance.colors.primary`. */
export type FieldPath = string;

type Json = unknown;

const segments = (path: FieldPath) => (path === '' ? [] : path.split('.'));

/** The value at `path`, or undefined when any step of the way is missing. */
export function getAt(source: Json, path: FieldPath): Json {
  let node: Json = source;
  for (const key of segments(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, Json>)[key];
  }
  return node;
}

/**
 * A copy of `source` with `value` at `path`, sharing every untouched branch. Copies only the objects
 * along the path, so a keystroke costs a few shallow copies, and Lit sees a new object at each level.
 */
export function setAt<T>(source: T, path: FieldPath, value: Json): T {
  const [head, ...rest] = segments(path);
  if (head === undefined) return value as T;
  const node = (source ?? {}) as Record<string, Json> | Json[];
  const child = setAt((node as Record<string, Json>)[head], rest.join('.'), value);
  if (Array.isArray(node)) {
    const copy = [...node];
    copy[Number(head)] = child;
    return copy as T;
  }
  return { ...node, [head]: child } as T;
}

/** The reference default at `path` (docs/contract.md §1), for "reset to default". */
export function defaultAt(path: FieldPath): Json {
  return getAt(DEFAULT_CONFIG, path);
}

/** Structural equality for JSON values (configs hold nothing else). */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => jsonEqual((a as Record<string, Json>)[key], (b as Record<string, Json>)[key]));
}

/** A deep copy of a JSON value (structuredClone would also copy non-JSON; configs are JSON). */
export const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
