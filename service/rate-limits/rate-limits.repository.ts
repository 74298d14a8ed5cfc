import type { Db } from '../db/database.js';

/**
 * Counts one request into `bucket`'s window and returns the window's count so far, atomically: one
 * upsert, so requests racing on any number of instances each see a distinct count (SQLite's write
 * lock, PostgreSQL's row lock on the conflicting row).
 */
export async function countHit(db: Db, bucket: string, windowStart: string): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limits.hits', '+', 1) })))
    .returning('hits')
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}

/** Deletes windows that started before `before`: they can no longer limit anything. */
export async function pruneWindows(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('window_start', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
