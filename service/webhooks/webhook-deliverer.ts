import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';

const MAX_ATTEMPTS = 10;
const BATCH = 20;
const TIMEOUT_MS = 10_000;

/** 30 s, 1 min, 2 min … capped at 6 h: about two days of retries before a delivery is given up. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 6 * 3_600_000);

/**
 * Sends due deliveries from the durable outbox. At least once: a delivery is marked done only after a
 * 2xx, so a crash mid-send means it is sent again after a restart; each carries its event id for the
 * receiver to de-duplicate. One pass at a time per process.
 */
export function webhookDeliverer(deps: { db: Db; clock: Clock; log: Logger; fetch?: typeof fetch }) {
  const send = deps.fetch ?? fetch;
  let running: Promise<number> | undefined;

  async function pass(): Promise<number> {
    const now = deps.clock.now();
    const due = await deps.db
      .selectFrom('webhook_deliveries')
      .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_deliveries.endpoint_id')
      .select(['webhook_deliveries.id', 'webhook_deliveries.event_id', 'webhook_deliveries.body', 'webhook_deliveries.attempts', 'webhook_endpoints.url', 'webhook_endpoints.secret'])
      .where('webhook_deliveries.delivered_at', 'is', null)
      .where('webhook_deliveries.failed_at', 'is', null)
      .where('webhook_endpoints.disabled_at', 'is', null)
      .where('webhook_deliveries.next_attempt_at', '<=', now.toISOString())
      .orderBy('webhook_deliveries.created_at')
      .limit(BATCH)
      .execute();
    for (const delivery of due) {
      const attempts = delivery.attempts + 1;
      let error: string | undefined;
      try {
        const response = await send(delivery.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'ConsentUI-Webhooks/1',
            [EVENT_ID_HEADER]: delivery.event_id,
            [SIGNATURE_HEADER]: signatureHeader(delivery.secret, delivery.body, Math.floor(deps.clock.now().getTime() / 1000)),
          },
          body: delivery.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
        await response.body?.cancel();
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause);
      }
      const at = deps.clock.now();
      if (!error) {
        await deps.db.updateTable('webhook_deliveries').set({ attempts, delivered_at: at.toISOString(), last_error: null }).where('id', '=', delivery.id).execute();
      } else {
        const giveUp = attempts >= MAX_ATTEMPTS;
        deps.log.warn({ msg: 'webhook delivery failed', deliveryId: delivery.id, eventId: delivery.event_id, attempts, error, giveUp });
        await deps.db
          .updateTable('webhook_deliveries')
          .set({ attempts, last_error: error, next_attempt_at: new Date(at.getTime() + backoffMs(attempts)).toISOString(), failed_at: giveUp ? at.toISOString() : null })
          .where('id', '=', delivery.id)
          .execute();
      }
    }
    return due.length;
  }

  return {
    /** Delivers what is due now; concurrent calls share one pass. Returns how many were attempted. */
    deliverDue(): Promise<number> {
      running ??= pass().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
