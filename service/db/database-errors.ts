/**
 * The database conditions a client should simply retry, named once for both databases (SQLite's result
 * codes as better-sqlite3 reports them, PostgreSQL's SQLSTATEs): the rest of the service asks this
 * module, never a dialect's codes.
 *
 * - `busy`: another writer held the lock past the wait (SQLite's busy_timeout; PostgreSQL's
 *   lock_timeout, a deadlock or a serialization failure).
 * - `full`: the disk, or the database's own size limit, is full.
 * - `unavailable`: the database server cannot be reached, or is shutting down or starting up
 *   (PostgreSQL only: SQLite is a file in the process). The pool connects afresh for the next query.
 */
export type DatabaseCondition = 'busy' | 'full' | 'unavailable';

const POSTGRES: Record<string, DatabaseCondition> = {
  '53100': 'full', // disk_full
  '40001': 'busy', // serialization_failure
  '40P01': 'busy', // deadlock_detected
  '55P03': 'busy', // lock_not_available
  '57P01': 'unavailable', // admin_shutdown: the server is stopping and cut this connection
  '57P02': 'unavailable', // crash_shutdown
  '57P03': 'unavailable', // cannot_connect_now: starting up or shutting down
  '53300': 'unavailable', // too_many_connections
};

/**
 * Set on every error the PostgreSQL pool or one of its connections gave (service/db/postgres.ts): a
 * refused connection or a dropped socket means the database only when the database's driver saw it,
 * not when a call to a data holder or a webhook endpoint did.
 */
export const FROM_DATABASE: unique symbol = Symbol('from the database driver');

/** Marks `error` as the database driver's (see FROM_DATABASE) and returns it. */
export function fromDatabase<E>(error: E): E {
  if (error instanceof Error) Object.defineProperty(error, FROM_DATABASE, { value: true });
  return error;
}

/** The network's words for a server that is not there (Node's socket errors, as pg passes them on). */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * pg's own errors for a connection that ended or never came carry no code, only these messages (pg 8:
 * client.js and pg-pool); Kysely adds the one for a connection it gave up on after a failed rollback.
 */
const LOST_CONNECTION = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Postgres connection has been discarded)/;

function conditionOfCode(code: unknown, driver: boolean): DatabaseCondition | undefined {
  if (typeof code !== 'string') return undefined;
  if (driver && NETWORK.has(code)) return 'unavailable';
  if (/^08[0-9A-Z]{3}$/.test(code)) return 'unavailable'; // SQLSTATE class 08: connection_exception
  // Extended SQLite codes keep their primary code as a prefix (SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE).
  if (code === 'SQLITE_FULL') return 'full';
  if (/^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)) return 'busy';
  return POSTGRES[code];
}

/** The retryable condition `error` (or an error it wraps, through `cause`) reports, if any. */
export function databaseCondition(error: unknown): DatabaseCondition | undefined {
  let current = error;
  let driver = false;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    driver ||= FROM_DATABASE in current;
    const found = conditionOfCode((current as { code?: unknown }).code, driver);
    if (found) return found;
    if (driver && LOST_CONNECTION.test(current.message)) return 'unavailable';
    current = current.cause;
  }
  return undefined;
}
