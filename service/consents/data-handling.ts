import { randomId } from '../security/secrets.js';
import type { ConsentTerms } from './consent-terms.js';
import type { Executor } from './consents.repository.js';

/**
 * What happens to shared data when a consent ends (Rule 4.17; issue 5), inside the caller's transaction.
 * `delete`: every copy goes. `deidentify`: only month, amount and category survive, with no link to the
 * person, the account or the consent (the identifying rows are deleted). Returns counts for the event
 * that evidences it (Rule 1.18).
 */
export async function handleDataOnEnd(trx: Executor, consentId: string, appId: string, handling: 'delete' | 'deidentify') {
  let deidentified = 0;
  if (handling === 'deidentify') {
    const rows = await trx.selectFrom('transactions').select(['id', 'posted_at', 'data']).where('consent_id', '=', consentId).execute();
    for (let i = 0; i < rows.length; i += 100) {
      const batch = rows.slice(i, i + 100).map((row) => {
        const data = JSON.parse(row.data) as { amount: string; category?: string };
        // A fresh random id: the de-identified row cannot be joined back to the transaction.
        return { id: randomId('did'), app_id: appId, posted_month: row.posted_at.slice(0, 7), amount: data.amount, category: data.category ?? 'uncategorised' };
      });
      if (batch.length) await trx.insertInto('deidentified_transactions').values(batch).execute();
      deidentified += batch.length;
    }
  }
  const transactions = await trx.deleteFrom('transactions').where('consent_id', '=', consentId).executeTakeFirst();
  const accounts = await trx.deleteFrom('accounts').where('consent_id', '=', consentId).executeTakeFirst();
  return { handling, accountsDeleted: Number(accounts.numDeletedRows), transactionsDeleted: Number(transactions.numDeletedRows), deidentified };
}

/**
 * Deletes what amended terms no longer cover: accounts dropped from the consent (with their
 * transactions), and every transaction when "Transaction details" is no longer granted.
 */
export async function pruneToTerms(trx: Executor, consentId: string, terms: Pick<ConsentTerms, 'accountIds' | 'clusters'>) {
  const dropped = await trx.selectFrom('accounts').select('id').where('consent_id', '=', consentId).where('holder_account_id', 'not in', [...terms.accountIds, '']).execute();
  const droppedIds = dropped.map((a) => a.id);
  let transactionsDeleted = 0;
  if (!terms.clusters.includes('bank:transactions:read')) {
    transactionsDeleted = Number((await trx.deleteFrom('transactions').where('consent_id', '=', consentId).executeTakeFirst()).numDeletedRows);
  } else if (droppedIds.length) {
    transactionsDeleted = Number((await trx.deleteFrom('transactions').where('consent_id', '=', consentId).where('account_id', 'in', droppedIds).executeTakeFirst()).numDeletedRows);
  }
  const accountsDeleted = droppedIds.length ? Number((await trx.deleteFrom('accounts').where('consent_id', '=', consentId).where('id', 'in', droppedIds).executeTakeFirst()).numDeletedRows) : 0;
  return { accountsDeleted, transactionsDeleted };
}
