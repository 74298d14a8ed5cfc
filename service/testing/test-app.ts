import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type AppOptions } from '../app.js';
import { fixedClock } from '../clock.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { listen } from '../http/node-server.js';
import { syncInstitutionsFromRegister } from '../institutions/register-sync.js';
import { silentLogger } from '../logging/logger.js';
import { createRecipient } from '../recipient/recipient.js';
import { seedDemoApp } from '../seed/demo-app.js';
import { borrowDataHolder } from './test-data-holder.js';

export const BUNDLE_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

/**
 * A fresh service for one test file: a real, migrated SQLite file (WAL) in its own temp folder, the
 * demo app seeded, a settable clock, listening on a loopback port, and connected as a data recipient to
 * a real sandbox data holder (its institutions read from that holder's Register). Call `close()` in afterAll.
 */
export async function createTestApp(options: Partial<AppOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'consent-ui-test-'));
  const db = openDatabase(join(dir, 'test.db'));
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
