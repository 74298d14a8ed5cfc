import type { Recipient } from '../recipient/recipient.js';
import type { CdsAccount, CdsAccountDetail, CdsBalance, CdsTransaction } from '../recipient/cds-client.js';
import { lockRow } from '../db/dialect.js';
import { sha256Hex } from '../security/secrets.js';
import type { ConsentRecord, Executor } from './consents.repository.js';
import { grantsCluster } from './consent-terms.js';

/** The consent ended while its job ran: the job stops and writes nothing. */
export class ConsentEndedDuringJob extends Error {
  constructor(
    readonly consentId: string,
    readonly status: string,
  ) {
    super(`The consent is ${status}; no data was collected.`);
  }
}

/**
 * Account ids are derived from who and where, not from the consent: the same user reconnecting the
 * same bank gets the same ids, and another application never shares them.
 */
export const accountIdFor = (consent: Pick<ConsentRecord, 'appId' | 'userId' | 'institutionId'>, holderAccountId: string) =>
  `acc_${sha256Hex(`${consent.appId}:${consent.userId}:${consent.institutionId}:${holderAccountId}`).slice(0, 24)}`;

const transactionIdFor = (accountId: string, holderTransactionId: string) => `txn_${sha256Hex(`${accountId}:${holderTransactionId}`).slice(0, 24)}`;

/** What one job step brought back from the data holder, before anything is written. */
export type Collected =
  | { readonly step: 'accounts'; readonly accounts: readonly { readonly account: CdsAccount; readonly balance?: CdsBalance | undefined; readonly detail?: CdsAccountDetail | undefined }[] }
  | { readonly step: 'transactions'; readonly transactions: readonly CdsTransaction[] };

/** The account as the consent's clusters allow it to be seen: basic, detailed, or only its id. */
function accountView(consent: ConsentRecord, id: string, from: { account: CdsAccount; balance?: CdsBalance | undefined; detail?: CdsAccountDetail | undefined }) {
  const { account, balance, detail } = from;
  const basic = grantsCluster(consent.terms, 'bank:accounts.basic:read') || grantsCluster(consent.terms, 'bank:accounts.detail:read');
  const rate = detail?.depositRate ?? detail?.lendingRate;
  return {
    accountId: id,
    institutionId: consent.institutionId,
    consentId: consent.id,
    ...(basic
      ? {
          displayName: account.displayName,
          productName: account.productName,
          productCategory: account.productCategory,
          maskedNumber: account.maskedNumber,
          openStatus: account.openStatus ?? 'OPEN',
          ...(balance ? { balance: { currentBalance: balance.currentBalance, availableBalance: balance.availableBalance, currency: balance.currency ?? 'AUD' } } : {}),
        }
      : {}),
    ...(detail && grantsCluster(consent.terms, 'bank:accounts.detail:read')
      ? {
          ...(detail.bsb ? { bsb: detail.bsb } : {}),
          ...(detail.accountNumber ? { accountNumber: detail.accountNumber } : {}),
          ...(rate ? { interestRate: rate } : {}),
          ...(balance?.creditLimit ? { creditLimit: balance.creditLimit } : {}),
          ...(account.creationDate ? { openedOn: account.creationDate } : {}),
        }
      : {}),
  };
}

/**
 * Asks the data holder for what the consent covers, through its CDS APIs: the chosen accounts (with
 * balances, and detail only with "Account balance and details"), or — only with "Transaction details" —
 * their transactions from `since` (at the earliest the consent's retrieval span) until `now`.
 */
export async function collectSharedData(recipient: Recipient, consent: ConsentRecord & { resourceBaseUri: string }, now: Date, step: 'accounts' | 'transactions', since?: string): Promise<Collected> {
  const api = await recipient.cds({ id: consent.id, issuer: consent.issuer!, resourceBaseUri: consent.resourceBaseUri, authTime: new Date(consent.createdAt) });
  const chosen = new Set(consent.terms.accountIds);
  const accounts = (await api.accounts()).filter((a) => chosen.has(a.accountId));
  if (step === 'accounts') {
    const balances = new Map((await api.balances()).map((b) => [b.accountId, b]));
    const detailed = grantsCluster(consent.terms, 'bank:accounts.detail:read');
    const out = [];
    for (const account of accounts) out.push({ account, balance: balances.get(account.accountId), detail: detailed ? await api.detail(account.accountId) : undefined });
    return { step, accounts: out };
  }
  if (!grantsCluster(consent.terms, 'bank:transactions:read')) return { step, transactions: [] };
  const from = new Date(Math.max(Date.parse(consent.terms.retrievalFrom), since ? Date.parse(since) : 0));
  const transactions: CdsTransaction[] = [];
  for (const account of accounts) transactions.push(...(await api.transactions(account.accountId, from, now)));
  return { step, transactions };
}

/**
 * Writes what was collected into the recipient's store, in the caller's transaction. Returns how many
 * transactions were added.
 */
export async function storeSharedData(trx: Executor, started: ConsentRecord, collected: Collected, now: Date): Promise<number> {
  // Re-read inside the transaction: a revoke or expiry that committed since the job started has
  // already handled the data, and nothing may be written for an ended consent (Rule 4.17); an amendment
  // that committed meanwhile may cover less, and only what the consent covers now is written (4.12C).
  // Held until the write commits, so an amendment cannot prune between this read and the write.
  await lockRow(trx, 'consent_states', 'consent_id', started.id);
  const state = await trx.selectFrom('consent_states').select(['status', 'terms']).where('consent_id', '=', started.id).executeTakeFirst();
  if (state?.status !== 'active') throw new ConsentEndedDuringJob(started.id, state?.status ?? 'missing');
  const consent: ConsentRecord = { ...started, terms: JSON.parse(state.terms) as ConsentRecord['terms'] };
  const covered = new Set(consent.terms.accountIds);
  if (collected.step === 'accounts') {
    for (const entry of collected.accounts.filter((a) => covered.has(a.account.accountId))) {
      const id = accountIdFor(consent, entry.account.accountId);
      const data = JSON.stringify(accountView(consent, id, entry));
      await trx
        .insertInto('accounts')
        .values({ id, app_id: consent.appId, user_id: consent.userId, consent_id: consent.id, institution_id: consent.institutionId, holder_account_id: entry.account.accountId, data, refreshed_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['consent_id', 'id']).doUpdateSet({ data, refreshed_at: now.toISOString() }))
        .execute();
    }
    return 0;
  }
  if (!grantsCluster(consent.terms, 'bank:transactions:read')) return 0;
  const rows = collected.transactions
    .filter((t) => covered.has(t.accountId) && t.transactionId && (t.postingDateTime ?? t.executionDateTime))
    .map((t) => {
      const accountId = accountIdFor(consent, t.accountId);
      const id = transactionIdFor(accountId, t.transactionId!);
      // Kept for de-identified statistics (data-handling.ts): the merchant category, else the kind of transaction.
      const category = t.merchantCategoryCode ? `mcc-${t.merchantCategoryCode}` : t.type.toLowerCase();
      return { id, account_id: accountId, consent_id: consent.id, app_id: consent.appId, user_id: consent.userId, posted_at: (t.postingDateTime ?? t.executionDateTime)!, data: JSON.stringify({ ...t, transactionId: id, accountId, category }) };
    });
  let added = 0;
  // SQLite caps bound parameters per statement: insert in chunks.
  for (let i = 0; i < rows.length; i += 100) {
    const result = await trx.insertInto('transactions').values(rows.slice(i, i + 100)).onConflict((oc) => oc.columns(['consent_id', 'id']).doNothing()).executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}
