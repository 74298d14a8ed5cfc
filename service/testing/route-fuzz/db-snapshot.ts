import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { tableNames } from '../../db/dialect.js';

/** Every table's rows, serialised table by table: two snapshots are equal when no row changed. */
export type DbSnapshot = ReadonlyMap<string, string>;

/** Reads every table of the database (a test database: small, and SQLite reads it in well under a millisecond a table). */
export async function snapshotDb(db: Db): Promise<DbSnapshot> {
  const names = await tableNames(db);
  // All at once: PostgreSQL's pool reads them side by side (a round trip each), SQLite's one connection in turn.
  const tables = await Promise.all(names.map((name) => sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)));
  // Rows sorted: PostgreSQL returns them in no set order.
  return new Map(names.map((name, i) => [name, JSON.stringify(tables[i]!.rows.map((row) => JSON.stringify(row)).sort())]));
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name));
}
