/**
 * The database conditions a client should simply retry, named once for both databases (SQLite's result
 * codes as better-sqlite3 reports them, PostgreSQL's SQLSTATEs): the rest of the service asks this
 * module, never a dialect's codes.
 *
 * - `busy`: another writer held the lock past the wait (SQLite's busy_timeout; PostgreSQL's
 *   lock_timeout, a deadlock or a serialization failure).
 * - `full`: the disk, or the database's own size limit, is full.
 */
export type DatabaseCondition = 'busy' | 'full';

const POSTGRES: Record<string, DatabaseCondition> = {
  '53100': 'full', // disk_full
  '40001': 'busy', // serialization_failure
  '40P01': 'busy', // deadlock_detected
  '55P03': 'busy', // lock_not_available
};

function conditionOfCode(code: unknown): DatabaseCondition | undefined {
  if (typeof code !== 'string') return undefined;
  // Extended SQLite codes keep their primary code as a prefix (SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE).
  if (code === 'SQLITE_FULL') return 'full';
  if (/^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)) return 'busy';
  return POSTGRES[code];
}

/** The retryable condition `error` (or an error it wraps, through `cause`) reports, if any. */
export function databaseCondition(error: unknown): DatabaseCondition | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const found = conditionOfCode((current as { code?: unknown }).code);
    if (found) return found;
    current = current.cause;
  }
  return undefined;
}
