import { createHmac } from 'node:crypto';
import type { Access } from './access.js';

/**
 * The ids a recipient sees ("ID Permanence"): arbitrary, immutable across sessions and consents, and
 * never transferable across software products or between customers. They are an HMAC of the software
 * product, the customer and the holder's own id, so the same product gets the same id under every
 * new arrangement and another product a different one. Account ids map back only within the
 * arrangement's own accounts, so no lookup table is kept.
 *
 * Without a `softwareProductId` in the Access (or without a secret) the holder's ids pass through
 * unchanged: the sandbox's readable ids (`jsmith-everyday`) stay usable until the authorisation
 * server supplies the product.
 */
export interface PublicIds {
  account(holderAccountId: string): string;
  /** The holder's id for a public account id of this arrangement, or undefined. */
  holderAccount(publicAccountId: string): string | undefined;
  transaction(holderTransactionId: string): string;
}

export function publicIdsFor(access: Access, secret: string | undefined): PublicIds {
  const product = access.softwareProductId;
  if (!product || !secret) {
    return { account: (id) => id, holderAccount: (id) => (access.accountIds.includes(id) ? id : undefined), transaction: (id) => id };
  }
  const mac = (kind: string, id: string) => createHmac('sha256', secret).update(`${kind}\0${product}\0${access.customerId}\0${id}`).digest('base64url').slice(0, 32);
  const byPublic = new Map(access.accountIds.map((id) => [mac('account', id), id]));
  return {
    account: (id) => mac('account', id),
    holderAccount: (id) => byPublic.get(id),
    transaction: (id) => mac('transaction', id),
  };
}
