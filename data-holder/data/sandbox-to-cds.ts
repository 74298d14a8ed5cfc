import type { BankingBalance, BankingTransaction, CommonCustomer } from './cds-types.js';
import type { HolderAccount } from './holder-data.js';
import type { SandboxAccount, SandboxCustomer } from './sandbox-customers.js';
import { cachedLedger } from './ledger-cache.js';
import { transactionsBetween } from './sandbox-ledger.js';

/**
 * The sandbox customers in CDS shape (Banking APIs: BankingAccountDetailV5, BankingTransactionV2;
 * Common APIs: CommonPerson, CommonOrganisation).
 */

/** The date the sandbox's customer records were last changed: fixed so responses are reproducible. */
const PROFILE_UPDATED = '2024-07-01T00:00:00Z';

/**
 * MaskedAccountString: "as the full account number would normally be represented for display … with
 * all digits except the last four replaced with a lower case x" (Common Field Types).
 */
export function maskedNumber(account: SandboxAccount): string {
  const last4 = account.accountNumber.slice(-4);
  return account.kind === 'credit-card' ? `xxxx xxxx xxxx ${last4}` : `xxx-xxx ${'x'.repeat(account.accountNumber.length - 4)}${last4}`;
}

const digits = (value: string) => value.replace(/\D/g, '');
const rate = (value: number) => String(Number(value.toFixed(6)));

/** The card's next statement: the ledger takes the repayment on the 15th of each month. */
function creditCardPayment(customer: SandboxCustomer, account: SandboxAccount, now: Date) {
  const owing = Math.max(0, -cachedLedger(customer, account, now).balance);
  const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + (now.getUTCDate() >= 15 ? 1 : 0), 15));
  return {
    minPaymentAmount: (owing === 0 ? 0 : Math.min(owing, Math.max(25, Math.round(owing * 2) / 100))).toFixed(2),
    paymentDueAmount: owing.toFixed(2),
    paymentCurrency: 'AUD',
    paymentDueDate: due.toISOString().slice(0, 10),
  };
}

export function sandboxAccountDetail(customer: SandboxCustomer, account: SandboxAccount, now: Date): HolderAccount {
  const lending = account.kind === 'credit-card' || account.kind === 'home-loan';
  return {
    accountId: account.holderAccountId,
    creationDate: account.openedOn,
    displayName: account.displayName,
    openStatus: 'OPEN',
    isOwned: true,
    accountOwnership: account.accountOwnership ?? 'ONE_PARTY',
    maskedNumber: maskedNumber(account),
    productCategory: account.productCategory,
    productName: account.productName,
    isInstalmentDetailAvailable: false,
    // BankingAccountDetail: BSB and account number "formed as digits only … no punctuation or spaces".
    bsb: digits(account.bsb),
    accountNumber: digits(account.accountNumber),
    ...(lending ? { lendingRate: rate(account.interestRate) } : { depositRate: rate(account.interestRate) }),
    ...(account.kind === 'credit-card' ? { specificAccountUType: 'creditCard' as const, creditCard: creditCardPayment(customer, account, now) } : {}),
    ...(account.unavailableReason ? { unavailableReason: account.unavailableReason } : {}),
  };
}

/** BankingBalance: what is owed is negative; available is never below zero (a card's unused limit). */
export function sandboxBalance(customer: SandboxCustomer, account: SandboxAccount, now: Date): BankingBalance {
  const balance = cachedLedger(customer, account, now).balance;
  return {
    accountId: account.holderAccountId,
    currentBalance: balance.toFixed(2),
    availableBalance: (account.creditLimit ? Math.max(account.creditLimit + balance, 0) : Math.max(balance, 0)).toFixed(2),
    ...(account.creditLimit ? { creditLimit: account.creditLimit.toFixed(2) } : {}),
    currency: 'AUD',
  };
}

/** The ledger's transactions without the sandbox's own `category` enrichment (not a CDS field). */
export function sandboxTransactions(customer: SandboxCustomer, account: SandboxAccount, oldest: Date, newest: Date): BankingTransaction[] {
  return transactionsBetween(cachedLedger(customer, account, newest), oldest, newest).map(({ category: _category, ...cds }) => cds);
}

export function sandboxCustomer(customer: SandboxCustomer): CommonCustomer {
  if (customer.customerUType === 'organisation') {
    return {
      customerUType: 'organisation',
      organisation: {
        lastUpdateTime: PROFILE_UPDATED,
        agentLastName: 'Nguyen',
        agentFirstName: 'Lee',
        agentRole: 'Director',
        businessName: customer.organisationName ?? '',
        ...(customer.abn ? { abn: digits(customer.abn) } : {}),
        organisationType: 'COMPANY',
        registeredCountry: 'AUS',
      },
    };
  }
  return {
    customerUType: 'person',
    person: {
      lastUpdateTime: PROFILE_UPDATED,
      ...(customer.firstName ? { firstName: customer.firstName } : {}),
      lastName: customer.lastName ?? '',
      middleNames: [],
    },
  };
}
