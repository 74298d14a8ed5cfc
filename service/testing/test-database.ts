import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { Dialect } from '../db/dialect.js';

/**
 * The dialect the service tests run on: SQLite, or PostgreSQL when TEST_DIALECT=postgres (`npm test`
 * runs the service suites both ways, against a throwaway server it starts: scripts/postgres.mjs).
 */
export function testDialect(): Dialect {
  return process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

function serverUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error('TEST_DIALECT=postgres needs TEST_POSTGRES_URL: run `npm test`, or start a server with `node scripts/postgres.mjs` and export the URL it prints.');
  return url;
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  /** The DATABASE_URL of the new, empty database. */
  readonly url: string;
  /** Removes it (PostgreSQL); a SQLite file goes with its folder. */
  drop(): Promise<void>;
}

/**
 * A new, empty database for one test app, so test files stay independent and can run in parallel: a
 * SQLite file in `dir`, or a database of its own on the test PostgreSQL server (`serverUrl` to use
 * another server, such as a test's own throwaway one).
 */
export async function createTestDatabase(dir: string, options: { dialect?: Dialect; serverUrl?: string } = {}): Promise<TestDatabase> {
  if ((options.dialect ?? testDialect()) === 'sqlite') return { url: join(dir, 'test.db'), drop: async () => undefined };
  const server = options.serverUrl ?? serverUrl();
  const name = `consent_test_${randomBytes(6).toString('hex')}`;
  await onServer(server, (client) => client.query(`create database ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a pool a failed test left open must not keep the database.
    drop: () => onServer(server, (client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
