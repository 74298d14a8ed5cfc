import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxDataHolder, type SandboxDataHolder } from '../data-holder/sandbox.js';
import { openDatabase, type Db } from '../service/db/database.js';
import { authoriseAtBank, httpRequester, postGrant } from '../service/testing/connect-flow.js';
import { createTestDatabase, type TestDatabase } from '../service/testing/test-database.js';
import { freePort } from './support/free-port.js';
import { roundRobin } from './support/round-robin.js';
import { runCli, startServiceProcess } from './support/service-process.js';

// Two real service processes on one PostgreSQL, behind one public origin that alternates between them:
// what a deployment of many instances is (docs/deploy.md).
const dir = mkdtempSync(join(tmpdir(), 'consent-ui-two-'));
let holder: SandboxDataHolder;
let database: TestDatabase;
let db: Db;
let balancer: Awaited<ReturnType<typeof roundRobin>>;
const instances = new Map<string, Awaited<ReturnType<typeof startServiceProcess>> & { port: number }>();
const received: { eventId: string; type: string }[] = [];
const hook = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    received.push({ eventId: String(req.headers['consent-ui-event-id']), type: (JSON.parse(body) as { type: string }).type });
    res.writeHead(200).end();
  });
});
let env: Record<string, string>;

const until = async (check: () => Promise<boolean> | boolean, what: string, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

async function start(name: string) {
  const port = await freePort();
  const instance = await startServiceProcess({ ...env, PORT: String(port) });
  instances.set(name, { ...instance, port });
}

beforeAll(async () => {
  holder = await startSandboxDataHolder();
  const credentials = join(dir, 'recipient.json');
  writeFileSync(credentials, JSON.stringify(await holder.sandboxCredentials('consent-ui-two-instances')), { mode: 0o600 });
  database = await createTestDatabase(dir, { dialect: 'postgres' });
  db = openDatabase(database.url);
  balancer = await roundRobin(() => [...instances.values()].filter((i) => i.child.exitCode === null && i.child.signalCode === null).map((i) => i.port));
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  env = { DATABASE_URL: database.url, CDR_SANDBOX_FILE: credentials, PUBLIC_URL: balancer.url, SCHEDULER_INTERVAL_MS: '100', SANDBOX_STEP_DELAY_MS: '0' };
  // Both at once: they migrate the same database.
  await Promise.all([start('a'), start('b')]);
}, 90_000);

afterAll(async () => {
  for (const instance of instances.values()) await instance.kill();
  hook.closeAllConnections();
  await new Promise((resolve) => hook.close(resolve));
  await balancer?.close();
  await db?.destroy();
  await database?.drop();
  await holder?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('two instances on one PostgreSQL', () => {
  it('share journeys, publishes and deliveries, and lose nothing when one is killed mid-work', async () => {
    const { id: appId, apiKey } = JSON.parse(
      await runCli('service/cli/app-create.ts', ['--name', 'Two', '--brand-name', 'Budget Buddy', '--legal-name', 'Budget Buddy Pty Ltd', '--accreditation-number', 'ADRBNK000123', '--cdr-policy-url', 'https://budgetbuddy.example/cdr-policy', '--origin', balancer.url, '--json'], env),
    ) as { id: string; apiKey: string };
    const through = (base: string) => async (path: string, options: { method?: string; body?: unknown } = {}) =>
      fetch(`${base}${path}`, { method: options.method ?? (options.body ? 'POST' : 'GET'), headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, ...(options.body ? { body: JSON.stringify(options.body) } : {}) });
    const partner = { call: through(balancer.url) };
    const [a, b] = [instances.get('a')!, instances.get('b')!];
    const direct = (i: { port: number }) => through(`http://127.0.0.1:${i.port}`);
    expect((await partner.call('/v1/webhooks', { body: { url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks`, events: ['consent.granted', 'consent.revoked', 'job.failed'] } })).status).toBe(201);

    // A journey through the balancer: each request may land on either instance.
    const request = httpRequester(balancer.url);
    const journey = async () => {
      const flow = await authoriseAtBank({ request, dataHolder: holder }, partner, { returnUrl: `${balancer.url}/connect` });
      expect((await postGrant(flow)).status).toBe(303);
      return flow;
    };
    const first = await journey();
    await until(async () => (await db.selectFrom('jobs').select('status').where('app_id', '=', appId).executeTakeFirst())?.status === 'succeeded', 'the first connection job');

    // A publish through one instance is served by the other, with the same ETag (how soon: npm run bench).
    const publish = async (via: typeof a, brandName: string) => {
      const read = await direct(via)('/v1/config/draft');
      const draft = (await read.json()) as { config: Record<string, unknown> };
      const config = { ...draft.config, consent: { ...(draft.config.consent as object), brandName } };
      expect((await fetch(`http://127.0.0.1:${via.port}/v1/config/draft`, { method: 'PUT', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'if-match': read.headers.get('etag')! }, body: JSON.stringify(config) })).status).toBe(200);
      expect((await direct(via)('/v1/config/publish', { method: 'POST', body: {} })).status).toBe(201);
    };
    await direct(b)(`/v1/apps/${appId}/config`); // b caches the version it serves now
    await publish(a, 'Published on A');
    await until(async () => ((await (await fetch(`http://127.0.0.1:${b.port}/v1/apps/${appId}/config`)).json()) as { consent: { brandName: string } }).consent.brandName === 'Published on A', 'b serving a’s publish', 5_000);
    const [etagA, etagB] = await Promise.all([a, b].map(async (i) => (await fetch(`http://127.0.0.1:${i.port}/v1/apps/${appId}/config`)).headers.get('etag')));
    expect(etagB).toBe(etagA);

    // An editor session on b: its live preview follows a draft saved through a.
    const link = (await (await direct(a)('/v1/editor-links', { method: 'POST', body: {} })).json()) as { url: string };
    const opened = await fetch(`http://127.0.0.1:${b.port}/editor`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: new URLSearchParams({ link: new URL(link.url).searchParams.get('link')! }).toString() });
    expect(opened.status).toBe(303);
    const cookie = opened.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const preview = new AbortController();
    const events = await fetch(`http://127.0.0.1:${b.port}/preview/${appId}/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: preview.signal });
    expect(events.status).toBe(200);
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    let streamed = '';
    const brandsInStream = () => [...streamed.matchAll(/"brandName":"([^"]*)"/g)].map((m) => m[1]);
    const readUntil = async (brand: string) => {
      while (!brandsInStream().includes(brand)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('preview stream ended');
        streamed += value;
      }
    };
    await readUntil('Published on A');
    const draftRead = await direct(a)('/v1/config/draft');
    const draftConfig = (await draftRead.json()) as { config: Record<string, unknown> };
    expect((await fetch(`http://127.0.0.1:${a.port}/v1/config/draft`, { method: 'PUT', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'if-match': draftRead.headers.get('etag')! }, body: JSON.stringify({ ...draftConfig.config, consent: { ...(draftConfig.config.consent as object), brandName: 'Drafted on A' } }) })).status).toBe(200);
    await readUntil('Drafted on A');
    preview.abort();

    // A second journey; a is killed the moment the bank's answer is taken, its job possibly half done.
    const second = await authoriseAtBank({ request, dataHolder: holder }, partner, { returnUrl: `${balancer.url}/connect`, institutionId: 'sandbox-credit-union' });
    expect((await fetch(new URL(`${second.redirect!.pathname}${second.redirect!.search}`, `http://127.0.0.1:${a.port}`), { redirect: 'manual' })).status).toBe(303);
    await a.kill('SIGKILL');
    await until(async () => {
      const jobs = await db.selectFrom('jobs').select('status').where('app_id', '=', appId).execute();
      return jobs.length === 2 && jobs.every((j) => j.status === 'succeeded');
    }, 'both connection jobs, one finished by b');

    // Every job ran to its end once; every event reached the endpoint.
    const jobs = await db.selectFrom('jobs').select(['id', 'status', 'steps']).where('app_id', '=', appId).execute();
    for (const job of jobs) expect((JSON.parse(job.steps) as { status: string }[]).map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const consents = await db.selectFrom('consents').select('id').where('app_id', '=', appId).execute();
    expect(consents).toHaveLength(2);
    for (const consent of consents) await partner.call(`/v1/consents/${consent.id}`, { method: 'DELETE' });
    const outbox = await db.selectFrom('webhook_deliveries').select('event_id').where('app_id', '=', appId).execute();
    expect(outbox.length).toBe(4); // 2 granted, 2 revoked
    await until(() => outbox.every((row) => received.some((r) => r.eventId === row.event_id)), 'every webhook event delivered');
    expect(new Set(received.map((r) => r.type))).toEqual(new Set(['consent.granted', 'consent.revoked']));
    void first;
  }, 180_000);
});
