// The service's sandbox ledger tests, run against the data holder's copy so the two stay alike.
import { describe, expect, it } from 'vitest';
import { findSandboxCustomer, SANDBOX_CUSTOMERS } from './sandbox-customers.js';
import { ledgerFor, transactionsBetween } from './sandbox-ledger.js';

const NOW = new Date('2026-11-25T00:00:00Z');
const jsmith = findSandboxCustomer('jsmith')!;
const everyday = jsmith.accounts.find((a) => a.kind === 'everyday')!;

describe('sandbox ledger', () => {
  it('is deterministic: the same inputs give the same transactions', () => {
    expect(ledgerFor(jsmith, everyday, NOW)).toEqual(ledgerFor(jsmith, everyday, NOW));
  });

  it('only appends when time moves on: earlier days never change', () => {
    const earlier = ledgerFor(jsmith, everyday, new Date('2026-10-01T00:00:00Z'));
    const later = ledgerFor(jsmith, everyday, NOW);
    expect(later.transactions.slice(0, earlier.transactions.length)).toEqual(earlier.transactions);
    expect(later.transactions.length).toBeGreaterThan(earlier.transactions.length);
  });

  it('holds at least two years of history for every shareable account', () => {
    const twoYearsAgo = new Date('2024-11-25T00:00:00Z');
    for (const customer of SANDBOX_CUSTOMERS) {
      for (const account of customer.accounts.filter((a) => !a.unavailableReason)) {
        const ledger = ledgerFor(customer, account, NOW);
        expect(ledger.transactions[0]!.postingDateTime < twoYearsAgo.toISOString(), account.holderAccountId).toBe(true);
        expect(transactionsBetween(ledger, twoYearsAgo, NOW).length, account.holderAccountId).toBeGreaterThan(20);
      }
    }
  });

  it('looks like a real everyday account: fortnightly salary, monthly bills, groceries', () => {
    const lastYear = transactionsBetween(ledgerFor(jsmith, everyday, NOW), new Date('2025-11-25T00:00:00Z'), NOW);
    const salaries = lastYear.filter((t) => t.category === 'income' && t.description.startsWith('SALARY'));
    expect(salaries.length).toBeGreaterThanOrEqual(26);
    expect(salaries.length).toBeLessThanOrEqual(27);
    expect(lastYear.filter((t) => t.billerName === 'Telstra')).toHaveLength(12);
    expect(lastYear.filter((t) => t.category === 'groceries').length).toBeGreaterThan(60);
    expect(lastYear.every((t) => /^-?\d+\.\d{2}$/.test(t.amount))).toBe(true);
  });

  it('keeps the card repayment the same on both sides of the transfer', () => {
    const card = jsmith.accounts.find((a) => a.kind === 'credit-card')!;
    const month = (t: { postingDateTime: string }) => t.postingDateTime.slice(0, 7);
    const paid = ledgerFor(jsmith, everyday, NOW).transactions.filter((t) => t.description === 'CREDIT CARD REPAYMENT');
    const received = ledgerFor(jsmith, card, NOW).transactions.filter((t) => t.description === 'PAYMENT RECEIVED THANK YOU');
    const receivedByMonth = new Map(received.map((t) => [month(t), t.amount]));
    for (const t of paid.slice(-12)) expect(receivedByMonth.get(month(t))).toBe(t.amount.slice(1));
  });

  it('returns the newest first and honours the range', () => {
    const from = new Date('2026-11-01T00:00:00Z');
    const list = transactionsBetween(ledgerFor(jsmith, everyday, NOW), from, NOW);
    expect(list.every((t) => t.postingDateTime >= from.toISOString() && t.postingDateTime <= NOW.toISOString())).toBe(true);
    expect([...list].sort((a, b) => b.postingDateTime.localeCompare(a.postingDateTime))).toEqual(list);
  });
});
