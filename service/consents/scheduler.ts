import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { expireDue, warnDue, WARNING_WINDOW_MS } from './consent-lifecycle.js';
import { listDueForWarning, listDueToExpire } from './consents.repository.js';
import type { JobRunner } from './job-runner.js';

/** What the scheduler needs of the webhook deliverer. */
export interface DeliveryLoop {
  /** Starts what is due; must not wait for the deliveries themselves. */
  deliverDue(): Promise<number>;
  /** Resolves when nothing is in flight. */
  idle(): Promise<void>;
  /** Aborts what is in flight, leaving it due. */
  stop(): Promise<void>;
}

/** Runs `work` one pass at a time: a call while a pass runs shares it. */
function singleFlight(work: () => Promise<unknown>) {
  let running: Promise<void> | undefined;
  return {
    run(): Promise<void> {
      running ??= work()
        .then(() => undefined)
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    settled: () => running?.catch(() => undefined),
  };
}

/**
 * The lifecycle's clockwork: expire consents on time and warn 7 days ahead, run queued jobs, deliver due
 * webhooks. Three loops that never wait for each other, so a partner's slow webhook endpoint or a long
 * connection job cannot hold back an expiry (data must stop flowing when the consent's term ends).
 * Driven by the injected clock, so tests advance time and call `tick()` instead of waiting.
 */
export function lifecycleScheduler(deps: { db: Db; clock: Clock; log: Logger; jobs: JobRunner; webhooks: DeliveryLoop }) {
  const lifecycle = singleFlight(async () => {
    const now = deps.clock.now();
    await expireDue(deps, await listDueToExpire(deps.db, now.toISOString()));
    await warnDue(deps, await listDueForWarning(deps.db, new Date(now.getTime() + WARNING_WINDOW_MS).toISOString()));
  });
  const jobs = singleFlight(() => deps.jobs.runPending());
  const deliveries = singleFlight(() => deps.webhooks.deliverDue());
  const loops = { lifecycle, jobs, deliveries } as const;

  return {
    /**
     * One turn of everything in order — expiry and warnings, jobs, then webhooks, waiting until they
     * have all been sent — for tests, which want a settled world after it. The service's loops never
     * wait for one another.
     */
    async tick(): Promise<void> {
      await lifecycle.run();
      await jobs.run();
      // Jobs a grant or a refresh started in the background belong to a settled world too: a pass that
      // found one of them claimed by its own process already does not wait for it.
      await deps.jobs.idle();
      await deliveries.run();
      await deps.webhooks.idle();
    },
    /**
     * Runs each loop every `intervalMs` until the returned function is called, which waits for passes
     * under way and abandons deliveries in flight, unrecorded, for the next start to send (shutdown).
     */
    start(intervalMs = 1000): () => Promise<void> {
      const timers = Object.entries(loops).map(([name, loop]) => {
        const timer = setInterval(() => {
          loop.run().catch((error: unknown) => deps.log.error({ msg: `scheduler ${name} pass failed`, error: String(error) }));
        }, intervalMs);
        timer.unref();
        return timer;
      });
      return async () => {
        for (const timer of timers) clearInterval(timer);
        await Promise.all([lifecycle.settled(), jobs.settled(), deliveries.settled(), deps.webhooks.stop()]);
      };
    },
  };
}
