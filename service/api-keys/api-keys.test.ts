import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKey, CreatedApiKey } from '../../schema/index.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let a: Awaited<ReturnType<typeof addPartner>>;
let b: Awaited<ReturnType<typeof addPartner>>;
beforeAll(async () => {
  t = await createTestApp();
  a = await addPartner(t, { name: 'Alpha' });
  b = await addPartner(t, { name: 'Beta', environment: 'production' });
});
afterAll(() => t.close());

describe('API key authentication', () => {
  it('answers 401 with a Bearer challenge when the key is missing', async () => {
    const res = await a.call('/v1/api-keys', { key: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="consent-ui"');
    expect(await problemOf(res)).toMatchObject({ type: '/problems/unauthorized', status: 401 });
  });

  it('answers 401 for a malformed header, an unknown key and a session token', async () => {
    for (const authorization of ['Basic abc', 'Bearer', `Bearer ${a.key}x`, 'Bearer cus_notakey']) {
      const res = await a.call('/v1/api-keys', { key: null, headers: { authorization } });
      expect(res.status, authorization).toBe(401);
      expect((await problemOf(res)).detail).not.toContain(a.key);
    }
  });

  it('answers 403 naming the scope when the key lacks it', async () => {
    const reader = await addPartner(t, { name: 'Reader' }, ['config:read']);
    const res = await reader.call('/v1/api-keys');
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('scope="keys:manage"');
    expect(await problemOf(res)).toMatchObject({ type: '/problems/insufficient-scope', detail: 'This API key lacks the "keys:manage" scope.' });
    expect((await reader.call('/v1/config/draft')).status).toBe(200);
  });

  it('gives sandbox keys a cui_test_ prefix and production keys cui_live_', () => {
    expect(a.key).toMatch(/^cui_test_[0-9A-Za-z]{40}$/);
    expect(b.key).toMatch(/^cui_live_[0-9A-Za-z]{40}$/);
  });

  it('stores only a hash and a short prefix, never the key', async () => {
    const rows = await t.db.selectFrom('api_keys').selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(a.key);
    expect(dump).not.toContain(a.key.slice(0, 20));
    const row = rows.find((r) => r.id === a.keyId)!;
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.key.startsWith(row.prefix)).toBe(true);
    expect(row.prefix).toHaveLength('cui_test_'.length + 8);
  });

  it('records when a key was last used, at most once a minute', async () => {
    const partner = await addPartner(t, { name: 'Usage' });
    const lastUsed = async () => (await t.db.selectFrom('api_keys').select('last_used_at').where('id', '=', partner.keyId).executeTakeFirstOrThrow()).last_used_at;
    expect(await lastUsed()).toBeNull();
    await partner.call('/v1/config/draft');
    const first = await lastUsed();
    expect(first).toBe(t.clock.now().toISOString());
    t.clock.advance(30_000);
    await partner.call('/v1/config/draft');
    expect(await lastUsed()).toBe(first);
    t.clock.advance(31_000);
    await partner.call('/v1/config/draft');
    expect(await lastUsed()).toBe(t.clock.now().toISOString());
  });
});

describe('/v1/api-keys', () => {
  it('creates a key shown once, which then works with exactly its scopes', async () => {
    const res = await a.call('/v1/api-keys', { method: 'POST', body: { name: 'CI', scopes: ['users:write', 'users:read'] } });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = (await res.json()) as CreatedApiKey;
    expect(created).toMatchObject({ name: 'CI', scopes: ['users:write', 'users:read'], lastUsedAt: null, revokedAt: null });
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect((await a.call('/v1/users', { key: created.key })).status).toBe(200);
    expect((await a.call('/v1/config/draft', { key: created.key })).status).toBe(403);
    const listed = (await (await a.call('/v1/api-keys?limit=100')).json()) as { data: ApiKey[] };
    const entry = listed.data.find((k) => k.id === created.id)!;
    expect(entry).not.toHaveProperty('key');
    expect(JSON.stringify(listed)).not.toContain(created.key);
  });

  it('refuses to grant scopes the creating key does not have (403)', async () => {
    const limited = await addPartner(t, { name: 'Limited' }, ['keys:manage', 'users:read']);
    const res = await limited.call('/v1/api-keys', { method: 'POST', body: { name: 'Escalate', scopes: ['users:read', 'config:write'] } });
    expect(res.status).toBe(403);
    expect((await problemOf(res)).detail).toContain('config:write');
  });

  it('answers 400 with field paths for a bad body, and 415 for a body that is not JSON', async () => {
    const res = await a.call('/v1/api-keys', { method: 'POST', body: { name: '', scopes: ['config:read', 'admin'], extra: 1 } });
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem.type).toBe('/problems/validation-failed');
    expect(problem.errors!.map((e) => e.path).sort()).toEqual(['body', 'body.name', 'body.scopes.1']);
    const text = await a.call('/v1/api-keys', { method: 'POST', body: '{"name":"x","scopes":["users:read"]}', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    const malformed = await a.call('/v1/api-keys', { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
  });

  it('revokes a key: it answers 401 from then on, and the list shows when', async () => {
    const created = (await (await a.call('/v1/api-keys', { method: 'POST', body: { name: 'Temp', scopes: ['config:read'] } })).json()) as CreatedApiKey;
    const res = await a.call(`/v1/api-keys/${created.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as ApiKey).revokedAt).toBe(t.clock.now().toISOString());
    const after = await a.call('/v1/config/draft', { key: created.key });
    expect(after.status).toBe(401);
    expect(await problemOf(after)).toMatchObject({ type: '/problems/key-revoked' });
    expect((await a.call(`/v1/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(200);
  });

  it('answers 404 for an unknown key id and 400 for a malformed one', async () => {
    expect((await a.call('/v1/api-keys/key_0000000000000000', { method: 'DELETE' })).status).toBe(404);
    const bad = await a.call('/v1/api-keys/nope', { method: 'DELETE' });
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).errors).toEqual([{ path: 'param.id', message: 'Not an API key id' }]);
  });

  it('pages with limit and cursor, and rejects a bad cursor or limit with paths', async () => {
    for (let i = 0; i < 3; i++) await a.call('/v1/api-keys', { method: 'POST', body: { name: `Page ${i}`, scopes: ['config:read'] } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await a.call(`/v1/api-keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { data: ApiKey[]; nextCursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((k) => k.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await (await a.call('/v1/api-keys?limit=100')).json()) as { data: ApiKey[] };
    expect(seen).toEqual(all.data.map((k) => k.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await problemOf(await a.call('/v1/api-keys?cursor=garbage'))).errors).toEqual([{ path: 'query.cursor', message: expect.stringContaining('Invalid cursor') }]);
    expect((await problemOf(await a.call('/v1/api-keys?limit=0'))).errors![0]!.path).toBe('query.limit');
  });

  it("keeps applications apart: another application's keys can be neither listed nor revoked", async () => {
    const bKeys = (await (await b.call('/v1/api-keys?limit=100')).json()) as { data: ApiKey[] };
    expect(bKeys.data.map((k) => k.id)).toEqual([b.keyId]);
    const res = await b.call(`/v1/api-keys/${a.keyId}`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect((await a.call('/v1/api-keys')).status).toBe(200);
  });
});
