import { SANDBOX_CUSTOMERS } from '../data/sandbox-customers.js';

/**
 * The sandbox data holder's customers as its sign-in pages need them. Login ids follow the regulator's
 * mock data holder (jsmith, jwilson) so partners' habits carry over; account ids are the data holder's
 * own, stable ones.
 */
export interface CustomerAccount {
  readonly accountId: string;
  readonly displayName: string;
  readonly accountNumber: string;
  /** Why the customer cannot share it (CX: unavailable accounts are shown with a reason). */
  readonly unavailableReason?: string;
}

export interface Customer {
  readonly loginId: string;
  readonly displayName: string;
  readonly accounts: readonly CustomerAccount[];
}

/**
 * The customers the resource APIs serve (`../data/sandbox-customers.ts`), as the sign-in and the account
 * picker show them: one list, so the pages never offer an account the APIs do not know.
 */
export const CUSTOMERS: readonly Customer[] = SANDBOX_CUSTOMERS.map((customer) => ({
  loginId: customer.loginId,
  displayName: customer.organisationName ?? `${customer.firstName ?? ''} ${customer.lastName ?? ''}`.trim(),
  accounts: customer.accounts.map((account) => ({
    accountId: account.holderAccountId,
    displayName: account.displayName,
    accountNumber: account.accountNumber,
    ...(account.unavailableReason ? { unavailableReason: account.unavailableReason } : {}),
  })),
}));

/** The fixed one-time password the regulator's mock data holder uses. */
export const SANDBOX_OTP = '000789';

export function findCustomer(loginId: string): Customer | undefined {
  return CUSTOMERS.find((c) => c.loginId === loginId.trim().toLowerCase());
}

export const maskedNumber = (account: CustomerAccount) => `xxxx${account.accountNumber.slice(-4)}`;
