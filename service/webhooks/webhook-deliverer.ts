import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { DEFAULT_DELIVERY_LIMITS, DeliverySlots, type DeliveryLimits } from './delivery-slots.js';
import { EndpointBackoff } from './endpoint-backoff.js';
import { postWebhook, systemResolve, type Resolve } from './webhook-request.js';
import { backoffMs, MAX_ATTEMPTS } from './webhook-retry.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';
import { claimDelivery, listDueDeliveries, releaseClaims, releaseClaimsOfGone, type DueDelivery } from './webhooks.repository.js';
import { isKnownGone, newRunnerInstanceId } from '../consents/runner-instance.js';

/** How long past an attempt's time limit its claim lasts: then another instance may try it again. */
const CLAIM_MARGIN_MS = 30_000;
/** How often to look for claims of processes that are gone. */
const GONE_CHECK_MS = 10_000;

export { backoffMs } from './webhook-retry.js';

/** Delivery tuning; every field has a production default. */
export interface WebhookDeliveryOptions {
  /** Resolves endpoint hosts at each attempt; the system resolver by default (tests inject one). */
  readonly resolve?: Resolve;
  /** One attempt's limit, resolution to status line; 10 s by default. */
  readonly timeoutMs?: number;
  /** Deliveries in flight at once (delivery-slots.ts has the defaults and why). */
  readonly limits?: Partial<DeliveryLimits>;
  /** Trust anchors in place of Node's bundled ones (tests' own HTTPS receivers). */
  readonly ca?: string | readonly string[];
  /** Told of each failed attempt, and whether it was the last (the service's metrics). */
  readonly onFailedAttempt?: (final: boolean) => void;
}

/**
 * Sends due deliveries from the durable outbox, several at once within per-endpoint, per-application and
 * global limits, so one partner's slow endpoints cannot hold up another's. At least once: a delivery is
 * marked done only after a 2xx, so a crash mid-send means it is sent again after a restart, with the same
 * event id for the receiver to de-duplicate. A freed slot is refilled at once, not at the next tick.
 */
export function webhookDeliverer(deps: { db: Db; clock: Clock; log: Logger } & WebhookDeliveryOptions) {
  const resolve = deps.resolve ?? systemResolve;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const slots = new DeliverySlots({ ...DEFAULT_DELIVERY_LIMITS, ...deps.limits });
  const backoff = new EndpointBackoff();
  /** This deliverer's id in claims: a restart can tell its claims are of a process that is gone. */
  const owner = newRunnerInstanceId();
  let goneCheckedAt = -Infinity;
  const inFlight = new Map<string, Promise<void>>();
  const stopping = new AbortController();
  let filling: Promise<number> | undefined;
  let refill = false;

  /** Starts every due delivery a free slot allows; returns how many it started. */
  async function fill(): Promise<number> {
    if (stopping.signal.aborted || slots.free === 0) return 0;
    const now = deps.clock.now();
    // What a killed process had taken is due again at once, not when its claim runs out; looked at
    // now and then, as it is rare.
    if (performance.now() - goneCheckedAt > GONE_CHECK_MS) {
      goneCheckedAt = performance.now();
      await releaseClaimsOfGone(deps.db, isKnownGone, now.toISOString());
    }
    const full = slots.full();
    const due = await listDueDeliveries(deps.db, now.toISOString(), {
      perEndpoint: slots.limits.perEndpoint,
      perApp: slots.limits.perApp,
      limit: slots.free * slots.limits.perApp,
      skipDeliveries: [...inFlight.keys()],
      skipApps: full.apps,
      skipEndpoints: [...full.endpoints, ...backoff.resting(now.getTime())],
    });
    let started = 0;
    for (const delivery of due) {
      if (!slots.canTake(delivery) || inFlight.has(delivery.id)) continue;
      slots.take(delivery);
      const attempt = send(delivery).then(
        () => {
          done(delivery);
          void deliverDue().catch((error: unknown) => deps.log.error({ msg: 'webhook refill failed', error: String(error) }));
        },
        // Not refilled at once: the delivery is still due, and a failing database would make it a busy loop.
        (error: unknown) => {
          done(delivery);
          deps.log.error({ msg: 'webhook delivery crashed', deliveryId: delivery.id, error: String(error) });
        },
      );
      inFlight.set(delivery.id, attempt);
      started++;
    }
    return started;
  }

  function done(delivery: DueDelivery) {
    slots.release(delivery);
    inFlight.delete(delivery.id);
  }

  async function send(delivery: DueDelivery): Promise<void> {
    const attempts = delivery.attempts + 1;
    const startedAt = deps.clock.now();
    // Another instance may have read the same row: the one whose claim lands sends it.
    if (!(await claimDelivery(deps.db, delivery, new Date(startedAt.getTime() + timeoutMs + CLAIM_MARGIN_MS).toISOString(), owner))) return;
    let outcome;
    try {
      outcome = await postWebhook({
        url: delivery.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'ConsentUI-Webhooks/1',
          [EVENT_ID_HEADER]: delivery.eventId,
          [SIGNATURE_HEADER]: signatureHeader(delivery.secret, delivery.body, Math.floor(startedAt.getTime() / 1000)),
        },
        body: delivery.body,
        environment: delivery.environment,
        resolve,
        timeoutMs,
        signal: stopping.signal,
        ...(deps.ca ? { ca: deps.ca } : {}),
      });
    } catch (error) {
      // Stopped mid-send: nothing is recorded, so the delivery is still due after the restart.
      if (stopping.signal.aborted) return;
      throw error;
    }
    if (outcome.ok) {
      backoff.answered(delivery.endpointId);
      await deps.db.updateTable('webhook_deliveries').set({ attempts, delivered_at: deps.clock.now().toISOString(), last_error: null, claimed_by: null }).where('id', '=', delivery.id).execute();
      return;
    }
    if (outcome.unreachable) backoff.unreachable(delivery.endpointId, startedAt.getTime());
    else backoff.answered(delivery.endpointId);
    const giveUp = attempts >= MAX_ATTEMPTS;
    deps.log.warn({ msg: 'webhook delivery failed', deliveryId: delivery.id, eventId: delivery.eventId, attempts, error: outcome.error, detail: outcome.detail, giveUp });
    deps.onFailedAttempt?.(giveUp);
    // Timed from the attempt's start, not its end: how long a failure took is not for the partner to read.
    await deps.db
      .updateTable('webhook_deliveries')
      .set({ attempts, last_error: outcome.error, next_attempt_at: new Date(startedAt.getTime() + backoffMs(attempts)).toISOString(), failed_at: giveUp ? startedAt.toISOString() : null, claimed_by: null })
      .where('id', '=', delivery.id)
      .execute();
  }

  /** Starts what is due now; overlapping calls share one pass, and a call during a pass runs one more. */
  function deliverDue(): Promise<number> {
    if (filling) {
      refill = true;
      return filling;
    }
    filling = (async () => {
      let started = 0;
      do {
        refill = false;
        started += await fill();
      } while (refill);
      return started;
    })().finally(() => {
      filling = undefined;
    });
    return filling;
  }

  return {
    deliverDue,
    /** Resolves when nothing is in flight and no pass is running, refills included (tests). */
    async idle(): Promise<void> {
      while (inFlight.size || filling) await Promise.allSettled([filling, ...inFlight.values()]);
    },
    /** Aborts what is in flight, leaving it due, and starts nothing more (shutdown). */
    async stop(): Promise<void> {
      stopping.abort();
      await Promise.allSettled([filling, ...inFlight.values()]);
      // Attempts cut short are given back, so the next process sends them without waiting.
      await releaseClaims(deps.db, owner, deps.clock.now().toISOString()).catch(() => undefined);
    },
  };
}

export type WebhookDeliverer = ReturnType<typeof webhookDeliverer>;
