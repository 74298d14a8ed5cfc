/**
 * The sandbox data holder's own customers: the same people and accounts the consumer pages show
 * (a copy of the service's list, so the data holder stands alone and never imports from `service/`).
 * Login ids follow the regulator's mock data holder (jsmith, jwilson) so partners' habits carry over;
 * field names follow the CDS Common and Banking APIs.
 */
export type ProductCategory = 'TRANS_AND_SAVINGS_ACCOUNTS' | 'CRED_AND_CHRG_CARDS' | 'RESIDENTIAL_MORTGAGES' | 'BUSINESS_LOANS';

export type AccountKind = 'everyday' | 'savings' | 'credit-card' | 'home-loan' | 'business';

export interface SandboxAccount {
  /** The data holder's own account id (stable). */
  readonly holderAccountId: string;
  readonly kind: AccountKind;
  readonly displayName: string;
  readonly productName: string;
  readonly productCategory: ProductCategory;
  readonly bsb: string;
  readonly accountNumber: string;
  readonly openedOn: string;
  readonly openingBalance: number;
  readonly creditLimit?: number;
  /** Why the customer cannot share it here (CX: unavailable accounts are shown with a reason). */
  readonly unavailableReason?: string;
  /** CDS BankingAccount.accountOwnership; absent means ONE_PARTY. */
  readonly accountOwnership?: 'TWO_PARTY' | 'MANY_PARTY';
  readonly interestRate: number;
}

export interface SandboxCustomer {
  readonly loginId: string;
  readonly customerUType: 'person' | 'organisation';
  readonly firstName?: string;
  readonly lastName?: string;
  readonly occupation?: string;
  readonly organisationName?: string;
  readonly abn?: string;
  readonly email: string;
  readonly phone: string;
  readonly address: string;
  /** Employer credited each fortnight, for people; the business's main customer, for organisations. */
  readonly payer: string;
  readonly pay: number;
  readonly accounts: readonly SandboxAccount[];
}

export const SANDBOX_CUSTOMERS: readonly SandboxCustomer[] = [
  {
    loginId: 'jsmith',
    customerUType: 'person',
    firstName: 'John',
    lastName: 'Smith',
    occupation: 'Civil engineer',
    email: 'john.smith@example.com.au',
    phone: '+61 412 345 678',
    address: '12 Wattle Street, Fitzroy VIC 3065',
    payer: 'SALARY NORTHBRIDGE ENGINEERING',
    pay: 3412.55,
    accounts: [
      { holderAccountId: 'jsmith-everyday', kind: 'everyday', displayName: 'Everyday Account', productName: 'Everyday Transaction Account', productCategory: 'TRANS_AND_SAVINGS_ACCOUNTS', bsb: '062-000', accountNumber: '12345678', openedOn: '2019-03-14', openingBalance: 2480.12, interestRate: 0 },
      { holderAccountId: 'jsmith-savings', kind: 'savings', displayName: 'Bonus Saver', productName: 'Bonus Saver Account', productCategory: 'TRANS_AND_SAVINGS_ACCOUNTS', bsb: '062-000', accountNumber: '12345686', openedOn: '2019-03-14', openingBalance: 15200, interestRate: 0.0475 },
      { holderAccountId: 'jsmith-card', kind: 'credit-card', displayName: 'Low Rate Visa', productName: 'Low Rate Credit Card', productCategory: 'CRED_AND_CHRG_CARDS', bsb: '062-000', accountNumber: '45643210', openedOn: '2020-07-01', openingBalance: -612.4, creditLimit: 8000, interestRate: 0.1299 },
      { holderAccountId: 'jsmith-home-loan', kind: 'home-loan', displayName: 'Home Loan', productName: 'Owner Occupier Variable Home Loan', productCategory: 'RESIDENTIAL_MORTGAGES', bsb: '062-000', accountNumber: '78901234', openedOn: '2021-05-20', openingBalance: -642000, interestRate: 0.0614 },
    ],
  },
  {
    loginId: 'jwilson',
    customerUType: 'person',
    firstName: 'Jane',
    lastName: 'Wilson',
    occupation: 'Registered nurse',
    email: 'jane.wilson@example.com.au',
    phone: '+61 423 555 019',
    address: '4/88 Beach Road, Coogee NSW 2034',
    payer: 'PAY NSW HEALTH',
    pay: 2688.3,
    accounts: [
      { holderAccountId: 'jwilson-everyday', kind: 'everyday', displayName: 'Everyday Account', productName: 'Everyday Transaction Account', productCategory: 'TRANS_AND_SAVINGS_ACCOUNTS', bsb: '732-012', accountNumber: '40112233', openedOn: '2018-01-09', openingBalance: 1320.55, interestRate: 0 },
      { holderAccountId: 'jwilson-savings', kind: 'savings', displayName: 'Goal Saver', productName: 'Goal Saver Account', productCategory: 'TRANS_AND_SAVINGS_ACCOUNTS', bsb: '732-012', accountNumber: '40112241', openedOn: '2018-01-09', openingBalance: 6400, interestRate: 0.045 },
      { holderAccountId: 'jwilson-card', kind: 'credit-card', displayName: 'Rewards Mastercard', productName: 'Rewards Credit Card', productCategory: 'CRED_AND_CHRG_CARDS', bsb: '732-012', accountNumber: '55200018', openedOn: '2019-11-30', openingBalance: -1210.8, creditLimit: 12000, interestRate: 0.2074 },
      { holderAccountId: 'jwilson-joint', kind: 'everyday', displayName: 'Joint Account', productName: 'Everyday Transaction Account', productCategory: 'TRANS_AND_SAVINGS_ACCOUNTS', bsb: '732-012', accountNumber: '40119870', openedOn: '2022-02-02', openingBalance: 850, interestRate: 0, accountOwnership: 'TWO_PARTY', unavailableReason: 'Joint account: the other account holder has not approved data sharing.' },
    ],
  },
  {
    loginId: 'acmeplumbing',
    customerUType: 'organisation',
    organisationName: 'Acme Plumbing Pty Ltd',
    abn: '51 824 753 556',
    email: 'accounts@acmeplumbing.example.com.au',
    phone: '+61 7 3000 1234',
    address: '3 Industrial Avenue, Wacol QLD 4076',
    payer: 'INVOICE PAYMENT BRISBANE BUILDERS',
    pay: 5820,
    accounts: [
      { holderAccountId: 'acme-business', kind: 'business', displayName: 'Business Transaction Account', productName: 'Business Everyday Account', productCategory: 'TRANS_AND_SAVINGS_ACCOUNTS', bsb: '084-004', accountNumber: '66778899', openedOn: '2017-08-21', openingBalance: 18250, interestRate: 0 },
      { holderAccountId: 'acme-loan', kind: 'home-loan', displayName: 'Equipment Loan', productName: 'Business Equipment Loan', productCategory: 'BUSINESS_LOANS', bsb: '084-004', accountNumber: '66770011', openedOn: '2023-04-03', openingBalance: -85000, interestRate: 0.0899 },
    ],
  },
];

/** The fixed one-time password, as the regulator's mock data holder uses. */
export const SANDBOX_OTP = '000789';

export function findSandboxCustomer(loginId: string): SandboxCustomer | undefined {
  return SANDBOX_CUSTOMERS.find((c) => c.loginId === loginId.trim().toLowerCase());
}
