import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { expireDue, warnDue, WARNING_WINDOW_MS } from './consent-lifecycle.js';
import { listDueForWarning, listDueToExpire } from './consents.repository.js';
import type { JobRunner } from './job-runner.js';

/**
 * The lifecycle's clockwork, one `tick()` at a time: expire consents on time, warn 7 days ahead, run
 * queued jobs, deliver due webhooks. Driven by the injected clock, so tests advance time and call
 * `tick()` instead of waiting; the service calls it every second.
 */
export function lifecycleScheduler(deps: { db: Db; clock: Clock; log: Logger; jobs: JobRunner; webhooks: { deliverDue(): Promise<number> } }) {
  let ticking: Promise<void> | undefined;

  async function tick(): Promise<void> {
    const now = deps.clock.now();
    await expireDue(deps, await listDueToExpire(deps.db, now.toISOString()));
    await warnDue(deps, await listDueForWarning(deps.db, new Date(now.getTime() + WARNING_WINDOW_MS).toISOString()));
    await deps.jobs.runPending();
    await deps.webhooks.deliverDue();
  }

  return {
    /** One pass; overlapping calls share it. */
    tick(): Promise<void> {
      ticking ??= tick().finally(() => {
        ticking = undefined;
      });
      return ticking;
    },
    /** Ticks every `intervalMs` until the returned function is called. */
    start(intervalMs = 1000): () => Promise<void> {
      const timer = setInterval(() => {
        this.tick().catch((error: unknown) => deps.log.error({ msg: 'scheduler tick failed', error: String(error) }));
      }, intervalMs);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await ticking;
      };
    },
  };
}
