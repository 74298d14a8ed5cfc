import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { tableNames } from '../../db/dialect.js';

/** Every table's rows, serialised table by table: two snapshots are equal when no row changed. */
export type DbSnapshot = ReadonlyMap<string, string>;

/** Reads every table of the database (a test database: small, and SQLite reads it in well under a millisecond a table). */
export async function snapshotDb(db: Db): Promise<DbSnapshot> {
  const snapshot = new Map<string, string>();
  for (const name of await tableNames(db)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    // Sorted: PostgreSQL returns rows in no set order.
    snapshot.set(name, JSON.stringify(rows.rows.map((row) => JSON.stringify(row)).sort()));
  }
  return snapshot;
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name));
}
