import type { ExpressionBuilder } from 'kysely';
import { validationFailed } from '../errors/problem.js';

/**
 * Keyset pagination: the cursor is the sort key of the last item returned, base64url-encoded JSON.
 * Opaque to clients; stable while rows are added (no offsets that shift).
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor into `arity` string/number parts, or answers 400 at `query.cursor`. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through to the same answer as a well-formed but wrong cursor
  }
  throw invalidCursor();
}

export const invalidCursor = () => validationFailed([{ path: 'query.cursor', message: 'Invalid cursor: pass back a nextCursor from a previous page' }]);

/** Splits `limit + 1` fetched rows into a page and the cursor for the next one. */
export function toPage<Row, Item>(rows: readonly Row[], limit: number, map: (row: Row) => Item, key: (row: Row) => (string | number)[]) {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { data: pageRows.map(map), nextCursor: more && last !== undefined ? encodeCursor(key(last)) : null };
}

type Order = 'asc' | 'desc';

/**
 * The keyset condition for the rows after a cursor's `[time, id]` key, in a list sorted by the `time`
 * column and then the `id` column, each as `order` says: `query.where(afterCursor(...))`. Column names
 * are the caller's (they are checked by the query's own `orderBy`).
 */
export function afterCursor(cursor: string, time: string, id: string, order: { time: Order; id: Order }) {
  const [at, last] = decodeCursor(cursor, 2);
  const past = (direction: Order) => (direction === 'asc' ? '>' : '<');
  // Any table's builder: the condition names only the two columns given.
  return (eb: ExpressionBuilder<any, any>) => eb.or([eb(time, past(order.time), at), eb.and([eb(time, '=', at), eb(id, past(order.id), last)])]);
}
