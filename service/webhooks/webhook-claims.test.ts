import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import { addPartner } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { webhookDeliverer } from './webhook-deliverer.js';
import { EVENT_ID_HEADER } from './webhook-signature.js';
import { createEndpoint, enqueueEvent, releaseClaimsOfGone } from './webhooks.repository.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('webhook deliveries shared by several instances', () => {
  it('are each sent once when two deliverers on one database race for the same due rows', async () => {
    const seen: string[] = [];
    // Slow enough that both deliverers read the rows before either has sent one.
    const server = createServer((req, res) => {
      seen.push(String(req.headers[EVENT_ID_HEADER]));
      req.resume();
      setTimeout(() => res.writeHead(200).end(), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const partner = await addPartner(t);
      const at = t.clock.now().toISOString();
      await createEndpoint(t.db, partner.appId, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, ['consent.granted'], at);
      const events = [];
      for (let i = 0; i < 12; i++) events.push(await enqueueEvent(t.db, partner.appId, 'consent.granted', { i }, at));
      const instances = [0, 1].map(() => webhookDeliverer({ db: t.db, clock: t.clock, log: silentLogger, limits: { global: 16, perApp: 8, perEndpoint: 8 } }));
      for (let round = 0; round < 6; round++) {
        await Promise.all(instances.map((d) => d.deliverDue()));
        await Promise.all(instances.map((d) => d.idle()));
      }
      expect(seen.length, 'requests the endpoint received').toBe(12);
      expect(new Set(seen).size).toBe(12);
      const undelivered = await t.db.selectFrom('webhook_deliveries').select('id').where('app_id', '=', partner.appId).where('delivered_at', 'is', null).execute();
      expect(undelivered).toEqual([]);
      await Promise.all(instances.map((d) => d.stop()));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('gives back at once what a process known to be gone had taken, and nothing of a live one', async () => {
    const partner = await addPartner(t);
    const at = t.clock.now().toISOString();
    await createEndpoint(t.db, partner.appId, 'http://127.0.0.1:9/hook', ['consent.granted'], at);
    await enqueueEvent(t.db, partner.appId, 'consent.granted', {}, at);
    await enqueueEvent(t.db, partner.appId, 'consent.granted', {}, at);
    const rows = await t.db.selectFrom('webhook_deliveries').select('id').where('app_id', '=', partner.appId).execute();
    const later = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    await t.db.updateTable('webhook_deliveries').set({ claimed_by: 'gone-owner', next_attempt_at: later }).where('id', '=', rows[0]!.id).execute();
    await t.db.updateTable('webhook_deliveries').set({ claimed_by: 'live-owner', next_attempt_at: later }).where('id', '=', rows[1]!.id).execute();

    expect(await releaseClaimsOfGone(t.db, (owner) => owner === 'gone-owner', at)).toBe(1);
    const after = await t.db.selectFrom('webhook_deliveries').select(['id', 'claimed_by', 'next_attempt_at']).where('app_id', '=', partner.appId).orderBy('id').execute();
    expect(after.find((r) => r.id === rows[0]!.id)).toMatchObject({ claimed_by: null, next_attempt_at: at });
    expect(after.find((r) => r.id === rows[1]!.id)).toMatchObject({ claimed_by: 'live-owner', next_attempt_at: later });
  });
});
