import type { BankingAccountDetail, BankingBalance, BankingTransaction, CommonCustomer } from './cds-types.js';

/**
 * One of the DSB mock data holder's customers, as derived into `dsb-customers.data.ts`: already in
 * CDS shape, with a fixed history (its dates are those of the source data set, 2023–2025, so ask for
 * them with `oldest-time`: the default 90-day window finds none).
 */
export interface DsbCustomer {
  readonly customerId: string;
  /** What the customer types at the sandbox bank's sign-in. */
  readonly loginId: string;
  readonly customer: CommonCustomer;
  readonly accounts: readonly BankingAccountDetail[];
  readonly balances: readonly BankingBalance[];
  readonly transactions: readonly BankingTransaction[];
}
