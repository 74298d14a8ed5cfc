/**
 * The CDS payload shapes the data holder serves, as plain types (Consumer Data Standards v1.36.0,
 * Banking APIs and Common APIs, "Schemas"). Only the fields this sandbox fills are listed; every
 * mandatory field of the schema is here.
 */

export const PRODUCT_CATEGORIES = [
  'BUSINESS_LOANS', 'BUY_NOW_PAY_LATER', 'CRED_AND_CHRG_CARDS', 'LEASES', 'MARGIN_LOANS', 'OVERDRAFTS',
  'PERS_LOANS', 'REGULATED_TRUST_ACCOUNTS', 'RESIDENTIAL_MORTGAGES', 'TERM_DEPOSITS', 'TRADE_FINANCE',
  'TRANS_AND_SAVINGS_ACCOUNTS', 'TRAVEL_CARDS',
] as const;

/** BankingProductCategoryV2. */
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/** BankingAccountV3 (Get Accounts v3); v2 is the same without `isInstalmentDetailAvailable`. */
export interface BankingAccount {
  accountId: string;
  creationDate?: string;
  displayName: string;
  nickname?: string;
  /** Absent means OPEN. */
  openStatus?: 'OPEN' | 'CLOSED';
  /** Absent means true. */
  isOwned?: boolean;
  accountOwnership: 'UNKNOWN' | 'ONE_PARTY' | 'TWO_PARTY' | 'MANY_PARTY' | 'OTHER';
  maskedNumber: string;
  productCategory: ProductCategory;
  productName: string;
  isInstalmentDetailAvailable?: boolean;
}

/** BankingCreditCardAccount, the `creditCard` branch of BankingAccountDetailV5. */
export interface BankingCreditCardAccount {
  minPaymentAmount: string;
  paymentDueAmount: string;
  paymentCurrency?: string;
  paymentDueDate: string;
}

/** BankingAccountDetailV5 (Get Account Detail v5); v4 lacks the instalment fields. */
export interface BankingAccountDetail extends BankingAccount {
  bsb?: string;
  accountNumber?: string;
  bundleName?: string;
  specificAccountUType?: 'creditCard';
  creditCard?: BankingCreditCardAccount;
  depositRate?: string;
  lendingRate?: string;
}

/** BankingBalance (Get Account Balance v1, Get Bulk Balances v1 and v2). */
export interface BankingBalance {
  accountId: string;
  currentBalance: string;
  availableBalance: string;
  creditLimit?: string;
  amortisedLimit?: string;
  currency?: string;
}

/** BankingTransactionV2 (Get Transactions For Account v2); v1 lacks `instalmentPlanId`. */
export interface BankingTransaction {
  accountId: string;
  transactionId?: string;
  isDetailAvailable: boolean;
  type: 'FEE' | 'INTEREST_CHARGED' | 'INTEREST_PAID' | 'TRANSFER_OUTGOING' | 'TRANSFER_INCOMING' | 'PAYMENT' | 'DIRECT_DEBIT' | 'OTHER';
  status: 'PENDING' | 'POSTED';
  description: string;
  postingDateTime?: string;
  valueDateTime?: string;
  executionDateTime?: string;
  amount: string;
  currency?: string;
  reference: string;
  merchantName?: string;
  merchantCategoryCode?: string;
  instalmentPlanId?: string;
  billerCode?: string;
  billerName?: string;
  crn?: string;
  apcaNumber?: string;
}

/** CommonPerson (Get Customer v1). */
export interface CommonPerson {
  lastUpdateTime?: string;
  firstName?: string;
  lastName: string;
  middleNames: string[];
  prefix?: string;
  suffix?: string;
  occupationCode?: string;
  occupationCodeVersion?: string;
}

/** CommonOrganisation (Get Customer v1). */
export interface CommonOrganisation {
  lastUpdateTime?: string;
  agentFirstName?: string;
  agentLastName: string;
  agentRole: string;
  businessName: string;
  legalName?: string;
  shortName?: string;
  abn?: string;
  acn?: string;
  isACNCRegistered?: boolean;
  industryCode?: string;
  industryCodeVersion?: string;
  organisationType: 'SOLE_TRADER' | 'COMPANY' | 'PARTNERSHIP' | 'TRUST' | 'GOVERNMENT_ENTITY' | 'OTHER';
  registeredCountry?: string;
  establishmentDate?: string;
}

/** The `data` of ResponseCommonCustomer. */
export type CommonCustomer =
  | { customerUType: 'person'; person: CommonPerson }
  | { customerUType: 'organisation'; organisation: CommonOrganisation };
