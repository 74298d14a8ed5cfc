import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * Where SQLite and PostgreSQL differ, named in one place (docs/decisions/postgresql.md). Repositories
 * and migrations ask this module instead of testing the dialect themselves; everything else is plain
 * Kysely that runs on both.
 *
 * Alike by construction, so nothing here needs a branch: timestamps are ISO-8601 text and JSON is text
 * on both (comparisons and ordering agree), flags are 0/1 integers, ids are text, new rows come back
 * through `.returning()` (never `insertId`), affected-row counts are bigints from Kysely on both, and
 * upserts use `onConflict` (the same `INSERT … ON CONFLICT` on both). No query uses `LIKE` on user
 * input (it ignores case on SQLite only).
 */
export type Dialect = 'sqlite' | 'postgres';

/** `postgres://` or `postgresql://` selects PostgreSQL; a path, `file:` or `sqlite:` keeps SQLite. */
export function dialectOfUrl(databaseUrl: string): Dialect {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? 'postgres' : 'sqlite';
}

/** The dialect a database (or a transaction on it) speaks. */
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The column type for raw bytes: SQLite's `blob`, PostgreSQL's `bytea`. */
export function bytesType(db: Kysely<any>): 'blob' | 'bytea' {
  return dialectOf(db) === 'postgres' ? 'bytea' : 'blob';
}

/**
 * Insertion order of `consent_events` (events of one instant keep the order they were recorded in):
 * SQLite's implicit `rowid`; on PostgreSQL, which has none, the identity column `seq` its migration adds.
 */
export function eventInsertionOrder(db: Kysely<any>): RawBuilder<unknown> {
  return dialectOf(db) === 'postgres' ? sql.ref('seq') : sql`rowid`;
}

/**
 * Holds a row until the transaction ends, before reading it and writing from what was read. SQLite
 * needs nothing: the service's transactions there take turns on one connection, and another process
 * waits for the write lock. PostgreSQL's transactions run side by side on a pool at READ COMMITTED,
 * so a read-then-write takes the row first (`SELECT … FOR UPDATE`), which SQLite cannot even parse.
 */
export async function lockRow(trx: Kysely<any>, table: string, column: string, value: string): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  await sql`select 1 from ${sql.table(table)} where ${sql.ref(column)} = ${value} for update`.execute(trx);
}

/** The service's tables, for tests that compare whole databases (neither `sqlite_master` nor `pg_tables`). */
export async function tableNames(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((t) => t.name).sort();
}

/** A write refused for repeating a unique key: SQLite's SQLITE_CONSTRAINT_UNIQUE, PostgreSQL's 23505. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/**
 * The column type for whole numbers: SQLite's `integer` holds 64 bits, so PostgreSQL's equal is
 * `bigint` (its `integer` would refuse a version number a client sends past 2^31 with an error, not a 404).
 * pg hands bigints over as numbers on this service's pool (service/db/postgres.ts).
 */
export function integerType(db: Kysely<any>): 'integer' | 'bigint' {
  return dialectOf(db) === 'postgres' ? 'bigint' : 'integer';
}

/**
 * A write or lookup refused for its text: PostgreSQL's text cannot hold U+0000 (SQLSTATE 22021, or 22P05
 * when it cannot be converted), where SQLite stores it. A client sent it, so it is the client's error.
 */
export function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '22021' || code === '22P05';
}
