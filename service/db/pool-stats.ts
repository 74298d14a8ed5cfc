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
