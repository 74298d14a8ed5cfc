import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type AppOptions } from '../app.js';
import { fixedClock } from '../clock.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { silentLogger } from '../logging/logger.js';
import { seedDemoApp } from '../seed/demo-app.js';
import { seedInstitutions } from '../seed/institutions.js';

export const BUNDLE_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

/**
 * A fresh service for one test file: a real, migrated SQLite file (WAL) in its own temp folder, the
 * demo app seeded, a settable clock. Call `close()` in afterAll.
 */
export async function createTestApp(options: Partial<AppOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'consent-ui-test-'));
  const db = openDatabase(join(dir, 'test.db'));
  await migrateToLatest(db);
  const clock = fixedClock('2026-11-25T00:00:00.000Z');
  await seedDemoApp(db, clock);
  await seedInstitutions(db, clock);
  // Request logs would drown test output; tests of logging pass their own logger.
  const service = createApp({ db, clock, bundleDir: BUNDLE_DIR, log: silentLogger, ...options });
  return {
    ...service,
    db,
    clock,
    dir,
    async close() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
