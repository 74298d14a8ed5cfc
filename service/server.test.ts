import type { Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession, SessionInfo, User } from '../schema/index.js';
import { createApplication } from './apps/create-application.js';
import { listen } from './http/node-server.js';
import { createTestApp } from './testing/test-app.js';

/** The real server on a free loopback port, spoken to over HTTP as a partner and the widget would. */
let t: Awaited<ReturnType<typeof createTestApp>>;
let server: Server;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  const listening = await listen(t, { port: 0, hostname: '127.0.0.1' });
  server = listening.server;
  base = `http://127.0.0.1:${listening.port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

describe('the service over real HTTP', () => {
  it('runs a partner integration end to end: key → user → session → the widget reads it', async () => {
    const { application, apiKey } = await createApplication(t.db, t.clock, { name: 'Over HTTP', origins: ['https://partner.example'] });
    const partner = (path: string, body?: unknown) =>
      fetch(`${base}${path}`, { method: body ? 'POST' : 'GET', headers: { authorization: `Bearer ${apiKey.key}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const user = (await (await partner('/v1/users', { email: 'http@example.com' })).json()) as User;
    const created = await partner('/v1/sessions', { userId: user.id, purpose: 'connect' });
    expect(created.status).toBe(201);
    const session = (await created.json()) as CreatedSession;
    expect(session.url).toBe(`${base}/connect?session=${session.token}`);

    const preflight = await fetch(`${base}/v1/session`, { method: 'OPTIONS', headers: { origin: 'https://partner.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    const res = await fetch(`${base}/v1/session`, { headers: { authorization: `Bearer ${session.token}`, origin: 'https://partner.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    expect(((await res.json()) as SessionInfo).application.id).toBe(application.id);
  });

  it('serves the published config with its ETag, and a 304 for it', async () => {
    const res = await fetch(`${base}/v1/apps/demo/config`);
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag')!;
    const again = await fetch(`${base}/v1/apps/demo/config`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers an HTTP/1.0 request without a Host header (load balancer health checks)', async () => {
    const { port } = new URL(base);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /healthz HTTP/1.0\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw).toContain('{"status":"ok"}');
  });

  it('rejects an oversized body with 413 problem+json', async () => {
    const res = await fetch(`${base}/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
