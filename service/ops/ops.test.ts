import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../app.js';
import { fixedClock } from '../clock.js';
import { migrateToLatest, openDatabase, type Db } from '../db/database.js';
import { createEditorLink } from '../editor/editor-tokens.js';
import { listen } from '../http/node-server.js';
import { silentLogger } from '../logging/logger.js';
import { seedDemoApp } from '../seed/demo-app.js';
import type { ConsentTerms } from '../consents/consent-terms.js';
import { insertConsent } from '../consents/consents.repository.js';
import { BUNDLE_DIR } from '../testing/test-app.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../testing/test-database.js';
import { createUser } from '../users/users.repository.js';
import { createEndpoint } from '../webhooks/webhooks.repository.js';

const TOKEN = 'metrics-token-0123456789';

/**
 * Jobs and webhook deliveries in every state the gauges tell apart, on a real consent and endpoint:
 * queued 90 s and 30 s ago, one running; outbox rows pending, retrying, given up and delivered.
 */
async function queueRows(db: Db) {
  const at = '2026-11-24T23:00:00.000Z';
  await db.insertInto('institutions').values({ id: 'inst_ops', name: 'Ops Bank', short_name: 'Ops', country: 'AU', type: 'cdr', tier: 1, sandbox: 1, brand_color: '#123456', status: 'operational', status_reason: null, status_since: at, issuer: null, resource_base_uri: null, public_base_uri: null, logo_uri: null, logo: null, logo_type: null }).execute();
  const user = await createUser(db, 'demo', { email: 'ops@example.com' }, at);
  const terms = { clusters: ['bank:accounts.basic:read'], purposes: [], durationDays: 90, sharingStart: at, sharingEnd: '2027-02-22T00:00:00.000Z', retrievalSpanDays: 365, retrievalFrom: '2025-11-24T00:00:00.000Z', retainData: false, onRevocation: 'delete', accountIds: [], configVersion: 1, recipient: { name: 'Demo', accreditationNumber: 'ADRBNK000001', brandName: 'Demo' } } satisfies ConsentTerms;
  await db.transaction().execute((trx) => insertConsent(trx, { id: 'cns_ops', app_id: 'demo', user_id: user.id, institution_id: 'inst_ops', customer_login: 'jsmith', receipt_id: 'rcpt_ops', idempotency_key: 'ops', created_at: at, arrangement_id: null, issuer: null }, terms, at));
  const job = (id: string, status: 'queued' | 'running', createdAt: string) => ({ id, app_id: 'demo', consent_id: 'cns_ops', kind: 'connect' as const, status, steps: '[]', error_code: null, error_detail: null, created_at: createdAt, updated_at: createdAt, lease_owner: null, lease_expires_at: null });
  await db.insertInto('jobs').values([job('job_a', 'queued', '2026-11-24T23:58:30.000Z'), job('job_b', 'queued', '2026-11-24T23:59:30.000Z'), job('job_c', 'running', at)]).execute();
  const endpoint = await createEndpoint(db, 'demo', 'https://hooks.example/ops', ['consent.granted'], at);
  const delivery = (id: string, attempts: number, failedAt: string | null, deliveredAt: string | null) => ({ id, event_id: `evt_${id}`, endpoint_id: endpoint.id, app_id: 'demo', event_type: 'consent.granted', body: '{}', attempts, next_attempt_at: at, delivered_at: deliveredAt, failed_at: failedAt, last_error: null, created_at: at });
  await db.insertInto('webhook_deliveries').values([delivery('d1', 0, null, null), delivery('d2', 2, null, null), delivery('d3', 8, at, null), delivery('d4', 1, null, at)]).execute();
}
const clock = fixedClock('2026-11-25T00:00:00.000Z');
const dirs: string[] = [];
const databases: TestDatabase[] = [];
const dbs: Db[] = [];

/** A new migrated database of the dialect under test, with the demo app. */
async function freshDb(): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), 'ops-'));
  dirs.push(dir);
  const database = await createTestDatabase(dir);
  databases.push(database);
  const db = openDatabase(database.url);
  dbs.push(db);
  await migrateToLatest(db);
  await seedDemoApp(db, clock);
  return db;
}

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.destroy()));
  await Promise.all(databases.map((d) => d.drop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const build = (options: Partial<AppOptions> = {}, on = db) => createApp({ db: on, clock, bundleDir: BUNDLE_DIR, log: silentLogger, metricsToken: TOKEN, ...options });
const scrape = async (service: ReturnType<typeof build>) => {
  const res = await service.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
};

describe('GET /readyz', () => {
  it('is ready on a migrated database, and not once a stop has begun', async () => {
    const service = build();
    const ready = await service.app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    service.drain();
    const stopping = await service.app.request('/readyz');
    expect(stopping.status).toBe(503);
    expect(await stopping.json()).toMatchObject({ type: '/problems/not-ready', detail: 'The service is stopping.' });
    // Liveness is another question: a draining instance is still alive.
    expect((await service.app.request('/healthz')).status).toBe(200);
  });

  it('is not ready while the database lacks a migration this code expects', async () => {
    const behind = await freshDb();
    await behind.deleteFrom('kysely_migration' as never).where('name' as never, '=', '2026-12-05T04-00-rate-limits' as never).execute();
    const res = await build({}, behind).app.request('/readyz');
    expect(res.status).toBe(503);
    expect((await res.json()).detail).toBe('Migrations not applied: 2026-12-05T04-00-rate-limits.');
  });

  it('is not ready when the database does not answer', async () => {
    const gone = await freshDb();
    const service = build({}, gone);
    await gone.destroy();
    dbs.splice(dbs.indexOf(gone), 1);
    const res = await service.app.request('/readyz');
    expect(res.status).toBe(503);
    expect((await res.json()).detail).toBe('The database did not answer.');
    // Metrics still answer: what needs the database is NaN, the process's own figures are there.
    const text = await scrape(service);
    // prom-client writes `Nan`; Prometheus reads NaN in any case.
    expect(text).toMatch(/^consent_jobs_queued nan$/im);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});

describe('GET /metrics', () => {
  it('does not exist without a token, and asks for the token when it does', async () => {
    expect((await build({ metricsToken: undefined }).app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    const service = build();
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`]) {
      const res = await service.app.request('/metrics', authorization ? { headers: { authorization } } : {});
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    }
  });

  it('counts requests by route pattern and status, never by raw path, with latency histograms', async () => {
    const service = build();
    await service.app.request('/v1/apps/demo/institutions');
    await service.app.request('/v1/apps/no-such-app/institutions');
    await service.app.request('/no/such/path/tok_secret');
    const text = await scrape(service);
    expect(text).toMatch(/^# TYPE http_requests_total counter$/m);
    expect(text).toContain('http_requests_total{method="GET",route="/v1/apps/:appId/institutions",status="200"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/v1/apps/:appId/institutions",status="404"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/v1\/apps\/:appId\/institutions"\} 2$/m);
    expect(text).not.toContain('no-such-app');
    expect(text).not.toContain('tok_secret');
    // Process figures come with it (event loop lag, memory).
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('counts the config fast path under the route it stands in for', async () => {
    const service = build();
    const { server, port } = await listen(service, { port: 0, hostname: '127.0.0.1' });
    try {
      // The first read fills the cache through the route, the others come from the fast path.
      for (let i = 0; i < 3; i++) expect((await fetch(`http://127.0.0.1:${port}/v1/apps/demo/config`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await scrape(service)).toContain('http_requests_total{method="GET",route="/v1/apps/:appId/config",status="200"} 3');
  });

  it('reports the job queue, webhook backlog and failures, and the database pool', async () => {
    const queueDb = await freshDb();
    const service = build({ poolStats: () => ({ total: 10, idle: 7, waiting: 2 }) }, queueDb);
    const empty = await scrape(service);
    expect(empty).toMatch(/^consent_jobs_queued 0$/m);
    expect(empty).toMatch(/^consent_jobs_oldest_queued_age_seconds 0$/m);

    await queueRows(queueDb);
    service.metrics.webhookAttemptFailed(false);
    service.metrics.webhookAttemptFailed(true);

    const text = await scrape(service);
    expect(text).toMatch(/^consent_jobs_queued 2$/m);
    expect(text).toMatch(/^consent_jobs_running 1$/m);
    expect(text).toMatch(/^consent_jobs_oldest_queued_age_seconds 90$/m);
    expect(text).toMatch(/^consent_webhook_deliveries_pending 2$/m);
    expect(text).toMatch(/^consent_webhook_deliveries_retrying 1$/m);
    expect(text).toMatch(/^consent_webhook_deliveries_given_up 1$/m);
    expect(text).toContain('consent_webhook_attempt_failures_total{final="false"} 1');
    expect(text).toContain('consent_webhook_attempt_failures_total{final="true"} 1');
    expect(text).toContain('consent_db_pool_connections{state="total"} 10');
    expect(text).toContain('consent_db_pool_connections{state="in_use"} 3');
    expect(text).toContain('consent_db_pool_connections{state="waiting"} 2');
    // By default the pool the database was opened with: SQLite's one connection, or pg's pool.
    const own = await scrape(build());
    if (testDialect() === 'sqlite') {
      expect(own).toContain('consent_db_pool_connections{state="total"} 1');
      expect(own).not.toContain('state="in_use"');
    } else {
      expect(own).toMatch(/^consent_db_pool_connections\{state="total"\} [1-9]\d*$/m);
      expect(own).toMatch(/^consent_db_pool_connections\{state="waiting"\} 0$/m);
    }
  });
});

describe('draining', () => {
  it('tells open preview streams to reconnect, then ends them', async () => {
    const service = build();
    const link = await createEditorLink(db, clock, 'demo', 'ops test');
    const spent = await service.app.request('/editor', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ link: link.token }).toString() });
    const cookie = (spent.headers.get('set-cookie') ?? '').split(';')[0]!;
    const res = await service.app.request('/preview/demo/events', { headers: { cookie } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: draft')) text += decoder.decode((await reader.read()).value, { stream: true });
    service.drain();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
    expect(text).toMatch(/event: reconnect\ndata: \{\}\nretry: 1000\n\n$/);
  });
});
