import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgres, startPostgres, type TestPostgres } from '../../scripts/postgres.mjs';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { databaseCondition } from './database-errors.js';

// Runs in the PostgreSQL pass only (vitest.config.ts), on a server of its own: stopping it must not
// disturb the other files' databases.
let server: TestPostgres;
beforeAll(async () => {
  const bin = findPostgres();
  if (!bin) throw new Error('No PostgreSQL binaries found (scripts/postgres.mjs)');
  server = await startPostgres({ bin });
  // Should the worker end without afterAll (an interrupted run), the server goes with it.
  process.once('exit', () => server.destroy());
});
afterAll(() => server?.destroy());

describe('a database server that goes away while the service runs', () => {
  it('answers 503 problem+json with Retry-After meanwhile, and serves again once it is back, by itself', async () => {
    const lost: Error[] = [];
    const t = await createTestApp({ database: { serverUrl: server.url, onConnectionError: (error) => lost.push(error) } });
    try {
      const partner = await addPartner(t);
      const createUser = (reference: string) => partner.call('/v1/users', { method: 'POST', body: { reference } });
      expect((await createUser('before')).status).toBe(201);
      // A query in flight when the server goes fails as the database's being away, not as a crash.
      const inFlight = sql`select pg_sleep(30)`.execute(t.db).then(
        () => undefined,
        (error: unknown) => error,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));

      server.stop();
      expect(databaseCondition(await inFlight)).toBe('unavailable');
      for (const res of [await createUser('during'), await partner.call('/v1/users')]) {
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(await problemOf(res)).toMatchObject({ type: '/problems/database-unavailable', title: 'Service unavailable', status: 503 });
      }
      expect((await t.app.request('/healthz')).status).toBe(503);
      // The pool was told of the connections the server cut, and lived on.
      expect(lost.length).toBeGreaterThan(0);

      server.start();
      expect((await createUser('after')).status).toBe(201);
      expect((await t.app.request('/healthz')).status).toBe(200);
      const references = (await t.db.selectFrom('users').select('reference').where('reference', 'in', ['before', 'during', 'after']).execute()).map((r) => r.reference).sort();
      expect(references).toEqual(['after', 'before']);
    } finally {
      await t.close();
    }
  });
});

describe('a DATABASE_URL that cannot be reached at start', () => {
  it('stops the service with one line naming the host and port, no stack trace and no password, exit 1', async () => {
    // A port nothing listens on.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'service/main.ts'], {
      env: { PATH: process.env.PATH, PORT: '0', DATABASE_URL: `postgres://consent:s3cret@127.0.0.1:${port}/consent` },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const lines = result.stderr.split('\n').filter((line) => line.trim() && !line.includes('Unsupported runtime'));
    expect(result.status).toBe(1);
    expect(lines).toEqual([`Cannot reach the database: PostgreSQL at 127.0.0.1:${port}/consent (connect ECONNREFUSED 127.0.0.1:${port})`]);
    expect(result.stdout + result.stderr).not.toContain('s3cret');
  });
});

describe('text PostgreSQL cannot store', () => {
  it('answers a NUL character (U+0000) in a request with 400 problem+json, not 500', async () => {
    const t = await createTestApp();
    try {
      const partner = await addPartner(t);
      const res = await partner.call('/v1/users', { method: 'POST', body: { reference: 'a\u0000b' } });
      expect(res.status).toBe(400);
      expect(await problemOf(res)).toMatchObject({ type: '/problems/invalid-text', status: 400 });
      expect((await partner.call(`/v1/users?reference=${encodeURIComponent('a\u0000b')}`)).status).toBe(400);
    } finally {
      await t.close();
    }
  });
});
