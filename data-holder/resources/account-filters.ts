import { PRODUCT_CATEGORIES } from '../data/cds-types.js';
import type { HolderAccount } from '../data/holder-data.js';
import { CdsError } from './cds-errors.js';

/** An optional enum query parameter; a value outside it is Invalid Field, detail the parameter. */
export function enumParam<T extends string>(value: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CdsError('fieldInvalid', name);
  return value as T;
}

/**
 * The account filters Get Accounts and Get Bulk Balances share: `product-category` (absent: all),
 * `open-status` (`OPEN`, `CLOSED` or `ALL`, the default) and `is-owned` (absent: all). An account
 * without openStatus is OPEN and without isOwned is owned (BankingAccountV3 defaults).
 */
export function accountFilter(query: (name: string) => string | undefined): (account: HolderAccount) => boolean {
  const category = enumParam(query('product-category'), 'product-category', PRODUCT_CATEGORIES);
  const openStatus = enumParam(query('open-status'), 'open-status', ['OPEN', 'CLOSED', 'ALL'] as const) ?? 'ALL';
  const isOwned = enumParam(query('is-owned'), 'is-owned', ['true', 'false'] as const);
  return (a) =>
    (!category || a.productCategory === category) &&
    (openStatus === 'ALL' || (a.openStatus ?? 'OPEN') === openStatus) &&
    (isOwned === undefined || String(a.isOwned ?? true) === isOwned);
}
