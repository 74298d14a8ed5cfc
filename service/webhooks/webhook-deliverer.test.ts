import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import { authoriseAtBank, grant } from '../testing/connect-flow.js';
import { addPartner } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { webhookDeliverer } from './webhook-deliverer.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, verifySignature } from './webhook-signature.js';
import { createEndpoint, enqueueEvent } from './webhooks.repository.js';

const TIMEOUT_MS = 500;
let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp({ lifecycle: { webhooks: { timeoutMs: TIMEOUT_MS } } });
});
afterAll(() => t.close());
// Each test starts with no endpoint left over from another still owed deliveries.
afterEach(() => t.db.updateTable('webhook_endpoints').set({ disabled_at: t.clock.now().toISOString() }).where('disabled_at', 'is', null).execute());

/** A receiver on loopback whose answer each test sets; it records requests and how many are open at once. */
async function receiver(handle: (req: IncomingMessage, res: ServerResponse) => void = (req, res) => res.writeHead(200).end()) {
  const received: { path: string; headers: IncomingMessage['headers']; body: string }[] = [];
  // Requests open at once, overall ('*'), per application (first path segment) and per endpoint (path).
  const open = new Map<string, number>();
  const peak = new Map<string, number>();
  const count = (keys: string[], by: number) =>
    keys.forEach((key) => {
      open.set(key, (open.get(key) ?? 0) + by);
      peak.set(key, Math.max(peak.get(key) ?? 0, open.get(key)!));
    });
  const server = createServer((req, res) => {
    const keys = ['*', req.url!.split('/')[1]!, req.url!];
    count(keys, 1);
    res.on('close', () => count(keys, -1));
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => received.push({ path: req.url!, headers: req.headers, body }));
    handler(req, res);
  });
  let handler = handle;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received,
    peak,
    answer(next: typeof handle) {
      handler = next;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const until = async (check: () => boolean | Promise<boolean>, ms = 5_000) => {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now();
};

describe("one application's slow endpoints", () => {
  it("hold up neither another application's deliveries nor consent expiry", async () => {
    const silent = await receiver(() => {}); // accepts, never answers
    const fast = await receiver();
    try {
      const slow = await addPartner(t);
      const other = await addPartner(t);
      const { consentId } = (await (await grant(t, await authoriseAtBank(t, other))).json()) as { consentId: string };
      const at = t.clock.now().toISOString();
      for (let i = 0; i < 3; i++) await createEndpoint(t.db, slow.appId, silent.url(`/slow/${i}`), ['consent.granted'], at);
      for (let i = 0; i < 5; i++) await enqueueEvent(t.db, slow.appId, 'consent.granted', {}, at);
      await createEndpoint(t.db, other.appId, fast.url('/other'), ['consent.revoked'], at);
      await enqueueEvent(t.db, other.appId, 'consent.revoked', {}, at);

      const started = performance.now();
      const stop = t.lifecycle.scheduler.start(50);
      try {
        const delivered = await until(() => fast.received.length === 1);
        // Due to expire only once the slow deliveries are under way.
        await until(() => silent.received.length === 3);
        t.clock.advance(366 * 86_400_000);
        const due = performance.now();
        const expired = await until(async () => (await t.db.selectFrom('consent_states').select('status').where('consent_id', '=', consentId).executeTakeFirst())?.status === 'expired');
        expect(delivered - started, "the other application's delivery, in ms").toBeLessThan(TIMEOUT_MS);
        expect(expired - due, 'expiry after it fell due, in ms').toBeLessThan(TIMEOUT_MS);
      } finally {
        await stop();
      }
      expect(await t.db.selectFrom('webhook_deliveries').select('id').where('app_id', '=', slow.appId).where('delivered_at', 'is not', null).execute()).toEqual([]);
    } finally {
      await Promise.all([silent.close(), fast.close()]);
    }
  });
});

describe('limits', () => {
  it('keeps to the global, per-application and per-endpoint limits, and delivers everything', async () => {
    const held = await receiver((req, res) => setTimeout(() => res.writeHead(204).end(), 100));
    const send = webhookDeliverer({ db: t.db, clock: t.clock, log: silentLogger, limits: { global: 5, perApp: 3, perEndpoint: 1 } });
    try {
      const at = t.clock.now().toISOString();
      for (const name of ['a', 'b']) {
        const partner = await addPartner(t);
        for (let i = 0; i < 4; i++) await createEndpoint(t.db, partner.appId, held.url(`/${name}/${i}`), ['consent.granted'], at);
        for (let i = 0; i < 2; i++) await enqueueEvent(t.db, partner.appId, 'consent.granted', {}, at);
      }
      await send.deliverDue();
      await send.idle();
      expect(held.received).toHaveLength(16);
      expect(held.peak.get('*')).toBe(5);
      expect(Math.max(held.peak.get('a')!, held.peak.get('b')!)).toBe(3);
      for (const [path, peak] of held.peak) if (path.startsWith('/')) expect(peak, path).toBe(1);
    } finally {
      await held.close();
    }
  });
});

describe('an endpoint that does not answer', () => {
  it('rests as a whole on its own schedule, then gets every event with its own id', async () => {
    const hook = await receiver(() => {});
    const send = webhookDeliverer({ db: t.db, clock: t.clock, log: silentLogger, timeoutMs: 200 });
    try {
      const partner = await addPartner(t);
      const at = t.clock.now().toISOString();
      const { secret } = await createEndpoint(t.db, partner.appId, hook.url('/dead/0'), ['consent.granted'], at);
      const events = [];
      for (let i = 0; i < 4; i++) events.push(await enqueueEvent(t.db, partner.appId, 'consent.granted', { n: i }, new Date(t.clock.now().getTime() - 4 + i).toISOString()));
      await send.deliverDue();
      await send.idle();
      expect(hook.received, 'one attempt, not one per event').toHaveLength(1);
      t.clock.advance(29_000);
      await send.deliverDue();
      await send.idle();
      expect(hook.received, 'still resting').toHaveLength(1);
      t.clock.advance(1_000);
      await send.deliverDue();
      await send.idle();
      expect(hook.received, 'one attempt after 30 s').toHaveLength(2);

      hook.answer((req, res) => res.writeHead(200).end());
      t.clock.advance(60_000);
      await send.deliverDue();
      await send.idle();
      const ids = hook.received.map((r) => r.headers[EVENT_ID_HEADER]);
      expect(new Set(ids)).toEqual(new Set(events));
      expect(ids.slice(2), 'in the order they were recorded').toEqual(events);
      for (const r of hook.received) expect(verifySignature(secret, r.body, r.headers[SIGNATURE_HEADER] as string, Math.floor(t.clock.now().getTime() / 1000), 120)).toBe(true);
    } finally {
      await hook.close();
    }
  });
});

describe('stopping', () => {
  it('abandons a delivery in flight without recording it, so it is sent again, with the same event id', async () => {
    const hook = await receiver(() => {});
    const first = webhookDeliverer({ db: t.db, clock: t.clock, log: silentLogger });
    try {
      const partner = await addPartner(t);
      const at = t.clock.now().toISOString();
      const endpoint = await createEndpoint(t.db, partner.appId, hook.url('/stop/0'), ['consent.granted'], at);
      const eventId = await enqueueEvent(t.db, partner.appId, 'consent.granted', {}, at);
      await first.deliverDue();
      await until(() => hook.received.length === 1);
      await first.stop();
      expect(await t.db.selectFrom('webhook_deliveries').select(['attempts', 'last_error']).where('endpoint_id', '=', endpoint.id).executeTakeFirst()).toEqual({ attempts: 0, last_error: null });

      hook.answer((req, res) => res.writeHead(200).end());
      const second = webhookDeliverer({ db: t.db, clock: t.clock, log: silentLogger });
      await second.deliverDue();
      await second.idle();
      expect(hook.received.map((r) => r.headers[EVENT_ID_HEADER])).toEqual([eventId, eventId]);
    } finally {
      await hook.close();
    }
  });
});
