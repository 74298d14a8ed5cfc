import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { fromDatabase } from './database-errors.js';
import { registerPoolStats } from './pool-stats.js';
import type { Database } from './schema.js';

export interface PostgresOptions {
  /** Connections the pool keeps at most (DATABASE_POOL_SIZE). */
  readonly poolSize?: number;
  /** Called when an idle or busy connection fails (the server went away); the pool replaces it. */
  readonly onConnectionError?: (error: Error) => void;
  /** How long a statement waits for another's lock before failing as busy; SQLite's busy_timeout is 5 s. */
  readonly lockTimeoutMs?: number;
}

const INT8 = 20;

/**
 * Counts (`count(*)`, `row_number()`) are int8, which pg hands over as strings lest they lose precision;
 * ours stay far below 2^53, and SQLite gives numbers. Set on this pool only, not pg's global table.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

/**
 * A pool on a PostgreSQL server. Connections are made on demand: a server that is down when a request
 * comes fails that request (503, service/errors/on-error.ts) and the next one connects afresh.
 */
export function openPostgres(databaseUrl: string, options: PostgresOptions = {}): Kysely<Database> {
  const onConnectionError = options.onConnectionError ?? (() => undefined);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    types,
    // Without it a request waits forever for a server that does not answer (a dropped route, not a refusal).
    connectionTimeoutMillis: 5000,
    // Like SQLite's busy_timeout: a write that waits this long for another's lock fails (503, busy).
    options: `-c lock_timeout=${options.lockTimeoutMs ?? 5000}`,
  });
  // An idle connection the server drops is reported here; without a listener the process would exit.
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => {
    // pg removes the pool's listener while a connection is lent out: one that fails mid-query then needs
    // its own, or the error event would end the process. The query itself fails with the error too.
    client.on('error', onConnectionError);
    // Errors are marked as the database's, so a lost connection is told apart from other network errors.
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const result = query(...args);
      return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(fromDatabase(error))) : result;
    }) as typeof client.query;
  });
  const connect = () => pool.connect().catch((error: unknown) => Promise.reject(fromDatabase(error)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: { connect, end: () => pool.end() } }) });
  registerPoolStats(db, () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }));
  return db;
}

/** The server's address for messages: host and port, never the user or password. */
export function postgresAddress(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const database = decodeURIComponent(url.pathname.slice(1));
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${database ? `/${database}` : ''}`;
  } catch {
    return 'an unparseable DATABASE_URL';
  }
}
