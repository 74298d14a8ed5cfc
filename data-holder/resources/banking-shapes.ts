import type { BankingAccount, BankingAccountDetail, BankingTransaction } from '../data/cds-types.js';
import type { HolderAccount } from '../data/holder-data.js';
import type { PublicIds } from './public-ids.js';

/**
 * The payload of each endpoint version, from the holder's records. Later versions only added
 * optional fields (Get Accounts v3 and Get Account Detail v5: `isInstalmentDetailAvailable`,
 * `instalments`; Get Transactions For Account v2: `instalmentPlanId`), so an earlier version is
 * the later one without them. Ids are the recipient's (public-ids.ts), never the holder's own.
 */

const ACCOUNT_FIELDS = [
  'accountId', 'creationDate', 'displayName', 'nickname', 'openStatus', 'isOwned', 'accountOwnership',
  'maskedNumber', 'productCategory', 'productName', 'isInstalmentDetailAvailable',
] as const satisfies readonly (keyof BankingAccount)[];

/** BankingAccountV3 (v3) or BankingAccountV2 (v2): the summary, without detail fields. */
export function toBankingAccount(account: HolderAccount, version: number, ids: PublicIds): BankingAccount {
  const out: Partial<BankingAccount> = {};
  for (const field of ACCOUNT_FIELDS) if (account[field] !== undefined) Object.assign(out, { [field]: account[field] });
  if (version < 3) delete out.isInstalmentDetailAvailable;
  return { ...(out as BankingAccount), accountId: ids.account(account.accountId) };
}

/** BankingAccountDetailV5 (v5) or V4 (v4); never the holder's own `unavailableReason`. */
export function toAccountDetail(account: HolderAccount, version: number, ids: PublicIds): BankingAccountDetail {
  const { unavailableReason: _reason, ...rest } = account;
  const detail: BankingAccountDetail = { ...rest, accountId: ids.account(account.accountId) };
  if (version < 5) {
    delete detail.isInstalmentDetailAvailable;
    delete (detail as { instalments?: unknown }).instalments;
  }
  return detail;
}

/** BankingTransactionV2 (v2) or BankingTransaction (v1). */
export function toTransaction(holder: BankingTransaction, version: number, ids: PublicIds): BankingTransaction {
  const transaction = { ...holder, accountId: ids.account(holder.accountId), ...(holder.transactionId ? { transactionId: ids.transaction(holder.transactionId) } : {}) };
  if (version >= 2) return transaction;
  const { instalmentPlanId: _plan, ...v1 } = transaction;
  return v1;
}
