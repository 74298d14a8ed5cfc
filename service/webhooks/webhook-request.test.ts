import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { silentLogger } from '../logging/logger.js';
import { countingListener, redirectConnections } from '../testing/connection-guard.js';
import { addPartner } from '../testing/partner.js';
import { selfSignedCertificate } from '../testing/test-certificate.js';
import { createTestApp } from '../testing/test-app.js';
import { webhookDeliverer, type WebhookDeliveryOptions } from './webhook-deliverer.js';
import { ADDRESS_REFUSED, CONNECT_FAILED, LOOPBACK_FAILED, type ResolvedAddress } from './webhook-request.js';
import { createEndpoint, enqueueEvent } from './webhooks.repository.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });
const v6 = (address: string): ResolvedAddress => ({ address, family: 6 });
const PUBLIC = '93.184.216.34';

/** A stand-in for DNS: `/etc/hosts`-style loopback names and `.test` names answering what a test needs. */
function fakeDns(answers: Record<string, readonly ResolvedAddress[] | ((call: number) => readonly ResolvedAddress[])>) {
  const calls: string[] = [];
  const table: typeof answers = { localhost: [v4('127.0.0.1'), v6('::1')], 'localhost.': [v4('127.0.0.1')], ...answers };
  return {
    calls,
    resolve: async (host: string) => {
      calls.push(host);
      const answer = table[host];
      if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return typeof answer === 'function' ? answer(calls.filter((c) => c === host).length) : answer;
    },
  };
}

/** Registers `url` for a new application (straight into the table: registration would refuse most) and sends it one event. */
async function deliverOnce(url: string, options: { environment?: 'sandbox' | 'production'; deliverer: ReturnType<typeof webhookDeliverer> }) {
  const partner = await addPartner(t, { environment: options.environment ?? 'production' });
  const at = t.clock.now().toISOString();
  const endpoint = await createEndpoint(t.db, partner.appId, url, ['consent.granted'], at);
  await enqueueEvent(t.db, partner.appId, 'consent.granted', { consentId: 'cns_test' }, at);
  await options.deliverer.deliverDue();
  await options.deliverer.idle();
  return t.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpoint.id).executeTakeFirstOrThrow();
}

const deliverer = (options: WebhookDeliveryOptions & { clock?: Clock } = {}) => webhookDeliverer({ db: t.db, clock: t.clock, log: silentLogger, timeoutMs: 2_000, ...options });

describe('delivery-time address check: every spelling of a special address is refused before connecting', () => {
  // https throughout, so that each is refused for its address, not its scheme.
  const literal = [
    'https://127.0.0.1/h',
    'https://127.0.0.2/h',
    'https://127.1/h',
    'https://2130706433/h',
    'https://0x7f.1/h',
    'https://0x7f000001/h',
    'https://017700000001/h',
    'https://0177.0.0.1/h',
    'https://127.000.000.001/h',
    'https://[::1]/h',
    'https://[0:0:0:0:0:0:0:1]/h',
    'https://[::ffff:127.0.0.1]/h',
    'https://[::ffff:7f00:1]/h',
    'https://0.0.0.0/h',
    'https://0/h',
    'https://[::]/h',
    'https://[::ffff:0.0.0.0]/h',
    'https://10.0.0.5/h',
    'https://10.1/h',
    'https://172.16.0.1/h',
    'https://192.168.1.1/h',
    'https://[::ffff:10.0.0.1]/h',
    'https://100.64.0.1/h',
    'https://169.254.169.254/latest/meta-data',
    'https://0xa9fea9fe/latest/meta-data',
    'https://[fe80::1]/h',
    'https://[fd00::1]/h',
    'https://[fc00::1]/h',
    'https://198.18.0.1/h',
    'https://198.19.255.254/h',
    'https://[2001:2::1]/h',
    'https://224.0.0.1/h',
    'https://239.255.255.250/h',
    'https://[ff02::1]/h',
    'https://255.255.255.255/h',
    'https://240.0.0.1/h',
    'https://192.0.0.8/h',
    'https://192.0.2.1/h',
    'https://198.51.100.1/h',
    'https://203.0.113.1/h',
    'https://[2001:db8::1]/h',
    'https://[3fff::1]/h',
    'https://192.88.99.1/h',
    'https://[2002:7f00:1::1]/h',
    'https://[2002:a00:1::1]/h',
    'https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/h',
    'https://[64:ff9b::7f00:1]/h',
    'https://[64:ff9b::a00:1]/h',
    'https://[64:ff9b:1::a00:1]/h',
    'https://[::127.0.0.1]/h',
    'https://[::ffff:0:7f00:1]/h',
    'https://[fec0::1]/h',
    'https://[100::1]/h',
    'https://[5f00::1]/h',
  ];
  // Names: DNS (here a stand-in) may answer anything, whatever the name looks like.
  const named: Record<string, readonly ResolvedAddress[]> = {
    'loopback.test': [v4('127.0.0.1')],
    'mapped.test': [v6('::ffff:127.0.0.1')],
    'unspecified.test': [v4('0.0.0.0')],
    'private.test': [v4('10.1.2.3')],
    'metadata.test': [v4('169.254.169.254')],
    'ula.test': [v6('fd12:3456::1')],
    'nat64.test': [v6('64:ff9b::a9fe:a9fe')],
    'mixed.test': [v4(PUBLIC), v4('10.0.0.1')],
  };
  const cases: [string, 'sandbox' | 'production'][] = [
    ...literal.map((url) => [url, 'production'] as [string, 'production']),
    ['https://localhost/h', 'production'],
    ['https://localhost./h', 'production'],
    ['https://LOCALHOST./h', 'production'],
    ['https://a.b.localhost/h', 'production'],
    ['https://unknown.test/h', 'production'],
    ...Object.keys(named).map((host) => [`https://${host}/h`, 'production'] as [string, 'production']),
    // A sandbox application's loopback allowance is for loopback only: not "this host", not private.
    ['http://0.0.0.0:1/h', 'sandbox'],
    ['http://[::]:1/h', 'sandbox'],
    ['http://[::ffff:0.0.0.0]:1/h', 'sandbox'],
    ['https://10.0.0.5/h', 'sandbox'],
    ['https://mixed.test/h', 'sandbox'],
    ['https://private.test/h', 'sandbox'],
  ];
  const dns = fakeDns({ ...named, 'public.test': [v4(PUBLIC)] });
  let listener: Awaited<ReturnType<typeof countingListener>>;
  let guard: ReturnType<typeof redirectConnections>;
  let send: ReturnType<typeof webhookDeliverer>;
  beforeAll(async () => {
    listener = await countingListener();
    // Whatever slipped through would connect here, to be counted, and never leave the machine.
    guard = redirectConnections(listener.port);
    send = deliverer({ resolve: dns.resolve });
  });
  afterAll(async () => {
    guard.restore();
    await listener.close();
  });

  it('has a case for each kind of spelling', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s (%s application)', async (url, environment) => {
    const delivery = await deliverOnce(url, { environment, deliverer: send });
    expect(delivery).toMatchObject({ attempts: 1, delivered_at: null, last_error: ADDRESS_REFUSED });
    expect(guard.attempts).toEqual([]);
    expect(listener.connections).toBe(0);
  });

  it('would have seen a connection: a public address and a sandbox loopback endpoint do connect', async () => {
    const open = await deliverOnce('https://public.test/h', { deliverer: send });
    expect(open.last_error).toBe(CONNECT_FAILED); // the listener hangs up: no TLS
    expect(guard.attempts).toEqual([{ host: 'public.test', address: PUBLIC }]);
    expect(listener.connections).toBe(1);
    const loopback = await deliverOnce(`http://127.0.0.1:${listener.port}/h`, { environment: 'sandbox', deliverer: send });
    expect(loopback.last_error).toBe(LOOPBACK_FAILED);
    expect(listener.connections).toBe(2);
  });
});

describe('DNS rebinding', () => {
  it('connects to the address it checked, with the name for TLS and Host; a later answer of loopback is refused', async () => {
    const { cert, key } = await selfSignedCertificate('rebind.test');
    const seen: { host: string | undefined; servername: string | false | null }[] = [];
    const server = createHttpsServer({ cert, key }, (req, res) => {
      seen.push({ host: req.headers.host, servername: (req.socket as TLSSocket).servername });
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // Public on the first question, loopback on every one after: a check that asked DNS again to connect would land on loopback.
    const dns = fakeDns({ 'rebind.test': (call) => (call === 1 ? [v4(PUBLIC)] : [v4('127.0.0.1')]) });
    const guard = redirectConnections((server.address() as AddressInfo).port);
    try {
      const send = deliverer({ resolve: dns.resolve, ca: cert });
      const first = await deliverOnce('https://rebind.test/hooks', { deliverer: send });
      expect(first.delivered_at).not.toBeNull();
      expect(dns.calls).toEqual(['rebind.test']);
      expect(guard.attempts).toEqual([{ host: 'rebind.test', address: PUBLIC }]);
      expect(seen).toEqual([{ host: 'rebind.test', servername: 'rebind.test' }]);

      const second = await deliverOnce('https://rebind.test/hooks', { deliverer: send });
      expect(second).toMatchObject({ delivered_at: null, last_error: ADDRESS_REFUSED });
      expect(dns.calls).toEqual(['rebind.test', 'rebind.test']);
      expect(guard.attempts).toHaveLength(1);
      expect(seen).toHaveLength(1);
    } finally {
      guard.restore();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("a sandbox application's loopback endpoint", () => {
  const listen = async (server: Server | ReturnType<typeof createHttpServer>) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };

  it('reads the same whatever is (or is not) on the port, and fails at a time that does not tell either', async () => {
    const closedPort = await (async () => {
      const probe = createTcpServer();
      const port = await listen(probe);
      await new Promise((resolve) => probe.close(resolve));
      return port;
    })();
    const notFound = createHttpServer((req, res) => res.writeHead(404).end());
    const broken = createHttpServer((req, res) => res.writeHead(500).end());
    const notHttp = createTcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const silent = createTcpServer(() => {});
    const servers = [notFound, broken, notHttp, silent];
    const ports = { closed: closedPort, notFound: await listen(notFound), broken: await listen(broken), notHttp: await listen(notHttp), silent: await listen(silent) };
    // A clock that moves with real time, so a failure's recorded times could show how long it took.
    const base = t.clock.now().getTime();
    const started = performance.now();
    const clock: Clock = { now: () => new Date(base + (performance.now() - started)) };
    const send = deliverer({ clock, timeoutMs: 300 });
    try {
      const partners = await Promise.all(Object.keys(ports).map(() => addPartner(t, { environment: 'sandbox' })));
      const at = t.clock.now().toISOString();
      const endpoints = await Promise.all(Object.values(ports).map((port, i) => createEndpoint(t.db, partners[i]!.appId, `http://127.0.0.1:${port}/hooks`, ['consent.granted'], at)));
      for (const partner of partners) await enqueueEvent(t.db, partner.appId, 'consent.granted', {}, at);
      const before = performance.now();
      await send.deliverDue();
      await send.idle();
      expect(performance.now() - before, 'the silent port was waited for').toBeGreaterThanOrEqual(300);

      const shown = await Promise.all(
        endpoints.map(async (endpoint, i) => {
          const page = (await (await partners[i]!.call(`/v1/webhooks/${endpoint.id}/deliveries`)).json()) as { data: { lastError: string; nextAttemptAt: string; attempts: number }[] };
          return page.data[0]!;
        }),
      );
      expect(new Set(shown.map((d) => d.lastError))).toEqual(new Set([LOOPBACK_FAILED]));
      expect(shown.every((d) => d.attempts === 1)).toBe(true);
      const retries = shown.map((d) => Date.parse(d.nextAttemptAt));
      expect(Math.max(...retries) - Math.min(...retries), 'retry times are set from when the attempts started').toBeLessThan(150);
    } finally {
      for (const server of servers) {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close();
      }
    }
  });
});
