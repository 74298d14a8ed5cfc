import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, sessionInfoSchema, type CreatedSession, type User } from '../../schema/index.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { spendSession } from './sessions.repository.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let a: Awaited<ReturnType<typeof addPartner>>;
let b: Awaited<ReturnType<typeof addPartner>>;
let user: User;
const BASE = 'http://localhost:8787';
beforeAll(async () => {
  t = await createTestApp();
  a = await addPartner(t, { name: 'Alpha', origins: ['https://alpha.example'] });
  b = await addPartner(t, { name: 'Beta', origins: ['https://beta.example'] });
  user = (await (await a.call('/v1/users', { method: 'POST', body: { reference: 'jo' } })).json()) as User;
});
afterAll(() => t.close());

const start = async (body: Record<string, unknown>, partner = a) => {
  const res = await t.app.request(`${BASE}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${partner.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { res, session: res.status === 201 ? ((await res.json()) as CreatedSession) : undefined };
};
const whoami = (token: string, headers: Record<string, string> = {}) => t.app.request(`${BASE}/v1/session`, { headers: { authorization: `Bearer ${token}`, ...headers } });

describe('POST /v1/sessions', () => {
  it('returns a random token, the hosted URL and an expiry 30 minutes out by default', async () => {
    const { res, session } = await start({ userId: user.id, purpose: 'connect', state: 'xyz' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(session!.token).toMatch(/^cus_[0-9A-Za-z]{43}$/);
    expect(session!.url).toBe(`${BASE}/connect?session=${session!.token}`);
    expect(session!.expiresAt).toBe(new Date(t.clock.now().getTime() + 30 * 60_000).toISOString());
  });

  it('links manage sessions to /manage and honours ttlSeconds up to 7 days', async () => {
    const { session } = await start({ userId: user.id, purpose: 'manage', ttlSeconds: 7 * 24 * 3600 });
    expect(session!.url).toBe(`${BASE}/manage?session=${session!.token}`);
    expect(session!.expiresAt).toBe(new Date(t.clock.now().getTime() + 7 * 24 * 3600_000).toISOString());
  });

  it('stores only a hash of the token', async () => {
    const { session } = await start({ userId: user.id, purpose: 'connect' });
    const rows = await t.db.selectFrom('sessions').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(session!.token.slice(4, 24));
  });

  it('answers 400 with paths: purpose, ttl, extend without consentId, consentId without extend', async () => {
    const bad = await problemOf((await start({ userId: user.id, purpose: 'steal', ttlSeconds: 8 * 24 * 3600 })).res);
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(['body.purpose', 'body.ttlSeconds']);
    expect((await problemOf((await start({ userId: user.id, purpose: 'extend' })).res)).errors).toEqual([{ path: 'body.consentId', message: 'Required when purpose is "extend"' }]);
    expect((await problemOf((await start({ userId: user.id, purpose: 'connect', consentId: 'c1' })).res)).errors![0]!.path).toBe('body.consentId');
    // An extend session names one of this user's own consents (service/consents/lifecycle.test.ts has the valid case).
    const extend = await start({ userId: user.id, purpose: 'extend', consentId: 'cns_123' });
    expect(extend.res.status).toBe(404);
    expect((await problemOf(extend.res)).errors![0]!.path).toBe('body.consentId');
  });

  it("answers 404 for an unknown user and for another application's user", async () => {
    const unknown = await start({ userId: 'usr_0000000000000000', purpose: 'connect' });
    expect(unknown.res.status).toBe(404);
    expect((await problemOf(unknown.res)).errors).toEqual([{ path: 'body.userId', message: 'Unknown user' }]);
    expect((await start({ userId: user.id, purpose: 'connect' }, b)).res.status).toBe(404);
  });

  it('needs sessions:write (403) and a key (401)', async () => {
    const limited = await addPartner(t, { name: 'Limited' }, ['users:read']);
    expect((await start({ userId: user.id, purpose: 'connect' }, limited)).res.status).toBe(403);
    expect((await t.app.request('/v1/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  });
});

describe('GET /v1/session', () => {
  it("tells the widget its application, purpose and published config", async () => {
    const { session } = await start({ userId: user.id, purpose: 'connect', state: 'abc' });
    const res = await whoami(session!.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const info = sessionInfoSchema.parse(await res.json());
    expect(info).toEqual({
      application: { id: a.appId, name: 'Alpha', environment: 'sandbox' },
      user: { id: user.id },
      purpose: 'connect',
      consentId: null,
      state: 'abc',
      expiresAt: session!.expiresAt,
      configVersion: 1,
      config: DEFAULT_CONFIG,
    });
  });

  it('answers 401 once the session has expired', async () => {
    const { session } = await start({ userId: user.id, purpose: 'connect', ttlSeconds: 60 });
    expect((await whoami(session!.token)).status).toBe(200);
    t.clock.advance(60_000);
    const res = await whoami(session!.token);
    expect(res.status).toBe(401);
    expect(await problemOf(res)).toMatchObject({ type: '/problems/session-expired' });
  });

  it('answers 401 for a session replaced by a newer one of the same user and purpose, not another purpose', async () => {
    const older = (await start({ userId: user.id, purpose: 'connect' })).session!;
    const manage = (await start({ userId: user.id, purpose: 'manage' })).session!;
    const newer = (await start({ userId: user.id, purpose: 'connect' })).session!;
    expect(await problemOf(await whoami(older.token))).toMatchObject({ type: '/problems/session-replaced', status: 401 });
    expect((await whoami(newer.token)).status).toBe(200);
    expect((await whoami(manage.token)).status).toBe(200);
  });

  it('answers 401 for a spent session (a completed connect journey)', async () => {
    const { session } = await start({ userId: user.id, purpose: 'connect' });
    const row = await t.db.selectFrom('sessions').select('id').orderBy('created_at', 'desc').orderBy('id').where('purpose', '=', 'connect').where('invalidated_at', 'is', null).executeTakeFirstOrThrow();
    expect(await spendSession(t.db, row.id, t.clock.now().toISOString())).toBe(true);
    expect(await problemOf(await whoami(session!.token))).toMatchObject({ type: '/problems/session-spent' });
  });

  it('answers 401 for no token, an unknown token and an API key', async () => {
    expect((await t.app.request('/v1/session')).status).toBe(401);
    expect((await whoami('cus_unknown')).status).toBe(401);
    expect((await problemOf(await whoami(a.key))).detail).toContain('session token');
  });

  it('grants nothing on partner routes', async () => {
    const { session } = await start({ userId: user.id, purpose: 'connect' });
    expect((await a.call(`/v1/users/${user.id}`, { key: session!.token })).status).toBe(401);
    expect((await a.call('/v1/config/draft', { key: session!.token })).status).toBe(401);
  });
});

describe('CORS on session routes', () => {
  it("answers the application's allowed origin, and only it", async () => {
    const { session } = await start({ userId: user.id, purpose: 'manage' });
    const allowed = await whoami(session!.token, { origin: 'https://alpha.example' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://alpha.example');
    expect(allowed.headers.get('vary')).toContain('Origin');
    // Beta's origin is allowed by some application, but not by this session's.
    const other = await whoami(session!.token, { origin: 'https://beta.example' });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(await problemOf(other)).toMatchObject({ type: '/problems/origin-not-allowed' });
  });

  it("answers the service's own pages (same origin)", async () => {
    const { session } = await start({ userId: user.id, purpose: 'manage' });
    expect((await whoami(session!.token, { origin: BASE })).status).toBe(200);
  });

  it('lets any page read a 401, which tells nothing about an application', async () => {
    const res = await whoami('cus_unknown', { origin: 'https://evil.example' });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://evil.example');
  });

  it('admits a preflight only from an origin some application allows', async () => {
    const preflight = (origin: string) =>
      t.app.request(`${BASE}/v1/session`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const ok = await preflight('https://alpha.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://alpha.example');
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    const denied = await preflight('https://evil.example');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps the public routes open to any origin', async () => {
    const res = await t.app.request(`${BASE}/v1/apps/${a.appId}/config`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('gives partner (API key) routes no CORS headers: keys belong on servers', async () => {
    const res = await a.call('/v1/config/draft', { headers: { origin: 'https://alpha.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS behind a TLS-terminating proxy (PUBLIC_URL)', () => {
  // Node sees http://consent.example while the hosted page the browser shows is https://consent.example.
  let proxied: Awaited<ReturnType<typeof createTestApp>>;
  let token: string;
  beforeAll(async () => {
    proxied = await createTestApp({ publicUrl: 'https://consent.example' });
    const p = await addPartner(proxied, { name: 'Proxied', origins: ['https://partner.example'] });
    const u = (await (await p.call('/v1/users', { method: 'POST', body: { reference: 'px' } })).json()) as User;
    token = ((await (await p.call('/v1/sessions', { method: 'POST', body: { userId: u.id, purpose: 'connect' } })).json()) as CreatedSession).token;
  });
  afterAll(() => proxied.close());

  const authorise = (origin: string) =>
    proxied.app.request('http://consent.example/v1/session/authorisations', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ institutionId: 'sandbox-bank', clusters: ['bank:accounts.basic:read'], returnUrl: 'https://consent.example/connect', mode: 'redirect' }),
    });

  it("admits the hosted page's own POST from the public origin", async () => {
    const res = await authorise('https://consent.example');
    expect(res.status, await res.clone().text()).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://consent.example');
  });

  it('still refuses any other origin with 403', async () => {
    for (const origin of ['https://evil.example', 'http://consent.example.evil.test', 'https://consent.example:8443']) {
      const res = await authorise(origin);
      expect(res.status, origin).toBe(403);
      expect((await problemOf(res)).type).toBe('/problems/origin-not-allowed');
    }
  });

  it('admits a preflight from the public origin, and not from another', async () => {
    const preflight = (origin: string) =>
      proxied.app.request('http://consent.example/v1/session/authorisations', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect((await preflight('https://consent.example')).headers.get('access-control-allow-origin')).toBe('https://consent.example');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
