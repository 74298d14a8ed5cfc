/**
 * What the database connection pool is doing, for /metrics. The seam where the dialects differ: a
 * PostgreSQL pool reports its counts (pg's `totalCount`, `idleCount`, `waitingCount`); SQLite has one
 * connection in this process and no pool to wait for, so only its size is meaningful.
 */
export interface PoolStats {
  readonly total: number;
  readonly idle?: number;
  readonly waiting?: number;
}

export type PoolStatsSource = () => PoolStats;

/** better-sqlite3: one synchronous connection, its queries serialised by Kysely's driver. */
export const sqlitePoolStats: PoolStatsSource = () => ({ total: 1 });

const sources = new WeakMap<object, PoolStatsSource>();

/** Called by the dialect that opened `db` over a pool, so /metrics can read that pool. */
export function registerPoolStats(db: object, source: PoolStatsSource): void {
  sources.set(db, source);
}

/** The pool behind `db`; a database opened without one is SQLite's single connection. */
export function poolStatsOf(db: object): PoolStatsSource {
  return sources.get(db) ?? sqlitePoolStats;
}
