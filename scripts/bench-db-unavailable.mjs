// `npm run bench` (scripts/bench.mjs runs this with `node --import tsx`): a database that cannot take a
// write must answer 503 problem+json with Retry-After (service/errors/on-error.ts), and the service must
// carry on once it can again.
// - Busy, on the real service process: another connection holds `BEGIN IMMEDIATE` past the service's
//   busy_timeout while a partner creates a user; then the lock goes and the same request succeeds.
// - Disk full, on the service in this process over HTTP: SQLite's size cap (`max_page_count`) holds only
//   for the connection that sets it, so it is set on the service's own connection; a tiny filesystem
//   would need a mount, which needs root. Writes until one fails, then the cap is lifted.
// Prints what each answered and how long it took; fails on any other answer.
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceFixture } from '../e2e/support/service-fixture.ts';
import { createApp } from '../service/app.ts';
import { createApplication } from '../service/apps/create-application.ts';
import { systemClock } from '../service/clock.ts';
import { migrateToLatest, openDatabase } from '../service/db/database.ts';
import { listen } from '../service/http/node-server.ts';
import { silentLogger } from '../service/logging/logger.ts';
import { BUNDLE_DIR } from '../service/testing/test-app.ts';

const HOLD_MS = Number(process.env.BUSY_HOLD_MS ?? 15_000);
const failures = [];
let users = 0;

/** Creates a user with `key` at `base`; returns the answer, its body and how long it took. */
async function createUser(base, key) {
  const began = Date.now();
  const res = await fetch(`${base}/v1/users`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ reference: `bench-${++users}` }) });
  return { status: res.status, type: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), body: await res.json(), ms: Date.now() - began };
}

function expectUnavailable(what, answer, problemType) {
  const line = `${what}: ${answer.status} ${answer.type} ${answer.body.type ?? ''} Retry-After ${answer.retryAfter} in ${answer.ms} ms`;
  console.log(`  ${line}`);
  if (answer.status !== 503 || answer.type !== 'application/problem+json' || answer.body.type !== problemType || !answer.retryAfter) failures.push(line);
}

function expectCreated(what, answer) {
  console.log(`  ${what}: ${answer.status} in ${answer.ms} ms`);
  if (answer.status !== 201) failures.push(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
}

function integrity(file) {
  const db = new SQLite(file, { readonly: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') failures.push(`integrity_check: ${result}`);
    return result;
  } finally {
    db.close();
  }
}

console.log('busy database, the service as its own process:');
const f = await serviceFixture('db-busy');
try {
  await f.start();
  await f.db.destroy();
  expectCreated('a write before', await createUser(f.url, f.apiKey));
  const locker = new SQLite(f.databaseUrl);
  locker.exec('BEGIN IMMEDIATE');
  const held = Date.now();
  const release = setTimeout(() => locker.exec('ROLLBACK'), HOLD_MS);
  try {
    const writeSent = Date.now();
    const write = createUser(f.url, f.apiKey);
    // better-sqlite3 waits out busy_timeout on the event loop: what else the process answers meanwhile waits too.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const readBegan = Date.now();
    // On a connection of its own: an idle kept-alive one may be closed by the server as its loop resumes.
    const status = await new Promise((resolve, reject) => get(`${f.url}/v1/apps/demo/config`, { agent: false }, (res) => resolve(res.resume().statusCode)).on('error', reject));
    console.log(`  a read of the cached public config sent meanwhile: ${status} in ${Date.now() - readBegan} ms`);
    const answer = await write;
    expectUnavailable(`a write while another connection holds the write lock (${HOLD_MS / 1000} s)`, answer, '/problems/database-busy');
    if (writeSent - held + answer.ms >= HOLD_MS) failures.push('the lock was released before the write was answered: raise BUSY_HOLD_MS');
  } finally {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, HOLD_MS - (Date.now() - held))));
    clearTimeout(release);
    if (locker.inTransaction) locker.exec('ROLLBACK');
    locker.close();
  }
  expectCreated('the same write once the lock is gone', await createUser(f.url, f.apiKey));
  console.log(`  integrity_check: ${integrity(f.databaseUrl)}`);
} finally {
  await f.close();
}

console.log('disk full (the database may not grow), the service in this process over HTTP:');
const dir = mkdtempSync(join(tmpdir(), 'consent-ui-full-'));
const file = join(dir, 'full.db');
const db = openDatabase(file);
try {
  await migrateToLatest(db);
  const { apiKey } = await createApplication(db, systemClock, { name: 'Disk full' });
  const service = createApp({ db, clock: systemClock, bundleDir: BUNDLE_DIR, log: silentLogger });
  const { server, port } = await listen(service, { port: 0, hostname: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  try {
    expectCreated('a write before', await createUser(base, apiKey.key));
    const pages = (await sql`pragma page_count`.execute(db)).rows[0].page_count;
    await sql.raw(`pragma max_page_count = ${pages}`).execute(db);
    let answer;
    let written = 0;
    for (let i = 0; i < 5000; i++) {
      answer = await createUser(base, apiKey.key);
      if (answer.status !== 201) break;
      written++;
    }
    expectUnavailable(`a write once the last page is full (after ${written} more)`, answer, '/problems/storage-full');
    const read = await fetch(`${base}/v1/users?limit=1`, { headers: { authorization: `Bearer ${apiKey.key}` } });
    console.log(`  a read meanwhile: ${read.status}`);
    if (read.status !== 200) failures.push(`a read while full: ${read.status}`);
    await sql`pragma max_page_count = 1073741823`.execute(db);
    expectCreated('the same write once there is room', await createUser(base, apiKey.key));
  } finally {
    server.close();
  }
} finally {
  await db.destroy();
  console.log(`  integrity_check: ${integrity(file)}`);
  rmSync(dir, { recursive: true, force: true });
}

for (const failure of failures) console.log(`  FAILED ${failure}`);
console.log(`database unavailable: ${failures.length ? `${failures.length} unexpected answer(s)` : 'every write answered 503 problem+json with Retry-After, and succeeded once the database could take it'}`);
process.exit(failures.length ? 1 : 0);
