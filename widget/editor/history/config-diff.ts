import type { FieldPath } from '../config-paths.js';

export interface FieldChange {
  readonly path: FieldPath;
  /** undefined when the field does not exist on that side (an added or removed purpose). */
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/** A list of plain values (the selected institutions) is one field on its tab: one row, not one per item. */
const isPlainList = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > 0 && value.every((v) => v === null || typeof v !== 'object');

function flatten(value: unknown, prefix: string, out: Map<string, string>) {
  if (isPlainList(value)) return void out.set(prefix, value.join(', '));
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    // An empty root (nothing published yet) is no field: every field then shows as new.
    if (entries.length === 0 && prefix) out.set(prefix, Array.isArray(value) ? '[]' : '{}');
    for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
}

/** Field-by-field changes from `before` to `after` (what a publish would change on the live config). */
export function configDiff(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(before, '', a);
  flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.filter((path) => a.get(path) !== b.get(path)).map((path) => ({ path, before: a.get(path), after: b.get(path) }));
}
