import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { testDialect } from '../testing/test-database.js';

const postgres = testDialect() === 'postgres';
let t: Awaited<ReturnType<typeof createTestApp>>;
let partner: Awaited<ReturnType<typeof addPartner>>;
beforeAll(async () => {
  // PostgreSQL's wait for a lock, shortened as the SQLite test shortens busy_timeout.
  t = await createTestApp({ database: { lockTimeoutMs: 100 } });
  partner = await addPartner(t);
});
afterAll(() => t.close());

let users = 0;
const createUser = () => partner.call('/v1/users', { method: 'POST', body: { reference: `user-${++users}` } });

describe('a database that cannot take a write answers 503 problem+json with Retry-After', () => {
  it.runIf(postgres)('busy: another connection holds a lock on the table past the lock timeout (PostgreSQL)', async () => {
    expect((await partner.call('/v1/users')).status).toBe(200);
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      // Blocks inserts, not reads, as SQLite's write lock does.
      await other.query('begin; lock table users in share row exclusive mode');
      const res = await createUser();
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(await problemOf(res)).toMatchObject({ type: '/problems/database-busy', title: 'Service busy', status: 503 });
      expect((await partner.call('/v1/users')).status).toBe(200);
      await other.query('rollback');
      expect((await createUser()).status).toBe(201);
    } finally {
      await other.end();
    }
  });

  it.skipIf(postgres)('busy: another connection holds the write lock past the busy timeout', async () => {
    // The service's own wait, shortened so the test does not sit out the production 5 s.
    await sql`pragma busy_timeout = 100`.execute(t.db);
    // The key's last use is stamped now, so the read below has nothing to write.
    expect((await partner.call('/v1/users')).status).toBe(200);
    const other = new SQLite(join(t.dir, 'test.db'));
    try {
      other.exec('BEGIN IMMEDIATE');
      const res = await createUser();
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(await problemOf(res)).toMatchObject({ type: '/problems/database-busy', title: 'Service busy', status: 503 });
      // Reads go on meanwhile (WAL).
      expect((await partner.call('/v1/users')).status).toBe(200);
      other.exec('ROLLBACK');
      expect((await createUser()).status).toBe(201);
    } finally {
      other.close();
      await sql`pragma busy_timeout = 5000`.execute(t.db);
    }
  });

  // PostgreSQL has no size cap to set; its disk_full code is mapped in database-errors.test.ts.
  it.skipIf(postgres)('full: the database may not grow (its size capped at what it holds, as a full disk would)', async () => {
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(t.db);
    await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(t.db);
    try {
      let res: Response | undefined;
      // Rows fill the free space of the last pages first; the write that needs a new page fails.
      for (let i = 0; i < 500 && (res === undefined || res.status === 201); i++) res = await createUser();
      expect(res!.status).toBe(503);
      expect(res!.headers.get('retry-after')).toBe('60');
      expect(await problemOf(res!)).toMatchObject({ type: '/problems/storage-full', title: 'Storage full', status: 503 });
    } finally {
      await sql`pragma max_page_count = 1073741823`.execute(t.db);
    }
    // Space again: writes go through, without a restart.
    expect((await createUser()).status).toBe(201);
  });

});
