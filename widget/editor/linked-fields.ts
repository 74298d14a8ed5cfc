import { getAt, jsonEqual, setAt, type FieldPath } from './config-paths.js';

/**
 * Fields that follow another until the designer sets them apart: the buttons take the brand colours
 * (as in the reference editor, where the primary colour is the buttons' colour), and keep their own
 * value once it differs.
 */
export const LINKED_FIELDS: Readonly<Record<FieldPath, readonly FieldPath[]>> = {
  'appearance.colors.primary': ['appearance.buttons.primary.background'],
  'appearance.colors.secondary': ['appearance.buttons.secondary.text'],
};

/** `form` with `value` at `path`, and at each linked field that still equals the old value. */
export function setLinked<T>(form: T, path: FieldPath, value: unknown): T {
  const before = getAt(form, path);
  let next = setAt(form, path, value);
  for (const follower of LINKED_FIELDS[path] ?? []) {
    const current = getAt(form, follower);
    const same = typeof current === 'string' && typeof before === 'string' ? current.toUpperCase() === before.toUpperCase() : jsonEqual(current, before);
    if (same) next = setAt(next, follower, value);
  }
  return next;
}
