import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_SCOPES } from '../../schema/index.js';
import { createApiKey } from '../api-keys/api-keys.repository.js';
import { createApp } from '../app.js';
import { createApplication } from '../apps/create-application.js';
import { fixedClock } from '../clock.js';
import { migrateToLatest, openDatabase, type Db } from '../db/database.js';
import { readEnv } from '../env.js';
import { listen } from '../http/node-server.js';
import { silentLogger } from '../logging/logger.js';
import { seedDemoApp } from '../seed/demo-app.js';
import { BUNDLE_DIR } from '../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { rateLimitSettings, type RateLimitSettings } from './rate-limit.js';
import { countHit } from './rate-limits.repository.js';

const WINDOW = 60;
const policy = (name: string, limit: number) => ({ name, limit, windowSeconds: WINDOW });

let dir: string;
let database: TestDatabase;
let db: Db;
const clock = fixedClock('2026-11-25T00:00:10.000Z');
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rate-limits-'));
  database = await createTestDatabase(dir);
  db = openDatabase(database.url);
  await migrateToLatest(db);
  await seedDemoApp(db, clock);
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** One instance of the service on the shared database; several share counters as replicas would. */
function instance(limits: Omit<RateLimitSettings, 'trustedProxyHops'>, trustedProxyHops = 1) {
  return createApp({ db, clock, bundleDir: BUNDLE_DIR, log: silentLogger, rateLimits: { ...limits, trustedProxyHops } }).app;
}

async function partner(name: string) {
  const { application, apiKey } = await createApplication(db, clock, { name });
  return { appId: application.id, key: apiKey.key };
}

const bearer = (key: string, init: RequestInit = {}): RequestInit => ({ ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });

describe('rate limit counters', () => {
  it('count every hit once when many writers race on one row (two connections to one database)', async () => {
    const other = openDatabase(database.url);
    try {
      const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => countHit(i % 2 ? db : other, 'race:x', '2026-11-25T00:00:00.000Z')));
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    } finally {
      await other.destroy();
    }
  });
});

describe('per API key on the partner API', () => {
  it('answers 429 with Retry-After once the key has spent its window, and the IETF fields on every answer', async () => {
    const app = instance({ apiKey: policy('api-key', 3) });
    const { key } = await partner('Limited key');
    for (let remaining = 2; remaining >= 0; remaining--) {
      const res = await app.request('/v1/users', bearer(key));
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toBe(`"api-key";q=3;w=${WINDOW}`);
      expect(res.headers.get('ratelimit')).toBe(`"api-key";r=${remaining};t=50`);
    }
    const refused = await app.request('/v1/users', bearer(key));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('50');
    expect(refused.headers.get('ratelimit')).toBe('"api-key";r=0;t=50');
    expect(await refused.json()).toMatchObject({ type: '/problems/rate-limited', status: 429 });
    // A key unknown to the service spends nobody's quota: it is refused as unauthenticated.
    expect((await app.request('/v1/users', bearer('cui_test_nope'))).status).toBe(401);
    // Another key is counted apart; the next window starts whole.
    expect((await app.request('/v1/users', bearer((await partner('Other key')).key))).status).toBe(200);
    clock.advance(50_000);
    expect((await app.request('/v1/users', bearer(key))).status).toBe(200);
  });

  it('is shared by the instances on one database', async () => {
    const [a, b] = [instance({ apiKey: policy('api-key', 2) }), instance({ apiKey: policy('api-key', 2) })];
    const { key } = await partner('Two replicas');
    expect((await a.request('/v1/users', bearer(key))).status).toBe(200);
    expect((await b.request('/v1/users', bearer(key))).status).toBe(200);
    expect((await a.request('/v1/users', bearer(key))).status).toBe(429);
    expect((await b.request('/v1/users', bearer(key))).status).toBe(429);
  });
});

describe('per application on session creation', () => {
  it("counts every key of the application against one budget, listing both policies", async () => {
    const app = instance({ apiKey: policy('api-key', 100), sessions: policy('sessions', 2) });
    const { appId, key } = await partner('Sessions');
    const second = (await createApiKey(db, { appId, environment: 'sandbox', name: 'second', scopes: API_KEY_SCOPES, at: clock.now().toISOString() })).key;
    const user = (await (await app.request('/v1/users', bearer(key, { method: 'POST', body: JSON.stringify({ email: 'limit@example.com' }) }))).json()) as { id: string };
    const start = (k: string) => app.request('/v1/sessions', bearer(k, { method: 'POST', body: JSON.stringify({ userId: user.id, purpose: 'connect' }) }));
    const first = await start(key);
    expect(first.status).toBe(201);
    expect(first.headers.get('ratelimit-policy')).toBe(`"sessions";q=2;w=${WINDOW}, "api-key";q=100;w=${WINDOW}`);
    expect((await start(second)).status).toBe(201);
    const refused = await start(key);
    expect(refused.status).toBe(429);
    // The key's own policy, counted first, still has room: both are listed.
    expect(refused.headers.get('ratelimit-policy')).toBe(`"sessions";q=2;w=${WINDOW}, "api-key";q=100;w=${WINDOW}`);
    expect(refused.headers.get('ratelimit')).toMatch(/^"sessions";r=0;t=\d+, "api-key";r=97;t=\d+$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other routes of the application are not held back by its session budget.
    expect((await app.request('/v1/users', bearer(second))).status).toBe(200);
    // Nor are other applications.
    const other = await partner('Other sessions');
    const otherUser = (await (await app.request('/v1/users', bearer(other.key, { method: 'POST', body: JSON.stringify({ email: 'o@example.com' }) }))).json()) as { id: string };
    expect((await app.request('/v1/sessions', bearer(other.key, { method: 'POST', body: JSON.stringify({ userId: otherUser.id, purpose: 'connect' }) }))).status).toBe(201);
  });
});

describe('per client IP on hosted pages and editor links', () => {
  it('limits /connect and /manage together per address, the one the trusted proxy saw', async () => {
    const app = instance({ hostedPages: policy('hosted-pages', 3) });
    const from = (ip: string, path: string) => app.request(path, { headers: { 'x-forwarded-for': `198.51.100.99, ${ip}` } });
    expect((await from('203.0.113.1', '/connect?session=nope')).status).toBe(404);
    expect((await from('203.0.113.1', '/manage?session=nope')).status).toBe(404);
    const third = await from('203.0.113.1', '/connect/callback?response=x');
    expect(third.status).toBe(400);
    expect(third.headers.get('ratelimit')).toBe('"hosted-pages";r=0;t=60');
    const refused = await from('203.0.113.1', '/connect?session=nope');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    // A person reads it: a page, under the hosted pages' strict policy.
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    expect(refused.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await refused.text()).toContain('Try again in 60 seconds.');
    // The leftmost entry is the client's own claim: changing it does not reset the count.
    expect((await app.request('/connect?session=nope', { headers: { 'x-forwarded-for': `10.9.9.9, 203.0.113.1` } })).status).toBe(429);
    expect((await from('203.0.113.2', '/connect?session=nope')).status).toBe(404);
    // The stylesheet is not a page.
    expect((await from('203.0.113.1', '/hosted.css')).status).toBe(200);
  });

  it('limits spending editor links per address, not opening the editor', async () => {
    const app = instance({ editorLinks: policy('editor-links', 2) });
    const spend = () => app.request('/editor', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.50' }, body: 'link=guess' });
    expect((await spend()).status).toBe(401);
    expect((await app.request('/editor?link=guess', { headers: { 'x-forwarded-for': '203.0.113.50' } })).status).toBe(401);
    const refused = await spend();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-policy')).toBe(`"editor-links";q=2;w=${WINDOW}`);
    expect(await refused.text()).toContain('<h1>Too many requests</h1>');
    // The editor page itself (a designer's reload) is not counted.
    expect((await app.request('/editor', { headers: { 'x-forwarded-for': '203.0.113.50' } })).headers.get('ratelimit')).toBeNull();
  });

  it('uses the socket peer when no proxy is trusted', async () => {
    const service = createApp({ db, clock, bundleDir: BUNDLE_DIR, log: silentLogger, rateLimits: { hostedPages: policy('hosted-pages', 1) } });
    const { server, port } = await listen(service, { port: 0, hostname: '127.0.0.1' });
    // Loopback has every 127/8 address: two peers on one machine.
    const get = (localAddress: string, forwardedFor: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/connect?session=nope', localAddress, headers: { 'x-forwarded-for': forwardedFor }, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        })
          .on('error', reject)
          .end();
      });
    try {
      expect(await get('127.0.0.2', '192.0.2.1')).toBe(404);
      // A forged X-Forwarded-For is not believed without a trusted proxy.
      expect(await get('127.0.0.2', '192.0.2.2')).toBe(429);
      expect(await get('127.0.0.3', '192.0.2.1')).toBe(404);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('limits from the environment', () => {
  it('reads every policy with one window, 0 turning one off, and refuses nonsense', () => {
    const settings = rateLimitSettings(readEnv({ RATE_LIMIT_WINDOW_SECONDS: '30', RATE_LIMIT_SESSIONS: '0', TRUSTED_PROXY_HOPS: '2' }));
    expect(settings).toMatchObject({ apiKey: { name: 'api-key', limit: 600, windowSeconds: 30 }, sessions: { limit: 0 }, hostedPages: { limit: 300 }, editorLinks: { limit: 10 }, trustedProxyHops: 2 });
    expect(() => readEnv({ RATE_LIMIT_API_KEY: '-1' })).toThrow(/RATE_LIMIT_API_KEY/);
    expect(() => readEnv({ RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(/RATE_LIMIT_WINDOW_SECONDS/);
  });

  it('does not limit when a policy is 0', async () => {
    const app = instance({ apiKey: policy('api-key', 0) });
    const { key } = await partner('Unlimited');
    for (let i = 0; i < 3; i++) expect((await app.request('/v1/users', bearer(key))).headers.get('ratelimit')).toBeNull();
  });
});
