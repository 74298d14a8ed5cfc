import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../app.js';
import { fixedClock } from '../clock.js';
import { migrateToLatest, openDatabase, type Db } from '../db/database.js';
import { createEditorLink } from '../editor/editor-tokens.js';
import { listen } from '../http/node-server.js';
import { silentLogger } from '../logging/logger.js';
import { seedDemoApp } from '../seed/demo-app.js';
import { BUNDLE_DIR } from '../testing/test-app.js';

const TOKEN = 'metrics-token-0123456789';
const clock = fixedClock('2026-11-25T00:00:00.000Z');
const dirs: string[] = [];
const dbs: Db[] = [];

async function freshDb(): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), 'ops-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'test.db'));
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

    // Rows alone, without the consents and endpoints behind them: only the counts are read.
    await sql`pragma foreign_keys = off`.execute(queueDb);
    const job = (id: string, status: string, createdAt: string) => ({ id, app_id: 'demo', consent_id: 'cns_x', kind: 'connect', status, steps: '[]', error_code: null, error_detail: null, created_at: createdAt, updated_at: createdAt, lease_owner: null, lease_expires_at: null });
    await queueDb.insertInto('jobs').values([job('job_a', 'queued', '2026-11-24T23:58:30.000Z'), job('job_b', 'queued', '2026-11-24T23:59:30.000Z'), job('job_c', 'running', '2026-11-24T23:00:00.000Z')] as never).execute();
    const delivery = (id: string, attempts: number, failedAt: string | null, deliveredAt: string | null) => ({ id, event_id: `evt_${id}`, endpoint_id: 'whe_x', app_id: 'demo', event_type: 'consent.granted', body: '{}', attempts, next_attempt_at: '2026-11-25T00:00:00.000Z', delivered_at: deliveredAt, failed_at: failedAt, last_error: null, created_at: '2026-11-25T00:00:00.000Z' });
    await queueDb.insertInto('webhook_deliveries').values([delivery('d1', 0, null, null), delivery('d2', 2, null, null), delivery('d3', 8, '2026-11-25T00:00:00.000Z', null), delivery('d4', 1, null, '2026-11-25T00:00:00.000Z')]).execute();
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
    // SQLite by default: one connection, nothing more to say.
    const sqlite = await scrape(build());
    expect(sqlite).toContain('consent_db_pool_connections{state="total"} 1');
    expect(sqlite).not.toContain('state="in_use"');
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
