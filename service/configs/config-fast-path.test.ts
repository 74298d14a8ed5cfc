import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
  await t.configCache.get('demo'); // what the first request does: fill the cache
});
afterAll(() => t.close());

// The fast path states content-length itself (bytes prepared once); the id differs per request.
const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([name]) => name !== 'x-request-id' && name !== 'content-length'));

describe('config fast path', () => {
  it('answers a cached config exactly as the Hono route does', async () => {
    const fast = await t.fetch(new Request('http://localhost/v1/apps/demo/config'));
    const routed = await t.app.request('/v1/apps/demo/config');
    expect(fast.status).toBe(200);
    expect(headersOf(fast)).toEqual(headersOf(routed));
    const body = await fast.text();
    expect(body).toBe(await routed.text());
    expect(fast.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(fast.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers 304 for the current ETag, with the same headers as the route', async () => {
    const etag = (await t.app.request('/v1/apps/demo/config')).headers.get('etag')!;
    const fast = await t.fetch(new Request('http://localhost/v1/apps/demo/config', { headers: { 'if-none-match': etag, 'x-request-id': 'proxy-42' } }));
    const routed = await t.app.request('/v1/apps/demo/config', { headers: { 'if-none-match': etag } });
    expect(fast.status).toBe(304);
    expect(headersOf(fast)).toEqual(headersOf(routed));
    expect(fast.headers.get('x-request-id')).toBe('proxy-42');
  });

  it('leaves invalid ids, unknown apps and other methods to the route and its problem answers', async () => {
    const invalid = await t.fetch(new Request(`http://localhost/v1/apps/${'x'.repeat(65)}/config`));
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');
    expect(((await invalid.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('param.appId');
    const unknown = await t.fetch(new Request('http://localhost/v1/apps/nope/config'));
    expect(unknown.status).toBe(404);
    const preflight = await t.fetch(new Request('http://localhost/v1/apps/demo/config', { method: 'OPTIONS' }));
    expect(preflight.status).toBe(204);
  });

  it('serves a new version at once after a publish (the cache is invalidated, the fast path misses)', async () => {
    const before = (await t.fetch(new Request('http://localhost/v1/apps/demo/config'))).headers.get('etag');
    t.configCache.invalidate('demo');
    const { publishDraft, upsertDraft } = await import('./configs.repository.js');
    const { parseConfig } = await import('../../schema/index.js');
    const at = t.clock.now().toISOString();
    await upsertDraft(t.db, 'demo', parseConfig({ consent: { brandName: 'Fast Path' } }), at, 'test');
    await publishDraft(t.db, 'demo', at, 'test');
    t.configCache.invalidate('demo');
    const after = await t.fetch(new Request('http://localhost/v1/apps/demo/config'));
    expect(after.headers.get('etag')).not.toBe(before);
    expect(((await after.json()) as { consent: { brandName: string } }).consent.brandName).toBe('Fast Path');
  });
});
