import { randomId } from '../security/secrets.js';
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
