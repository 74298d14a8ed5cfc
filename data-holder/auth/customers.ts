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

export const CUSTOMERS: readonly Customer[] = [
  {
    loginId: 'jsmith',
    displayName: 'John Smith',
    accounts: [
      { accountId: 'jsmith-everyday', displayName: 'Everyday Account', accountNumber: '12345678' },
      { accountId: 'jsmith-savings', displayName: 'Bonus Saver', accountNumber: '12345686' },
      { accountId: 'jsmith-card', displayName: 'Low Rate Visa', accountNumber: '45643210' },
      { accountId: 'jsmith-home-loan', displayName: 'Home Loan', accountNumber: '78901234' },
    ],
  },
  {
    loginId: 'jwilson',
    displayName: 'Jane Wilson',
    accounts: [
      { accountId: 'jwilson-everyday', displayName: 'Everyday Account', accountNumber: '40112233' },
      { accountId: 'jwilson-savings', displayName: 'Goal Saver', accountNumber: '40112241' },
      { accountId: 'jwilson-card', displayName: 'Rewards Mastercard', accountNumber: '55200018' },
      { accountId: 'jwilson-joint', displayName: 'Joint Account', accountNumber: '40119870', unavailableReason: 'Joint account: the other account holder has not approved data sharing.' },
    ],
  },
  {
    loginId: 'acmeplumbing',
    displayName: 'Acme Plumbing Pty Ltd',
    accounts: [
      { accountId: 'acme-business', displayName: 'Business Transaction Account', accountNumber: '66778899' },
      { accountId: 'acme-loan', displayName: 'Equipment Loan', accountNumber: '66770011' },
    ],
  },
];

/** The fixed one-time password the regulator's mock data holder uses. */
export const SANDBOX_OTP = '000789';

export function findCustomer(loginId: string): Customer | undefined {
  return CUSTOMERS.find((c) => c.loginId === loginId.trim().toLowerCase());
}

export const maskedNumber = (account: CustomerAccount) => `xxxx${account.accountNumber.slice(-4)}`;
