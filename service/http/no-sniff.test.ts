import type { Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartner } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { listen } from './node-server.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let partner: Awaited<ReturnType<typeof addPartner>>;
let sessionToken: string;
beforeAll(async () => {
  t = await createTestApp();
  partner = await addPartner(t, { name: 'No sniff' });
  const user = (await (await partner.call('/v1/users', { method: 'POST', body: { reference: 'no-sniff' } })).json()) as { id: string };
  sessionToken = ((await (await partner.call('/v1/sessions', { method: 'POST', body: { userId: user.id, purpose: 'connect' } })).json()) as { token: string }).token;
});
afterAll(() => t.close());

/** A path a route's pattern matches, with real values where the route needs one to answer 200. */
const concrete = (path: string) =>
  path
    .replace(':appId', 'demo')
    .replace(/:file(\{[^}]*\})?/, 'sandbox-bank.svg')
    .replace(/:(\w+)(\{[^}]*\})?/g, 'probe')
    .replace(/\/\*$/, '/probe');

const missing = (res: Response) => (res.headers.get('x-content-type-options') === 'nosniff' ? [] : [`${res.status} ${res.headers.get('content-type')}`]);

describe('X-Content-Type-Options: nosniff', () => {
  it('is on every answer of every route: anonymous, with a key, with a body, and a preflight', async () => {
    const routes = [...new Set(t.app.routes.map((r) => `${r.method} ${r.path}`))];
    expect(routes.length).toBeGreaterThan(60);
    const without: string[] = [];
    const statuses = new Set<number>();
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const methods = method === 'ALL' ? ['GET', 'POST'] : [method];
      for (const m of methods) {
        const url = concrete(path);
        const requests: RequestInit[] = [
          { method: m },
          { method: m, headers: { authorization: `Bearer ${partner.key}` } },
          { method: m, headers: { authorization: `Bearer ${sessionToken}` } },
          ...(m === 'GET' || m === 'HEAD' ? [] : [{ method: m, headers: { authorization: `Bearer ${partner.key}`, 'content-type': 'application/json' }, body: '{' }]),
          ...(m === 'OPTIONS' ? [{ method: m, headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' } }] : []),
        ];
        for (const init of requests) {
          const res = await t.app.request(url, init);
          statuses.add(res.status);
          for (const what of missing(res)) without.push(`${m} ${url}: ${what}`);
        }
      }
    }
    expect(without).toEqual([]);
    // The walk met successes, client errors and the not-found answer alike.
    for (const status of [200, 204, 400, 401, 404, 415]) expect(statuses).toContain(status);
  });

  it('is on the hosted page, a bundle, a logo, a published config, the OpenAPI document, a 404 and a 413', async () => {
    const answers = [
      await t.app.request(`/connect?session=${sessionToken}`),
      await t.app.request('/widget.js'),
      await t.app.request('/logos/sandbox-bank.svg'),
      await t.app.request('/v1/apps/demo/config'),
      await t.app.request('/openapi.json'),
      await t.app.request('/no/such/page'),
      await partner.call('/v1/users', { method: 'POST', body: 'x'.repeat(300 * 1024), headers: { 'content-type': 'application/json' } }),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200, 200, 404, 413]);
    expect(answers.flatMap(missing)).toEqual([]);
  });

  describe('over real HTTP', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      await t.configCache.get('demo'); // so the Node-level fast path answers the config
      ({ server, port } = await listen(t, { port: 0, hostname: '127.0.0.1' }));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(request));
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });

    it('is on the fast path (200 and 304), on routed answers and on the answers node-server writes itself', async () => {
      const base = `http://127.0.0.1:${port}`;
      const fast = await fetch(`${base}/v1/apps/demo/config`);
      const notModified = await fetch(`${base}/v1/apps/demo/config`, { headers: { 'if-none-match': fast.headers.get('etag')! } });
      const routed = await fetch(`${base}/healthz`);
      expect([fast.status, notModified.status, routed.status]).toEqual([200, 304, 200]);
      expect([fast, notModified, routed].flatMap(missing)).toEqual([]);
      // An invalid Host never reaches the app: @hono/node-server answers 400 on its own.
      const badHost = await raw('GET /healthz HTTP/1.1\r\nHost: bad host\r\nConnection: close\r\n\r\n');
      expect(badHost).toMatch(/^HTTP\/1\.1 400 /);
      expect(badHost.toLowerCase()).toContain('\r\nx-content-type-options: nosniff\r\n');
    });
  });
});
