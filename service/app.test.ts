import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from '../schema/index.js';
import { publishDraft, upsertDraft } from './configs/configs.repository.js';
import { createTestApp } from './testing/test-app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /healthz', () => {
  it('answers ok after touching the database', async () => {
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 problem+json when the database does not answer', async () => {
    const broken = await createTestApp();
    try {
      await broken.db.destroy();
      const res = await broken.app.request('/healthz');
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ type: '/problems/unhealthy', status: 503 });
    } finally {
      await broken.close();
    }
  });
});

describe('GET /v1/apps/{appId}/config', () => {
  it('serves the demo app\'s published default config with a strong ETag and cache headers', async () => {
    const res = await t.app.request('/v1/apps/demo/config');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('etag')).toMatch(/^"v1-[\w-]+"$/);
    expect(res.headers.get('cache-control')).toContain('public');
    expect(await res.json()).toEqual(DEFAULT_CONFIG);
  });

  it('answers 304 with no body when If-None-Match has the current ETag', async () => {
    const etag = (await t.app.request('/v1/apps/demo/config')).headers.get('etag')!;
    const res = await t.app.request('/v1/apps/demo/config', { headers: { 'if-none-match': `"other", ${etag}` } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
    expect(res.headers.get('etag')).toBe(etag);
  });

  it('answers 200 again for a stale ETag', async () => {
    const res = await t.app.request('/v1/apps/demo/config', { headers: { 'if-none-match': '"v0-stale"' } });
    expect(res.status).toBe(200);
  });

  it('serves a new version, with a new ETag, once it is published and the cache invalidated', async () => {
    const before = (await t.app.request('/v1/apps/demo/config')).headers.get('etag');
    const at = t.clock.now().toISOString();
    await upsertDraft(t.db, 'demo', parseConfig({ consent: { brandName: 'Changed' } }), at, 'test');
    await publishDraft(t.db, 'demo', at, 'test');
    t.configCache.invalidate('demo');
    const res = await t.app.request('/v1/apps/demo/config');
    expect(res.headers.get('etag')).not.toBe(before);
    expect(res.headers.get('etag')).toMatch(/^"v2-/);
    expect(((await res.json()) as { consent: { brandName: string } }).consent.brandName).toBe('Changed');
  });

  it('answers 404 problem+json for an unknown app', async () => {
    const res = await t.app.request('/v1/apps/no-such-app/config');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ type: '/problems/not-found', status: 404, title: 'Application not found' });
  });

  it('answers any origin: the published config holds nothing secret', async () => {
    const res = await t.app.request('/v1/apps/demo/config', { headers: { origin: 'https://partner.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('ETag');
  });
});

describe('problem+json for the unknown', () => {
  it('answers 404 problem+json for a route that does not exist', async () => {
    const res = await t.app.request('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, detail: 'No route for GET /v1/nothing-here' });
  });
});

describe('bundles', () => {
  it.each(['/widget.js', '/widget.iife.js'])('serves %s as cacheable JavaScript', async (path) => {
    const res = await t.app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('max-age=');
    const body = await res.text();
    expect(body).toContain('consent-journey');
    const revalidated = await t.app.request(path, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
  });

  it('serves the source maps', async () => {
    const res = await t.app.request('/widget.js.map');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { version: number }).version).toBe(3);
  });
});

describe('GET / (demo page)', () => {
  it('embeds the widget with one module script tag and no inline script, under a strict CSP', async () => {
    const res = await t.app.request('/');
    const page = await res.text();
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page).toContain('<script type="module" src="/widget.js"></script>');
    expect(page).toContain('<consent-journey app="demo"');
  });
});

describe('routing cost', () => {
  it('keeps the whole app on RegExpRouter (a regex route pattern with a group would drop it to the slower TrieRouter)', async () => {
    await t.app.request('/healthz');
    const router = t.app.router as unknown as { activeRouter: { name: string } };
    expect(router.activeRouter.name).toBe('RegExpRouter');
  });
});

describe('public CORS', () => {
  it.each([
    ['/v1/apps/demo/config', 200],
    ['/v1/apps/no-such-app/config', 404],
    ['/v1/apps/demo/institutions', 200],
    ['/v1/apps/no-such-app/institutions', 404],
    ['/logos/anz.svg', 200],
    ['/logos/no-such-bank.svg', 404],
    ['/widget.js', 200],
    ['/openapi.json', 200],
  ])('answers %s (%i) to any origin', async (path, status) => {
    const res = await t.app.request(path, { headers: { origin: 'https://anywhere.example' } });
    expect(res.status).toBe(status);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers a 304 of the config to any origin too, exposing the ETag', async () => {
    const etag = (await t.app.request('/v1/apps/demo/config')).headers.get('etag')!;
    const res = await t.app.request('/v1/apps/demo/config', { headers: { 'if-none-match': etag } });
    expect(res.status).toBe(304);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('ETag');
  });
});

describe('X-Request-Id', () => {
  it('returns a fresh id per request, or the one a proxy sent', async () => {
    const a = (await t.app.request('/healthz')).headers.get('x-request-id');
    const b = (await t.app.request('/healthz')).headers.get('x-request-id');
    expect(a).toMatch(/^[0-9A-Za-z]{8}-[0-9a-z]+$/);
    expect(b).not.toBe(a);
    expect((await t.app.request('/healthz', { headers: { 'x-request-id': 'edge-123' } })).headers.get('x-request-id')).toBe('edge-123');
    expect((await t.app.request('/healthz', { headers: { 'x-request-id': 'bad id with spaces' } })).headers.get('x-request-id')).not.toContain(' ');
  });
});
