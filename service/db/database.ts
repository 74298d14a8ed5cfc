import { Kysely, Migrator } from 'kysely';
import { fileURLToPath } from 'node:url';
import { databaseCondition } from './database-errors.js';
import { dialectOfUrl } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import { openPostgres, postgresAddress } from './postgres.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite.js';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** PostgreSQL only: connections the pool keeps at most. */
  readonly poolSize?: number;
  /** PostgreSQL only: told of each connection the server dropped (the pool makes a new one when needed). */
  readonly onConnectionError?: (error: Error) => void;
  /** PostgreSQL only: how long a write waits for another's lock (SQLite waits 5 s, its busy_timeout). */
  readonly lockTimeoutMs?: number;
}

/**
 * The SQLite file a DATABASE_URL names: a plain path, or a `file:` or `sqlite:` URL (docs/contract.md
 * §4: DATABASE_URL).
 */
export function databasePath(databaseUrl: string): string {
  if (databaseUrl.startsWith('file://')) return fileURLToPath(databaseUrl);
  if (databaseUrl.startsWith('file:')) return databaseUrl.slice('file:'.length);
  if (databaseUrl.startsWith('sqlite://')) return databaseUrl.slice('sqlite://'.length);
  if (databaseUrl.startsWith('sqlite:')) return databaseUrl.slice('sqlite:'.length);
  return databaseUrl;
}

/** Where the data is, for people: the SQLite file, or PostgreSQL's host, port and database (no credentials). */
export function describeDatabase(databaseUrl: string): string {
  return dialectOfUrl(databaseUrl) === 'postgres' ? `PostgreSQL at ${postgresAddress(databaseUrl)}` : `SQLite ${databasePath(databaseUrl)}`;
}

const logLostConnection = (error: Error) => console.error(JSON.stringify({ level: 'warn', msg: 'database connection lost', error: error.message }));

/**
 * Opens the database DATABASE_URL names: PostgreSQL for a `postgres://` or `postgresql://` URL (a pool),
 * otherwise the SQLite file (docs/deploy.md).
 */
export function openDatabase(databaseUrl: string, options: DatabaseOptions = {}): Db {
  if (dialectOfUrl(databaseUrl) === 'postgres') {
    return openPostgres(databaseUrl, { onConnectionError: logLostConnection, ...options });
  }
  return openSqlite(databasePath(databaseUrl));
}

/**
 * Why a database could not be opened, in one line for a start-up failure: where it is and what the
 * network said. Undefined for any other error (a failing migration keeps its own message).
 */
export function unreachableMessage(databaseUrl: string, error: unknown): string | undefined {
  if (databaseCondition(error) !== 'unavailable') return undefined;
  let cause = error;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  // Node reports a refused connection to every address of a name as an AggregateError with no message.
  const reason = cause instanceof Error ? cause.message || String((cause as { code?: unknown }).code ?? cause.name) : String(cause);
  return `Cannot reach the database: ${describeDatabase(databaseUrl)} (${reason})`;
}

/** Brings the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
}
