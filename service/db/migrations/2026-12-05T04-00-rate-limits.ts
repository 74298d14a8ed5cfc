import type { Kysely } from 'kysely';
import { integerType } from '../dialect.js';

/**
 * Fixed-window request counters (service/rate-limits/): one row per key and window, incremented by an
 * upsert so concurrent instances count into the same row. The window is part of the key, so instances
 * whose clocks differ a little count into neighbouring rows instead of resetting each other's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'text', (col) => col.notNull())
    .addColumn('window_start', 'text', (col) => col.notNull())
    .addColumn('hits', integerType(db), (col) => col.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'window_start'])
    .execute();
  // Old windows are deleted by age.
  await db.schema.createIndex('rate_limits_window_start').on('rate_limits').column('window_start').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
