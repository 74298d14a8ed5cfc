import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../service/db/database.js';
import { httpRequester } from '../service/testing/connect-flow.js';
import { enqueueEvent } from '../service/webhooks/webhooks.repository.js';
import { runCli, startServiceProcess } from './support/service-process.js';

const dir = mkdtempSync(join(tmpdir(), 'consent-ui-restart-'));
const env = { DATABASE_URL: join(dir, 'consent.db'), SCHEDULER_INTERVAL_MS: '100', SANDBOX_STEP_DELAY_MS: '0' };
const stops: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  rmSync(dir, { recursive: true, force: true });
});

const until = async (check: () => boolean, what: string, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('webhook outbox across a crash', () => {
  it('delivers every event at least once, with its id, after the service is killed mid-delivery and restarted', async () => {
    // The receiver holds the first delivery open (the service is killed while waiting), then answers 200.
    const received: { eventId: string; type: string }[] = [];
    let held: ServerResponse | undefined;
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ eventId: String(req.headers['consent-ui-event-id']), type: (JSON.parse(body) as { type: string }).type });
        if (received.length === 1) held = res;
        else res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    stops.push(() => new Promise((r) => { held?.destroy(); hook.close(r); hook.closeAllConnections(); }));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks`;

    const first = await startServiceProcess(env);
    stops.push(() => first.kill());
    const { id: appId, apiKey } = JSON.parse(await runCli('service/cli/app-create.ts', ['--name', 'Restart test', '--brand-name', 'Restart', '--legal-name', 'Restart Pty Ltd', '--accreditation-number', 'ADRBNK000123', '--cdr-policy-url', 'https://restart.example/cdr-policy', '--json'], env)) as { id: string; apiKey: string };
    const request = httpRequester(first.url);
    const register = await request('/v1/webhooks', { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: hookUrl, events: ['consent.granted', 'consent.revoked'] }) });
    expect(register.status).toBe(201);

    // Events written to the outbox as a domain transaction writes them (the database file is shared), so
    // this test is about the outbox alone; e2e/consent-lifecycle.test.ts grants and revokes for real.
    const db = openDatabase(env.DATABASE_URL);
    stops.push(() => db.destroy());
    const record = (type: 'consent.granted' | 'consent.revoked') => enqueueEvent(db, appId, type, { consentId: 'cns_restart' }, new Date().toISOString());
    await record('consent.granted');
    await until(() => received.length === 1, 'the first delivery');
    await first.kill('SIGKILL');

    const second = await startServiceProcess(env);
    stops.push(() => second.kill('SIGTERM'));
    await until(() => received.length === 2, 'the redelivery after restart');
    await record('consent.revoked');
    await until(() => received.some((r) => r.type === 'consent.revoked'), 'consent.revoked');
    await new Promise((r) => setTimeout(r, 500)); // nothing more should arrive

    const byId = new Map(received.map((r) => [r.eventId, r.type]));
    expect([...byId.values()].sort()).toEqual(['consent.granted', 'consent.revoked']);
    expect(received.filter((r) => r.type === 'consent.granted').length).toBe(2); // once cut off by the crash, once delivered
    expect(received.filter((r) => r.type === 'consent.revoked').length).toBe(1);
    expect(received[0]!.eventId).toBe(received[1]!.eventId);
  }, 90_000);
});
