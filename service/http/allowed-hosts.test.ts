import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../app.js';
import { servedHosts } from '../env.js';
import { silentLogger } from '../logging/logger.js';
import { collectOperations } from '../openapi/openapi-document.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { BUNDLE_DIR, createTestApp } from '../testing/test-app.js';
import { hostPolicy, isLoopbackName, normalHost } from './allowed-hosts.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let partner: Awaited<ReturnType<typeof addPartner>>;
let userId: string;
beforeAll(async () => {
  t = await createTestApp();
  partner = await addPartner(t, { name: 'Hosts' });
  userId = ((await (await partner.call('/v1/users', { method: 'POST', body: { reference: 'hosts' } })).json()) as { id: string }).id;
});
afterAll(() => t.close());

/**
 * The same service (database, recipient) built with other host settings. The data holder still calls
 * the test app's loopback listener, which answers as in development.
 */
const serviceWith = (options: Partial<AppOptions>) => createApp({ db: t.db, clock: t.clock, bundleDir: BUNDLE_DIR, log: silentLogger, recipient: t.recipient, ...options });

/** Every link a request mints, by the route that mints it. */
async function mintedLinks(app: ReturnType<typeof serviceWith>['app'], origin: string) {
  const asKey = (path: string, body?: unknown) =>
    app.request(`${origin}${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { authorization: `Bearer ${partner.key}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const session = (await (await asKey('/v1/sessions', { userId, purpose: 'connect' })).json()) as { url: string; token: string };
  const editorLink = (await (await asKey('/v1/editor-links', {})).json()) as { url: string };
  const institutions = (await (await app.request(`${origin}/v1/apps/demo/institutions`)).json()) as { data: { logoUrl: string }[] };
  const handover = await app.request(`${origin}/v1/session/authorisations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ institutionId: 'sandbox-bank', clusters: [], returnUrl: `${new URL(session.url).origin}/connect`, mode: 'redirect' }),
  });
  expect(handover.status, await handover.clone().text()).toBe(201);
  return { session: session.url, editorLink: editorLink.url, logo: institutions.data[0]!.logoUrl, handover: ((await handover.json()) as { url: string }).url };
}

describe('hostPolicy', () => {
  it('answers loopback names on any port when neither PUBLIC_URL nor ALLOWED_HOSTS is set (development)', () => {
    const policy = hostPolicy();
    for (const host of ['localhost', 'localhost:8787', '127.0.0.1:1', 'app.localhost', '[::1]:8787']) expect(policy.allows(host), host).toBe(true);
    for (const host of ['evil.example', 'localhost.evil.example', '10.0.0.1', '128.0.0.1:8787']) expect(policy.allows(host), host).toBe(false);
    expect(policy.originFor(new URL('http://localhost:8787/x'))).toBe('http://localhost:8787');
  });

  it('answers only the listed hosts, exactly (a port is part of the host), and PUBLIC_URL’s', () => {
    const policy = hostPolicy({ allowedHosts: ['consent.example', 'CONSENT.example:8443'], publicUrl: 'https://public.example' });
    expect(['consent.example', 'consent.example:8443', 'public.example'].map(policy.allows)).toEqual([true, true, true]);
    expect(['consent.example:8444', 'localhost', 'evil.example', 'sub.consent.example'].map(policy.allows)).toEqual([false, false, false, false]);
  });

  it('with PUBLIC_URL alone answers any Host and mints from PUBLIC_URL', () => {
    const policy = hostPolicy({ publicUrl: 'https://consent.example/' });
    expect(policy.allows('evil.example')).toBe(true);
    expect(policy.originFor(new URL('http://evil.example/x'))).toBe('https://consent.example');
  });

  it('reads host[:port] values and nothing else', () => {
    expect(['a.example', 'A.example:80', '[::1]:8787', '127.0.0.1:8443'].map(normalHost)).toEqual(['a.example', 'a.example', '[::1]:8787', '127.0.0.1:8443']);
    expect(['a.example/x', 'user@a.example', 'a.example:99999', 'a example', 'a.example?x'].map(normalHost)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(['localhost', '127.0.0.1', '::1', '[::1]'].every(isLoopbackName)).toBe(true);
    expect(['0.0.0.0', '::', 'example.com'].some(isLoopbackName)).toBe(false);
  });
});

describe('servedHosts (service/env.ts)', () => {
  const base = { HOST: 'localhost', PORT: 8787, NODE_ENV: undefined, PUBLIC_URL: undefined, ALLOWED_HOSTS: undefined };

  it('needs nothing in development: NODE_ENV not production and HOST a loopback name (npm start)', () => {
    expect(servedHosts(base)).toEqual({});
    expect(servedHosts({ ...base, HOST: '127.0.0.1', NODE_ENV: 'development' })).toEqual({});
  });

  it('refuses, in one line, a production start or a non-loopback HOST without PUBLIC_URL or ALLOWED_HOSTS', () => {
    expect(() => servedHosts({ ...base, NODE_ENV: 'production' })).toThrow(/^Set PUBLIC_URL .* or ALLOWED_HOSTS .*NODE_ENV=production[^\n]*$/);
    expect(() => servedHosts({ ...base, HOST: '0.0.0.0' })).toThrow(/HOST=0\.0\.0\.0 is not a loopback address/);
    expect(servedHosts({ ...base, NODE_ENV: 'production', PUBLIC_URL: 'https://consent.example' })).toEqual({ publicUrl: 'https://consent.example' });
  });

  it('adds the address it gives data holders (http://HOST:PORT) to ALLOWED_HOSTS when PUBLIC_URL is unset', () => {
    expect(servedHosts({ ...base, HOST: '0.0.0.0', ALLOWED_HOSTS: ['consent.example'] })).toEqual({ allowedHosts: ['consent.example', '0.0.0.0:8787'] });
    expect(servedHosts({ ...base, HOST: '0.0.0.0', ALLOWED_HOSTS: ['consent.example'], PUBLIC_URL: 'https://consent.example' })).toEqual({ publicUrl: 'https://consent.example', allowedHosts: ['consent.example'] });
  });

  it('service/main.ts refuses to start with that one line on stderr', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: ':memory:' };
    delete env.PUBLIC_URL;
    delete env.ALLOWED_HOSTS;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'service/main.ts'], { env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n').filter((line) => line && !line.includes('oidc-provider'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Set PUBLIC_URL .* or ALLOWED_HOSTS /);
    expect(run.stdout).not.toContain('Consent UI service on');
  });
});

describe('with ALLOWED_HOSTS', () => {
  let service: ReturnType<typeof serviceWith>;
  beforeAll(() => {
    service = serviceWith({ allowedHosts: ['consent.example', 'consent.example:8443'] });
  });

  it('answers 421 problem+json to every route for a host it does not list, before the route runs; probes answer any host', async () => {
    const probes = ['/healthz', '/readyz', '/metrics'];
    const routes = collectOperations(service.app.routes).operations;
    expect(routes.length).toBeGreaterThan(40);
    for (const { method, path } of routes.filter((r) => !probes.includes(r.path))) {
      const res = await service.app.request(`http://evil.example${path.replace(/:(\w+)(\{[^}]*\})?/g, 'x')}`, { method, headers: { authorization: `Bearer ${partner.key}` } });
      expect(res.status, `${method} ${path}`).toBe(421);
      const problem = await problemOf(res);
      expect(problem.type).toBe('/problems/misdirected-request');
      expect(JSON.stringify(problem)).not.toContain('evil.example');
    }
    for (const path of ['/healthz', '/readyz']) expect((await service.app.request(`http://10.0.0.7:8787${path}`)).status, path).toBe(200);
    // Nothing was minted, nor done: no session for the forged host's request.
    expect((await service.app.request('http://evil.example/v1/sessions', { method: 'POST', headers: { authorization: `Bearer ${partner.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ userId, purpose: 'connect' }) })).status).toBe(421);
  });

  it('mints every link from the request’s host when it is listed', async () => {
    for (const origin of ['http://consent.example', 'http://consent.example:8443']) {
      const links = await mintedLinks(service.app, origin);
      for (const [kind, link] of Object.entries(links)) expect(new URL(link).origin, kind).toBe(origin);
      expect(links.handover).toMatch(new RegExp(`^${origin}/connect/authorise/auth_`));
    }
  });
});

describe('with PUBLIC_URL', () => {
  it('mints every link from PUBLIC_URL whatever the Host says', async () => {
    const service = serviceWith({ publicUrl: 'https://consent.example' });
    for (const origin of ['http://evil.example', 'http://localhost:8787']) {
      const links = await mintedLinks(service.app, origin);
      for (const [kind, link] of Object.entries(links)) expect(new URL(link).origin, kind).toBe('https://consent.example');
    }
  });
});

describe('in development (no PUBLIC_URL, no ALLOWED_HOSTS), over HTTP', () => {
  const raw = (path: string, host: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(t.port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });

  it('answers a forged Host 421, the cached config included, and loopback names as before', async () => {
    await t.configCache.get('demo');
    for (const path of ['/v1/apps/demo/config', '/v1/apps/demo/institutions', '/connect?session=x']) {
      const forged = await raw(path, 'evil.example');
      expect(forged, path).toMatch(/^HTTP\/1\.1 421 /);
      expect(forged).toContain('application/problem+json');
      expect(forged).not.toContain('http://evil.example');
    }
    const own = await raw('/v1/apps/demo/institutions', `localhost:${t.port}`);
    expect(own).toMatch(/^HTTP\/1\.1 200 /);
    expect(own).toContain(`http://localhost:${t.port}/logos/`);
    expect(await raw('/v1/apps/demo/config', `127.0.0.1:${t.port}`)).toMatch(/^HTTP\/1\.1 200 /);
  });
});
