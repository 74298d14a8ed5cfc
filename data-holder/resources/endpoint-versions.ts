import type { SupportedVersions } from './version-negotiation.js';

/**
 * The endpoint versions served, from the standard's Endpoint Version Schedule (v1.36.0). Until a
 * version's retirement date a holder serves it beside its successor, so recipients can move over:
 * Get Accounts v2, Get Account Detail v4, Get Transactions For Account v1 and Get Bulk Balances v1
 * retire on 2026-12-07 (their successors were binding from 2026-11-09). Raise `min` once that date
 * has passed.
 */
export const ENDPOINT_VERSIONS = {
  getAccounts: { min: 2, max: 3 },
  getAccountDetail: { min: 4, max: 5 },
  getTransactions: { min: 1, max: 2 },
  getBulkBalances: { min: 1, max: 2 },
  getAccountBalance: { min: 1, max: 1 },
  getCustomer: { min: 1, max: 1 },
} as const satisfies Record<string, SupportedVersions>;
