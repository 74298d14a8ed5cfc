import type { Db } from '../db/database.js';

/** Backlogs at one instant: connection jobs and webhook deliveries (both read through their indexes). */
export async function queueSnapshot(db: Db, now: Date) {
  const [jobs, webhooks] = await Promise.all([
    db
      .selectFrom('jobs')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('status', 'in', ['queued', 'running'])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('webhook_deliveries')
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere('failed_at', 'is', null).as('pending'),
        eb.fn.countAll<number>().filterWhere((w) => w.and([w('failed_at', 'is', null), w('attempts', '>', 0)])).as('retrying'),
        eb.fn.countAll<number>().filterWhere('failed_at', 'is not', null).as('given_up'),
      ])
      .where('delivered_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  const queued = jobs.find((row) => row.status === 'queued');
  const running = jobs.find((row) => row.status === 'running');
  return {
    jobsQueued: Number(queued?.n ?? 0),
    jobsRunning: Number(running?.n ?? 0),
    oldestQueuedAgeSeconds: queued?.oldest ? Math.max(0, (now.getTime() - new Date(queued.oldest).getTime()) / 1000) : 0,
    webhooksPending: Number(webhooks.pending),
    webhooksRetrying: Number(webhooks.retrying),
    webhooksGivenUp: Number(webhooks.given_up),
  };
}
