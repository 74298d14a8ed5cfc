import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { Recipient } from './recipient.js';

/** How long one attempt holds a row, so two instances draining at once do not both call the holder. */
const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;

/**
 * Drains the withdrawals owed to data holders (written with the revocation, in its transaction):
 * each is taken with a lease, sent, and marked done; a failure is retried with a growing wait, up to
 * six hours apart. Returns how many were done.
 */
export async function deliverHolderRevocations(deps: { db: Db; clock: Clock; log: Logger; recipient?: Recipient | undefined }): Promise<number> {
  const { db, clock, recipient } = deps;
  if (!recipient) return 0;
  const now = clock.now();
  const due = await db.selectFrom('holder_revocations').selectAll().where('done_at', 'is', null).where('next_attempt_at', '<=', now.toISOString()).orderBy('next_attempt_at').limit(20).execute();
  let done = 0;
  for (const row of due) {
    const leased = await db
      .updateTable('holder_revocations')
      .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where('consent_id', '=', row.consent_id)
      .where('arrangement_id', '=', row.arrangement_id)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    if (leased.numUpdatedRows !== 1n) continue;
    try {
      await recipient.revoke(row.issuer, row.arrangement_id);
      await db
        .updateTable('holder_revocations')
        .set({ done_at: clock.now().toISOString(), attempts: row.attempts + 1, last_error: null })
        .where('consent_id', '=', row.consent_id)
        .where('arrangement_id', '=', row.arrangement_id)
        .execute();
      done += 1;
    } catch (error) {
      const wait = Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** row.attempts);
      await db
        .updateTable('holder_revocations')
        .set({ attempts: row.attempts + 1, last_error: (error as Error).message.slice(0, 500), next_attempt_at: new Date(clock.now().getTime() + wait).toISOString() })
        .where('consent_id', '=', row.consent_id)
        .where('arrangement_id', '=', row.arrangement_id)
        .execute();
      deps.log.warn({ msg: 'arrangement revocation not delivered', consentId: row.consent_id, attempt: row.attempts + 1, error: (error as Error).message });
    }
  }
  return done;
}
