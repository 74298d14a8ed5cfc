import type { Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../http/node-server.js';
import { createTestApp } from '../testing/test-app.js';

/** Over real HTTP: the fast path answers on Node's own objects, so only a real server exercises it. */
let t: Awaited<ReturnType<typeof createTestApp>>;
let server: Server;
let base: string;
let answeredFast = 0;
beforeAll(async () => {
  t = await createTestApp();
  await t.configCache.get('demo'); // what the first request does: fill the cache
  // Counts what the fast path answered itself, so the tests know which side gave each answer.
  const fastPath = (...args: Parameters<typeof t.fastPath>) => (t.fastPath(...args) ? (answeredFast++, true) : false);
  const listening = await listen({ app: t.app, deps: t.deps, fastPath }, { port: 0, hostname: '127.0.0.1' });
  server = listening.server;
  base = `http://127.0.0.1:${listening.port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

// The id differs per request; the transport headers (date, keep-alive) are Node's.
const ignored = new Set(['x-request-id', 'date', 'connection', 'keep-alive']);
const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([name]) => !ignored.has(name)));

describe('config fast path', () => {
  it('answers a cached config exactly as the Hono route does', async () => {
    const before = answeredFast;
    const fast = await fetch(`${base}/v1/apps/demo/config`);
    expect(answeredFast).toBe(before + 1);
    const routed = await t.app.request('/v1/apps/demo/config');
    expect(fast.status).toBe(200);
    const body = await fast.text();
    expect(body).toBe(await routed.text());
    expect(headersOf(fast)).toEqual({ ...headersOf(routed), 'content-length': String(Buffer.byteLength(body)) });
    expect(fast.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers 304 for the current ETag, with the same headers as the route', async () => {
    const etag = (await t.app.request('/v1/apps/demo/config')).headers.get('etag')!;
    const fast = await fetch(`${base}/v1/apps/demo/config`, { headers: { 'if-none-match': etag, 'x-request-id': 'proxy-42' } });
    const routed = await t.app.request('/v1/apps/demo/config', { headers: { 'if-none-match': etag } });
    expect(fast.status).toBe(304);
    expect(headersOf(fast)).toEqual(headersOf(routed));
    expect(fast.headers.get('x-request-id')).toBe('proxy-42');
  });

  it('leaves invalid ids, unknown apps and other methods to the route and its problem answers', async () => {
    const before = answeredFast;
    const invalid = await fetch(`${base}/v1/apps/${'x'.repeat(65)}/config`);
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');
    expect(((await invalid.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('param.appId');
    expect((await fetch(`${base}/v1/apps/%E0%A4%A/config`)).status).toBeGreaterThanOrEqual(400);
    expect((await fetch(`${base}/v1/apps/nope/config`)).status).toBe(404);
    expect((await fetch(`${base}/v1/apps/demo/config`, { method: 'OPTIONS' })).status).toBe(204);
    expect((await fetch(`${base}/v1/apps/demo/config`, { method: 'HEAD' })).status).toBe(200);
    expect(answeredFast).toBe(before);
  });

  it('leaves a missing, unusual, invalid or unlisted Host to the route, which node-server validates', async () => {
    const { port } = new URL(base);
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
    const get = (host: string) => raw(`GET /v1/apps/demo/config HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    const before = answeredFast;
    expect(await get('bad host')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await get('example.com:99999')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await get('LocalHost')).toMatch(/^HTTP\/1\.1 200 /); // valid, just not plain: the route answers
    expect(await raw('GET /v1/apps/demo/config HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /); // node-server's hostname fallback
    // A host the service does not answer for (only loopback names, in development): the route's 421.
    expect(await get('consent.example.com:60999')).toMatch(/^HTTP\/1\.1 421 /);
    expect(answeredFast).toBe(before);
    expect(await get('localhost:60999')).toMatch(/^HTTP\/1\.1 200 /);
    expect(answeredFast).toBe(before + 1);
  });

  it('leaves the request to the route when the fast path throws, and the service stays up', async () => {
    const failing = await listen({ app: t.app, deps: t.deps, fastPath: () => { throw new Error('broken cache'); } }, { port: 0, hostname: '127.0.0.1' });
    try {
      const res = await fetch(`http://127.0.0.1:${failing.port}/v1/apps/demo/config`);
      expect(res.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${failing.port}/healthz`)).status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => failing.server.close(() => resolve()));
    }
  });

  it('serves a new version at once after a publish (the cache is invalidated, the fast path misses)', async () => {
    const before = (await fetch(`${base}/v1/apps/demo/config`)).headers.get('etag');
    const hits = answeredFast;
    const { publishDraft, upsertDraft } = await import('./configs.repository.js');
    const { parseConfig } = await import('../../schema/index.js');
    const at = t.clock.now().toISOString();
    await upsertDraft(t.db, 'demo', parseConfig({ consent: { brandName: 'Fast Path' } }), at, 'test');
    await publishDraft(t.db, 'demo', at, 'test');
    t.configCache.invalidate('demo');
    const after = await fetch(`${base}/v1/apps/demo/config`);
    expect(answeredFast).toBe(hits); // the miss went to the route, which refilled the cache
    expect(after.headers.get('etag')).not.toBe(before);
    expect((await fetch(`${base}/v1/apps/demo/config`)).headers.get('etag')).toBe(after.headers.get('etag'));
    expect(answeredFast).toBe(hits + 1);
    expect(((await after.json()) as { consent: { brandName: string } }).consent.brandName).toBe('Fast Path');
  });
});
