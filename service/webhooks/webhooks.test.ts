import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authoriseAtBank, grant } from '../testing/connect-flow.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, verifySignature } from './webhook-signature.js';

/** A partner's webhook receiver on loopback: answers with `status()` and records what arrived. */
async function receiver(status: () => number) {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, close: () => new Promise((r) => server.close(r)) };
}

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('webhook endpoints', () => {
  it('validates the URL and the event names, with paths', async () => {
    const partner = await addPartner(t);
    const res = await partner.call('/v1/webhooks', { method: 'POST', body: { url: 'http://hooks.example/x', events: ['consent.granted', 'consent.exploded'] } });
    const problem = await problemOf(res);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['body.events.1', 'body.url']);
  });

  it('shows the signing secret once: not in the list', async () => {
    const partner = await addPartner(t);
    const created = (await (await partner.call('/v1/webhooks', { method: 'POST', body: { url: 'https://hooks.example/x', events: ['consent.granted'] } })).json()) as { secret: string };
    expect(created.secret).toMatch(/^whsec_/);
    const list = await (await partner.call('/v1/webhooks')).text();
    expect(list).not.toContain(created.secret);
  });
});

describe('webhook deliveries', () => {
  it('delivers consent.granted signed over timestamp and body, with an event id', async () => {
    const hook = await receiver(() => 200);
    try {
      const partner = await addPartner(t);
      const { secret } = (await (await partner.call('/v1/webhooks', { method: 'POST', body: { url: hook.url, events: ['consent.granted', 'consent.revoked'] } })).json()) as { secret: string };
      await grant(t, await authoriseAtBank(t, partner));
      await t.lifecycle.scheduler.tick();
      expect(hook.received).toHaveLength(1);
      const [delivery] = hook.received;
      const body = JSON.parse(delivery!.body) as { id: string; type: string; data: { consentId: string } };
      expect(body.type).toBe('consent.granted');
      expect(delivery!.headers[EVENT_ID_HEADER]).toBe(body.id);
      const signature = delivery!.headers[SIGNATURE_HEADER] as string;
      expect(verifySignature(secret, delivery!.body, signature, Math.floor(t.clock.now().getTime() / 1000))).toBe(true);
      expect(verifySignature(secret, delivery!.body.replace('granted', 'revoked'), signature, Math.floor(t.clock.now().getTime() / 1000))).toBe(false);
    } finally {
      await hook.close();
    }
  });

  it('retries a failing endpoint with backoff, keeping the event id, until it succeeds', async () => {
    let answer = 500;
    const hook = await receiver(() => answer);
    try {
      const partner = await addPartner(t);
      const { id } = (await (await partner.call('/v1/webhooks', { method: 'POST', body: { url: hook.url, events: ['consent.granted'] } })).json()) as { id: string };
      await grant(t, await authoriseAtBank(t, partner));
      await t.lifecycle.scheduler.tick();
      expect(hook.received).toHaveLength(1);
      await t.lifecycle.scheduler.tick();
      expect(hook.received, 'not retried before its backoff').toHaveLength(1);
      t.clock.advance(30_000);
      await t.lifecycle.scheduler.tick();
      expect(hook.received).toHaveLength(2);
      answer = 204;
      t.clock.advance(60_000);
      await t.lifecycle.scheduler.tick();
      expect(hook.received).toHaveLength(3);
      const ids = new Set(hook.received.map((r) => r.headers[EVENT_ID_HEADER]));
      expect(ids.size).toBe(1);
      const deliveries = (await (await partner.call(`/v1/webhooks/${id}/deliveries`)).json()) as { data: { attempts: number; deliveredAt: string | null; lastError: string | null }[] };
      expect(deliveries.data[0]).toMatchObject({ attempts: 3, lastError: null });
      expect(deliveries.data[0]!.deliveredAt).not.toBeNull();
      t.clock.advance(24 * 3_600_000);
      await t.lifecycle.scheduler.tick();
      expect(hook.received, 'never again once delivered').toHaveLength(3);
    } finally {
      await hook.close();
    }
  });

  it('sends nothing to endpoints of other applications or for unsubscribed events', async () => {
    const hook = await receiver(() => 200);
    try {
      const listener = await addPartner(t);
      await listener.call('/v1/webhooks', { method: 'POST', body: { url: hook.url, events: ['consent.granted'] } });
      const other = await addPartner(t);
      // Another application's grant (a leak would arrive here), and the listener's own revocation (not subscribed).
      await grant(t, await authoriseAtBank(t, other));
      const own = (await (await grant(t, await authoriseAtBank(t, listener))).json()) as { consentId: string };
      await listener.call(`/v1/consents/${own.consentId}`, { method: 'DELETE' });
      await t.lifecycle.scheduler.tick();
      expect(hook.received.map((r) => (JSON.parse(r.body) as { type: string; data: { consentId: string } }).data.consentId)).toEqual([own.consentId]);
      expect(hook.received.map((r) => (JSON.parse(r.body) as { type: string }).type)).toEqual(['consent.granted']);
    } finally {
      await hook.close();
    }
  });
});

describe('webhook targets (SSRF)', () => {
  it('refuses private and link-local addresses, and loopback outside the sandbox', async () => {
    const sandbox = await addPartner(t);
    const production = await addPartner(t, { environment: 'production' });
    const path = async (partner: Awaited<ReturnType<typeof addPartner>>, url: string) => {
      const res = await partner.call('/v1/webhooks', { method: 'POST', body: { url, events: ['consent.granted'] } });
      return res.status === 201 ? 'ok' : (await problemOf(res)).errors![0]!.message;
    };
    expect(await path(sandbox, 'http://127.0.0.1:9999/hook')).toBe('ok');
    expect(await path(production, 'http://127.0.0.1:9999/hook')).toMatch(/sandbox applications only/);
    expect(await path(sandbox, 'https://169.254.169.254/latest/meta-data')).toMatch(/Private, link-local and other special-purpose/);
    expect(await path(production, 'https://10.0.0.5/hook')).toMatch(/Private, link-local and other special-purpose/);
    expect(await path(production, 'https://[fd00::1]/hook')).toMatch(/Private, link-local and other special-purpose/);
    expect(await path(production, 'https://hooks.partner.example/consent')).toBe('ok');
  });
});

describe('every lifecycle event reaches a subscribed endpoint', () => {
  it('delivers granted, connection.refreshed, amended, job.failed, warning and expired', async () => {
    const hook = await receiver(() => 200);
    try {
      const partner = await addPartner(t);
      await partner.call('/v1/webhooks', {
        method: 'POST',
        body: { url: hook.url, events: ['consent.granted', 'consent.amended', 'consent.revoked', 'consent.warning', 'consent.expired', 'connection.refreshed', 'job.failed'] },
      });
      const types = () => hook.received.map((r) => (JSON.parse(r.body) as { type: string }).type);
      const flow = await authoriseAtBank(t, partner);
      const { consentId } = (await (await grant(t, flow)).json()) as { consentId: string };
      await partner.call(`/v1/connections/${consentId}/refresh`, { method: 'POST' });
      await t.lifecycle.scheduler.tick();
      await t.lifecycle.scheduler.tick();
      expect(types()).toEqual(['consent.granted', 'connection.refreshed']);

      // An extension whose job fails because the bank went down meanwhile.
      const extend = await authoriseAtBank(t, partner, { userId: flow.userId, purpose: 'extend', consentId });
      await t.db.updateTable('institutions').set({ status: 'down', status_reason: 'Outage' }).where('id', '=', 'sandbox-bank').execute();
      try {
        await grant(t, extend);
      } finally {
        await t.db.updateTable('institutions').set({ status: 'operational', status_reason: null }).where('id', '=', 'sandbox-bank').execute();
      }
      await t.lifecycle.scheduler.tick();
      expect(types().slice(2)).toEqual(['consent.amended', 'job.failed']);

      t.clock.advance(359 * 86_400_000); // within 7 days of the (extended) end
      await t.lifecycle.scheduler.tick();
      await t.lifecycle.scheduler.tick();
      expect(types().at(-1)).toBe('consent.warning');
      t.clock.advance(7 * 86_400_000);
      await t.lifecycle.scheduler.tick();
      await t.lifecycle.scheduler.tick();
      expect(types().at(-1)).toBe('consent.expired');
      const ids = hook.received.map((r) => r.headers[EVENT_ID_HEADER]);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await hook.close();
    }
  });
});

describe('webhook lists: pages and isolation', () => {
  type Page = { data: { id: string }[]; nextCursor: string | null };
  const register = async (partner: Awaited<ReturnType<typeof addPartner>>, url = 'https://hooks.example/x') =>
    ((await (await partner.call('/v1/webhooks', { method: 'POST', body: { url, events: ['consent.granted'] } })).json()) as { id: string; secret: string });

  /** Walks a list with ?limit=1, checking each page has one item and a cursor until the last. */
  const walk = async (partner: Awaited<ReturnType<typeof addPartner>>, path: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await partner.call(`${path}?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page;
      expect(page.data).toHaveLength(1);
      ids.push(page.data[0]!.id);
      cursor = page.nextCursor;
    } while (cursor && ids.length < 10);
    return ids;
  };

  it('pages GET /v1/webhooks with limit and cursor, and answers 400 with the path for a bad limit', async () => {
    const partner = await addPartner(t);
    const made = [(await register(partner)).id, (await register(partner, 'https://hooks.example/y')).id];
    const all = (await (await partner.call('/v1/webhooks')).json()) as Page;
    expect(all.nextCursor).toBeNull();
    expect(await walk(partner, '/v1/webhooks')).toEqual(all.data.map((e) => e.id));
    expect(all.data.map((e) => e.id).sort()).toEqual(made.sort());
    const bad = await partner.call('/v1/webhooks?limit=500');
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).errors).toEqual([{ path: 'query.limit', message: 'At most 100' }]);
  });

  it('pages GET /v1/webhooks/{id}/deliveries, newest first, with no cut-off', async () => {
    const partner = await addPartner(t);
    const { id } = await register(partner);
    for (let i = 0; i < 3; i++) await grant(t, await authoriseAtBank(t, partner));
    const all = (await (await partner.call(`/v1/webhooks/${id}/deliveries`)).json()) as { data: { id: string; eventType: string }[]; nextCursor: string | null };
    expect(all.data).toHaveLength(3);
    expect(all.data.every((d) => d.eventType === 'consent.granted')).toBe(true);
    expect(await walk(partner, `/v1/webhooks/${id}/deliveries`)).toEqual(all.data.map((d) => d.id));
    const bad = await partner.call(`/v1/webhooks/${id}/deliveries?cursor=%%%`);
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).errors!.map((e) => e.path)).toEqual(['query.cursor']);
  });

  it("never shows, removes or reads the deliveries of another application's endpoint (404)", async () => {
    const owner = await addPartner(t);
    const other = await addPartner(t);
    const { id, secret } = await register(owner);
    await grant(t, await authoriseAtBank(t, owner));
    expect(((await (await owner.call(`/v1/webhooks/${id}/deliveries`)).json()) as Page).data).toHaveLength(1);

    const list = await other.call('/v1/webhooks');
    expect(await list.json()).toEqual({ data: [], nextCursor: null });
    const deliveries = await other.call(`/v1/webhooks/${id}/deliveries`);
    expect(deliveries.status).toBe(404);
    const removed = await other.call(`/v1/webhooks/${id}`, { method: 'DELETE' });
    expect(removed.status).toBe(404);
    for (const res of [deliveries, removed]) {
      const text = JSON.stringify(await problemOf(res));
      expect(text).not.toContain('hooks.example');
      expect(text).not.toContain(secret);
    }
    expect(((await (await owner.call('/v1/webhooks')).json()) as Page).data.map((e) => e.id)).toEqual([id]);
    expect((await owner.call('/v1/webhooks/whk_unknown/deliveries')).status).toBe(404);
  });
});
