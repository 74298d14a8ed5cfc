import { MONTHLY_AMOUNTS, RULES, type Posting } from './transaction-rules.js';
import type { SandboxAccount, SandboxCustomer } from './sandbox-customers.js';
import { seededRandom, stableId } from './seeded-random.js';

const DAY_MS = 86_400_000;

// A copy of the service's sandbox ledger: the data holder is a party of its own and must produce the
// same deterministic history without importing from `service/`. Keep the two in step.

/** A transaction in the CDS BankingTransaction shape, plus a `category` the sandbox enriches it with. */
export interface SandboxTransaction {
  readonly transactionId: string;
  readonly accountId: string;
  readonly isDetailAvailable: false;
  readonly type: Posting['type'];
  readonly status: 'POSTED';
  readonly description: string;
  readonly postingDateTime: string;
  readonly valueDateTime: string;
  readonly amount: string;
  readonly currency: 'AUD';
  readonly reference: string;
  readonly merchantName?: string;
  readonly merchantCategoryCode?: string;
  readonly billerName?: string;
  readonly category: string;
}

export interface Ledger {
  readonly transactions: readonly SandboxTransaction[];
  /** Balance at `until`, after every transaction. */
  readonly balance: number;
}

const toIsoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Replays an account's history day by day from when it was opened until `until`. The same inputs
 * always give the same ledger: each day draws from a PRNG seeded by account and date, so a later
 * `until` only appends days (refresh sees older days unchanged).
 */
export function ledgerFor(customer: SandboxCustomer, account: SandboxAccount, until: Date): Ledger {
  const transactions: SandboxTransaction[] = [];
  let balance = account.openingBalance;
  const monthlyCache = new Map<string, number>();
  const start = Date.parse(`${account.openedOn}T00:00:00Z`);
  for (let t = start; t <= until.getTime(); t += DAY_MS) {
    const date = new Date(t);
    const day = toIsoDay(date);
    const month = day.slice(0, 7);
    const random = seededRandom(`${account.holderAccountId}:${day}`);
    const monthly = (label: string) => {
      const key = `${month}:${label}`;
      if (!monthlyCache.has(key)) monthlyCache.set(key, MONTHLY_AMOUNTS[label]!(seededRandom(`${customer.loginId}:${key}`)));
      return monthlyCache.get(key)!;
    };
    const postings = RULES[account.kind]({ date, customer, random, monthly, balance, interestRate: account.interestRate });
    // Spread the day's postings across business hours (AEST is UTC+10: 08:00–20:00 local), in time
    // order, so a ledger cut at any instant is a prefix of every later one.
    const timed = postings
      .map((posting, index) => ({ posting, index, at: new Date(t - 2 * 3_600_000 + Math.floor(random() * 12 * 60) * 60_000) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index);
    for (const { posting, index, at } of timed) {
      if (at > until) break;
      balance = Math.round((balance + posting.amount) * 100) / 100;
      transactions.push({
        transactionId: stableId(`${account.holderAccountId}:${day}:${index}`),
        accountId: account.holderAccountId,
        isDetailAvailable: false,
        type: posting.type,
        status: 'POSTED',
        description: posting.description,
        postingDateTime: at.toISOString(),
        valueDateTime: at.toISOString(),
        amount: posting.amount.toFixed(2),
        currency: 'AUD',
        reference: '',
        category: posting.category,
        ...(posting.merchantName ? { merchantName: posting.merchantName } : {}),
        ...(posting.merchantCategoryCode ? { merchantCategoryCode: posting.merchantCategoryCode } : {}),
        ...(posting.billerName ? { billerName: posting.billerName } : {}),
      });
    }
  }
  return { transactions, balance };
}

/** The transactions posted in [from, until], newest first (the CDS default order). */
export function transactionsBetween(ledger: Ledger, from: Date, until: Date): SandboxTransaction[] {
  const fromIso = from.toISOString();
  const untilIso = until.toISOString();
  return ledger.transactions.filter((t) => t.postingDateTime >= fromIso && t.postingDateTime <= untilIso).reverse();
}
