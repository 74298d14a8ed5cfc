import type { SandboxAccount, SandboxCustomer } from './sandbox-customers.js';
import { ledgerFor, type Ledger } from './sandbox-ledger.js';

const MINUTE_MS = 60_000;
const latest = new Map<string, { minute: number; ledger: Ledger }>();

/**
 * ledgerFor, replayed at most once a minute per account: replaying years of history costs ~5–10 ms,
 * and every resource call needs it. Exact, not approximate: the ledger posts on whole minutes, so the
 * ledger until `until` equals the ledger until the start of its minute.
 */
export function cachedLedger(customer: SandboxCustomer, account: SandboxAccount, until: Date): Ledger {
  const minute = Math.floor(until.getTime() / MINUTE_MS) * MINUTE_MS;
  const hit = latest.get(account.holderAccountId);
  if (hit?.minute === minute) return hit.ledger;
  const ledger = ledgerFor(customer, account, new Date(minute));
  latest.set(account.holderAccountId, { minute, ledger });
  return ledger;
}
