import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type AppOptions } from '../app.js';
import { fixedClock } from '../clock.js';
import { migrateToLatest, openDatabase, type DatabaseOptions } from '../db/database.js';
import { listen } from '../http/node-server.js';
import { syncInstitutionsFromRegister } from '../institutions/register-sync.js';
import { silentLogger } from '../logging/logger.js';
import { createRecipient } from '../recipient/recipient.js';
import { seedDemoApp } from '../seed/demo-app.js';
import { borrowDataHolder } from './test-data-holder.js';
import { createTestDatabase } from './test-database.js';

export const BUNDLE_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

export interface TestDatabaseOptions extends DatabaseOptions {
  /** A PostgreSQL server of the test's own (a throwaway one it stops and starts) instead of the shared one. */
  readonly serverUrl?: string;
}

/**
 * A fresh service for one test file: a real, migrated database of its own — a SQLite file (WAL) in its
 * own temp folder, or with TEST_DIALECT=postgres a new database on the test PostgreSQL server — the
 * demo app seeded, a settable clock, listening on a loopback port, and connected as a data recipient to
 * a real sandbox data holder (its institutions read from that holder's Register). Call `close()` in afterAll.
 */
export async function createTestApp({ database: databaseOptions = {}, ...options }: Partial<AppOptions> & { database?: TestDatabaseOptions } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'consent-ui-test-'));
  const { serverUrl, ...opening } = databaseOptions;
  const database = await createTestDatabase(dir, serverUrl ? { dialect: 'postgres', serverUrl } : {});
  const db = openDatabase(database.url, opening);
  await migrateToLatest(db);
  const clock = fixedClock('2026-11-25T00:00:00.000Z');
  await seedDemoApp(db, clock);
  const dataHolder = await borrowDataHolder();
  let url = '';
  // The holder fetches our keys and sends notices to this origin: the loopback listener, even when a test
  // names a public URL (a proxy no test runs).
  const recipient = createRecipient({ db, identity: dataHolder.identity, baseUrl: () => url, log: options.log });
  // Request logs would drown test output; tests of logging pass their own logger.
  const service = createApp({ db, clock, bundleDir: BUNDLE_DIR, log: silentLogger, recipient, ...options });
  const { server, port } = await listen(service, { port: 0, hostname: '127.0.0.1' });
  url = `http://127.0.0.1:${port}`;
  await syncInstitutionsFromRegister({ db, clock, log: silentLogger, recipient });
  let closed = false;
  return {
    ...service,
    db,
    clock,
    dir,
    /** The database's DATABASE_URL, for a second connection (another process's view of it). */
    databaseUrl: database.url,
    /** The service over real HTTP (the data holder calls it there too); no trailing slash. */
    url,
    port,
    dataHolder: dataHolder.holder,
    recipient,
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await recipient.close();
      await dataHolder.release();
      await db.destroy();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
