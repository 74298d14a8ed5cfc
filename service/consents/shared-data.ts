import { sha256Hex } from '../security/secrets.js';
import { findSandboxCustomer, type SandboxAccount } from '../sandbox/sandbox-customers.js';
import { ledgerFor, transactionsBetween } from '../sandbox/sandbox-ledger.js';
import { maskedNumber } from '../sandbox/sandbox-bank.pages.js';
import type { ConsentRecord, Executor } from './consents.repository.js';
import { grantsCluster } from './consent-terms.js';

/**
 * Account ids are derived from who and where, not from the consent: the same user reconnecting the
 * same bank gets the same ids (issue 5), and another application never shares them.
 */
/** The consent ended while its job ran: the job stops and writes nothing. */
export class ConsentEndedDuringJob extends Error {
  constructor(
    readonly consentId: string,
    readonly status: string,
  ) {
    super(`The consent is ${status}; no data was collected.`);
  }
}

export const accountIdFor = (consent: Pick<ConsentRecord, 'appId' | 'userId' | 'institutionId'>, holderAccountId: string) =>
  `acc_${sha256Hex(`${consent.appId}:${consent.userId}:${consent.institutionId}:${holderAccountId}`).slice(0, 24)}`;

const transactionIdFor = (accountId: string, holderTransactionId: string) => `txn_${sha256Hex(`${accountId}:${holderTransactionId}`).slice(0, 24)}`;

/** The account as the consent's clusters allow it to be seen: basic, detailed, or only its id. */
function accountView(consent: ConsentRecord, id: string, account: SandboxAccount, balance: number) {
  const basic = grantsCluster(consent.terms, 'bank:accounts.basic:read') || grantsCluster(consent.terms, 'bank:accounts.detail:read');
  const detail = grantsCluster(consent.terms, 'bank:accounts.detail:read');
  return {
    accountId: id,
    institutionId: consent.institutionId,
    consentId: consent.id,
    ...(basic
      ? {
          displayName: account.displayName,
          productName: account.productName,
          productCategory: account.productCategory,
          maskedNumber: maskedNumber(account),
          openStatus: 'OPEN',
          balance: {
            currentBalance: balance.toFixed(2),
            availableBalance: (account.creditLimit ? account.creditLimit + balance : Math.max(balance, 0)).toFixed(2),
            currency: 'AUD',
          },
        }
      : {}),
    ...(detail
      ? { bsb: account.bsb, accountNumber: account.accountNumber, interestRate: account.interestRate.toFixed(4), ...(account.creditLimit ? { creditLimit: account.creditLimit.toFixed(2) } : {}), openedOn: account.openedOn }
      : {}),
  };
}

/**
 * Copies what the consent covers from the sandbox data holder into the recipient's store: the chosen
 * accounts, and — only with "Transaction details" — their transactions from `since` (at the earliest
 * the consent's retrieval span) until `now`. Returns how many transactions were added.
 */
export async function retrieveSharedData(trx: Executor, consent: ConsentRecord, now: Date, step: 'accounts' | 'transactions', since?: string) {
  // Re-read inside the transaction: a revoke or expiry that committed since the job started has
  // already handled the data, and nothing may be written for an ended consent (Rule 4.17).
  const state = await trx.selectFrom('consent_states').select('status').where('consent_id', '=', consent.id).executeTakeFirst();
  if (state?.status !== 'active') throw new ConsentEndedDuringJob(consent.id, state?.status ?? 'missing');
  const customer = findSandboxCustomer(consent.customerLogin);
  if (!customer) throw new Error(`Unknown sandbox customer ${consent.customerLogin}`);
  const accounts = customer.accounts.filter((a) => consent.terms.accountIds.includes(a.holderAccountId));
  let added = 0;
  for (const account of accounts) {
    const id = accountIdFor(consent, account.holderAccountId);
    const ledger = ledgerFor(customer, account, now);
    if (step === 'accounts') {
      const data = JSON.stringify(accountView(consent, id, account, ledger.balance));
      await trx
        .insertInto('accounts')
        .values({ id, app_id: consent.appId, user_id: consent.userId, consent_id: consent.id, institution_id: consent.institutionId, holder_account_id: account.holderAccountId, data, refreshed_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['consent_id', 'id']).doUpdateSet({ data, refreshed_at: now.toISOString() }))
        .execute();
      continue;
    }
    if (!grantsCluster(consent.terms, 'bank:transactions:read')) continue;
    const from = new Date(Math.max(Date.parse(consent.terms.retrievalFrom), since ? Date.parse(since) : 0));
    const rows = transactionsBetween(ledger, from, now).map((t) => {
      const txnId = transactionIdFor(id, t.transactionId);
      return { id: txnId, account_id: id, consent_id: consent.id, app_id: consent.appId, user_id: consent.userId, posted_at: t.postingDateTime, data: JSON.stringify({ ...t, transactionId: txnId, accountId: id }) };
    });
    // SQLite caps bound parameters per statement: insert in chunks.
    for (let i = 0; i < rows.length; i += 100) {
      const result = await trx.insertInto('transactions').values(rows.slice(i, i + 100)).onConflict((oc) => oc.columns(['consent_id', 'id']).doNothing()).executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
  }
  return added;
}
