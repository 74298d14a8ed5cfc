import type { HolderAccount, HolderData } from '../data/holder-data.js';
import type { Access } from './access.js';
import { CdsError } from './cds-errors.js';
import type { PublicIds } from './public-ids.js';

/**
 * Only the accounts the consumer chose to share under the arrangement are visible (CDR Rules:
 * a data holder discloses only the data the authorisation covers). An account that is shared but
 * cannot be shared right now (a joint account whose other holder withdrew approval) is left out of
 * lists and answered Unavailable Banking Account when asked for by id.
 */
export function visibleAccounts(data: HolderData, access: Access, now: Date): HolderAccount[] {
  return data.accounts(access.customerId, now).filter((a) => access.accountIds.includes(a.accountId) && !a.unavailableReason);
}

/**
 * The shared account named in the URI, per "Error Codes" › 404: Invalid Banking Account when the id
 * is not one of this arrangement's accounts ("permanently unavailable"; unknown ids read the same, so
 * nothing is revealed about other customers' accounts), Unavailable Banking Account when it is
 * temporarily unavailable. The error detail is the account id, as the standard says.
 */
export function sharedAccount(data: HolderData, access: Access, ids: PublicIds, accountId: string, now: Date): HolderAccount {
  const holderId = ids.holderAccount(accountId);
  const account = holderId === undefined ? undefined : data.accounts(access.customerId, now).find((a) => a.accountId === holderId);
  if (!account) throw new CdsError('invalidBankingAccount', accountId);
  if (account.unavailableReason) throw new CdsError('unavailableBankingAccount', accountId);
  return account;
}
