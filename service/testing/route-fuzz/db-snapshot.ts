import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** Every table's rows, serialised table by table: two snapshots are equal when no row changed. */
export type DbSnapshot = ReadonlyMap<string, string>;

/** Reads every table of the database (a test database: small, and SQLite reads it in well under a millisecond a table). */
export async function snapshotDb(db: Db): Promise<DbSnapshot> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  const snapshot = new Map<string, string>();
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    snapshot.set(name, JSON.stringify(rows.rows));
  }
  return snapshot;
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name));
}
