import type { BankingAccountDetail, BankingBalance, BankingTransaction, CommonCustomer } from './cds-types.js';
import { DSB_CUSTOMERS } from './dsb-customers.data.js';
import { SANDBOX_CUSTOMERS } from './sandbox-customers.js';
import { sandboxAccountDetail, sandboxBalance, sandboxCustomer, sandboxTransactions } from './sandbox-to-cds.js';

/** An account as the holder keeps it: the CDS detail, plus why it cannot be shared right now. */
export interface HolderAccount extends BankingAccountDetail {
  /**
   * Set when the account exists but may not be shared at the moment (a joint account whose other
   * holder has not approved sharing): the resource APIs answer Unavailable Banking Account.
   */
  readonly unavailableReason?: string;
}

/** A customer the sandbox bank knows, as its sign-in and account picker need them. */
export interface HolderCustomerSummary {
  readonly customerId: string;
  readonly loginId: string;
  readonly displayName: string;
}

/**
 * What the resource APIs read. A seam so tests (and a later database) can stand in for the sandbox:
 * the data holder's `customerId`s are what `verifyAccess` returns in `Access.customerId`.
 */
export interface HolderData {
  customers(): readonly HolderCustomerSummary[];
  customer(customerId: string): CommonCustomer | undefined;
  accounts(customerId: string, now: Date): readonly HolderAccount[];
  /** The account's balance at `now`; asked separately because the sandbox replays a ledger for it. */
  balance(customerId: string, accountId: string, now: Date): BankingBalance | undefined;
  /** The account's transactions with effective time in [oldest, newest], newest first. */
  transactions(customerId: string, accountId: string, oldest: Date, newest: Date): readonly BankingTransaction[];
}

const effectiveTime = (t: BankingTransaction) => t.postingDateTime ?? t.executionDateTime ?? '';

/**
 * The sandbox: the project's own customers (jsmith, jwilson, acmeplumbing), whose history is
 * generated deterministically up to the request's time, and the DSB data set's three customers
 * (johndoe, janedoe, jerde) with their fixed history. Sandbox customers' ids are their login ids.
 */
export function createSandboxHolderData(): HolderData {
  const dsb = new Map(DSB_CUSTOMERS.map((c) => [c.customerId, c]));
  const own = new Map(SANDBOX_CUSTOMERS.map((c) => [c.loginId, c]));
  return {
    customers: () => [
      ...SANDBOX_CUSTOMERS.map((c) => ({ customerId: c.loginId, loginId: c.loginId, displayName: c.organisationName ?? `${c.firstName} ${c.lastName}` })),
      ...DSB_CUSTOMERS.map((c) => ({
        customerId: c.customerId,
        loginId: c.loginId,
        displayName: c.customer.customerUType === 'person' ? `${c.customer.person.firstName ?? ''} ${c.customer.person.lastName}`.trim() : c.customer.organisation.businessName,
      })),
    ],
    customer: (customerId) => {
      const mine = own.get(customerId);
      return mine ? sandboxCustomer(mine) : dsb.get(customerId)?.customer;
    },
    accounts: (customerId, now) => {
      const mine = own.get(customerId);
      if (mine) return mine.accounts.map((a) => sandboxAccountDetail(mine, a, now));
      return dsb.get(customerId)?.accounts ?? [];
    },
    balance: (customerId, accountId, now) => {
      const mine = own.get(customerId);
      const account = mine?.accounts.find((a) => a.holderAccountId === accountId);
      if (mine && account) return sandboxBalance(mine, account, now);
      return dsb.get(customerId)?.balances.find((b) => b.accountId === accountId);
    },
    transactions: (customerId, accountId, oldest, newest) => {
      const mine = own.get(customerId);
      const account = mine?.accounts.find((a) => a.holderAccountId === accountId);
      if (mine && account) return sandboxTransactions(mine, account, oldest, newest);
      const [from, to] = [oldest.toISOString(), newest.toISOString()];
      return (dsb.get(customerId)?.transactions ?? [])
        .filter((t) => t.accountId === accountId && effectiveTime(t) >= from && effectiveTime(t) <= to)
        .sort((a, b) => effectiveTime(b).localeCompare(effectiveTime(a)));
    },
  };
}
