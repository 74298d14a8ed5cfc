import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { findConsent, insertConsent } from '../consents/consents.repository.js';
import type { ConsentTerms } from '../consents/consent-terms.js';
import { seedDemoApp } from '../seed/demo-app.js';
import { testDialect } from '../testing/test-database.js';
import { backupPaths } from './backup.js';
import { migrateToLatest, openDatabase } from './database.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const clock = fixedClock('2026-11-25T00:00:00.000Z');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'backup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = once(child, 'exit').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  return { child, done, stdout: () => stdout };
}

/** Another process writing as fast as it can until SIGTERM, one row per transaction, numbering its rows 1, 2, 3…: a copy of one instant holds 1…n without a gap. */
const WRITER = `
const db = new (require('better-sqlite3'))(process.argv[1]);
db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 5000');
const insert = db.prepare("insert into rate_limits (bucket, window_start, hits) values (?, '2026-11-25T00:00:00.000Z', 1)");
let n = 0; let stop = false;
process.on('SIGTERM', () => (stop = true));
(function write() { for (let i = 0; i < 50; i++) insert.run('probe:' + String(++n).padStart(8, '0')); if (n === 50) console.log('writing'); if (!stop) setImmediate(write); else console.log('wrote ' + n); })();
`;

// SQLite's own tool; PostgreSQL is backed up with pg_dump (docs/deploy.md).
describe.skipIf(testDialect() === 'postgres')('npm run db:backup', () => {
  it('copies the database consistently while another process writes, and the copy opens with the consent in it', async () => {
    const source = join(dir, 'consent.db');
    const db = openDatabase(source);
    await migrateToLatest(db);
    await seedDemoApp(db, clock);
    // The consent's user and institution are not what is tested here.
    await sql`pragma foreign_keys = off`.execute(db);
    const terms = { clusters: ['bank:accounts.basic:read'], purposes: [], durationDays: 90, sharingStart: '2026-11-25T00:00:00.000Z', sharingEnd: '2027-02-23T00:00:00.000Z', retrievalSpanDays: 365, retrievalFrom: '2025-11-25T00:00:00.000Z', retainData: false, onRevocation: 'delete', accountIds: ['acc-1'], configVersion: 1, recipient: { name: 'Demo', accreditationNumber: 'ADRBNK000001', brandName: 'Demo' } } satisfies ConsentTerms;
    await db.transaction().execute((trx) => insertConsent(trx, { id: 'cns_backup0000000001', app_id: 'demo', user_id: 'usr_backup', institution_id: 'inst_x', customer_login: 'jsmith', receipt_id: 'rcpt_backup', idempotency_key: 'backup', created_at: '2026-11-25T00:00:00.000Z', arrangement_id: null, issuer: null }, terms, '2026-11-25T00:00:00.000Z'));
    await db.destroy();

    const writer = run(['-e', WRITER, source], {});
    const destination = join(dir, 'copy.db');
    let backup;
    try {
      await new Promise<void>((resolve) => writer.child.stdout.on('data', () => writer.stdout().includes('writing') && resolve()));
      backup = await run(['--import', 'tsx', 'service/cli/db-backup.ts', destination], { DATABASE_URL: source }).done;
    } finally {
      writer.child.kill('SIGTERM');
    }
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^backed up .* \d+ pages, \d+ bytes, \d+ ms, integrity ok\n$/);
    const { stdout } = await writer.done;
    const written = Number(/wrote (\d+)/.exec(stdout)![1]);

    expect(existsSync(`${destination}.partial`)).toBe(false);
    const copy = openDatabase(destination);
    try {
      expect((await findConsent(copy, 'demo', 'cns_backup0000000001'))?.terms.accountIds).toEqual(['acc-1']);
      const probes = await copy.selectFrom('rate_limits').select('bucket').where('bucket', 'like', 'probe:%').orderBy('bucket').execute();
      // Some writes before the copy and some after it (the writer went on), and no gap: one instant.
      expect(probes.length).toBeGreaterThan(0);
      expect(probes.length).toBeLessThan(written);
      expect(probes.at(-1)!.bucket).toBe(`probe:${String(probes.length).padStart(8, '0')}`);
    } finally {
      await copy.destroy();
    }
  });

  it('refuses PostgreSQL (pg_dump is its tool), a missing destination and the database itself', () => {
    expect(() => backupPaths(join(dir, 'x.db'), 'postgres://localhost/consent')).toThrow(/back it up with pg_dump/);
    expect(() => backupPaths(undefined, 'consent.db')).toThrow(/^Usage: npm run db:backup -- DEST/);
    expect(() => backupPaths(join(dir, 'consent.db'), `file:${join(dir, 'consent.db')}`)).toThrow(/another file than the database itself/);
    expect(backupPaths('copy.db', './data/consent.db')).toEqual({ source: join(process.cwd(), 'data/consent.db'), destination: join(process.cwd(), 'copy.db') });
  });
});
