import SQLite from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { databasePath } from './database.js';

export interface BackupResult {
  readonly pages: number;
  readonly bytes: number;
  readonly durationMs: number;
}

/**
 * Copies a live SQLite database to `destination` with SQLite's online backup API, consistent while the
 * service goes on writing: every page is copied in one step, inside one read transaction, so the copy is
 * the database as of one instant (WAL lets writers carry on meanwhile). A copy made in small steps would
 * start over at each write from another connection, and might never finish on a busy service. Written
 * beside the destination and renamed into place, so a reader never finds half a backup; checked with
 * `integrity_check` before the rename.
 */
export async function backupSqlite(source: string, destination: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new Error(`No database at ${source}.`);
  const started = performance.now();
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    // The first step reports the size; the second copies everything.
    const result = await db.backup(partial, { progress: () => 0x7fffffff });
    pages = result.totalPages;
  } finally {
    db.close();
  }
  const copy = new SQLite(partial, { fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`The copy failed its integrity check: ${String(check)}`);
    // One self-contained file: what the backup holds is in it, not in a WAL beside it.
    copy.pragma('journal_mode = DELETE');
  } catch (error) {
    copy.close();
    rmSync(partial, { force: true });
    throw error;
  }
  copy.close();
  renameSync(partial, destination);
  return { pages, bytes: statSync(destination).size, durationMs: Math.round(performance.now() - started) };
}

/** The source and destination of `npm run db:backup -- DEST`, or why there is none. */
export function backupPaths(destination: string | undefined, databaseUrl: string): { source: string; destination: string } {
  if (!destination || destination.startsWith('-')) throw new Error('Usage: npm run db:backup -- DEST  (a file path; DATABASE_URL names the database)');
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) throw new Error('DATABASE_URL is a PostgreSQL database: back it up with pg_dump (docs/deploy.md).');
  const source = resolve(databasePath(databaseUrl));
  const target = resolve(destination);
  if (source === target) throw new Error('The backup must go to another file than the database itself.');
  return { source, destination: target };
}
