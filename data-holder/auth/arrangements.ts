import { randomUUID } from 'node:crypto';

/**
 * A CDR arrangement as the data holder records it: who consented, to which accounts and scopes, for
 * how long, and the oidc-provider grant whose tokens it stands behind. oidc-provider's Grant cannot
 * hold custom fields, hence this store (Request Object: Specifying an existing arrangement).
 */
export interface Arrangement {
  readonly id: string;
  readonly clientId: string;
  readonly customerId: string;
  readonly accountIds: readonly string[];
  readonly scopes: readonly string[];
  /** Epoch seconds the sharing ends; equal to the consent for one-off collection (sharing_duration 0). */
  readonly sharingExpiresAt: number;
  /** The grant whose tokens are live; the one before it is revoked once the amendment's tokens are issued. */
  readonly grantId: string;
  readonly replacedGrantId?: string;
  readonly status: 'active' | 'revoked';
  /** ISO 8601: when the arrangement was first established; amendments keep it. */
  readonly sharingSince: string;
}

/** One year of 365 24-hour days (Request Object: Requesting Sharing Duration). */
export const MAX_SHARING_DURATION_S = 31_536_000;

/**
 * The sharing duration the data holder honours: over a year counts as a year; zero or absent means a
 * one-off collection; negative is refused by the caller (Request Object: Requesting Sharing Duration).
 */
export function effectiveSharingDuration(requested: string | number | undefined): number {
  const seconds = requested === undefined || requested === '' ? 0 : Number(requested);
  if (!Number.isInteger(seconds) || seconds < 0) throw new RangeError('sharing_duration must be a non-negative integer');
  return Math.min(seconds, MAX_SHARING_DURATION_S);
}

export interface ArrangementStore {
  get(id: string): Arrangement | undefined;
  byGrant(grantId: string): Arrangement | undefined;
  /** A customer's arrangements, every status, oldest first. */
  forCustomer(customerId: string): Arrangement[];
  /** A new arrangement, or the amendment of `existingId` keeping its id (Request Object Submission). */
  establish(input: Omit<Arrangement, 'id' | 'status' | 'replacedGrantId' | 'sharingSince'>, existingId?: string): Arrangement;
  /** Forgets the grant an amendment replaced, once the caller has revoked its tokens. */
  settle(id: string): void;
  revoke(id: string): Arrangement | undefined;
}

/** In memory: the sandbox data holder keeps no state across restarts. */
export function createArrangementStore(): ArrangementStore {
  const byId = new Map<string, Arrangement>();
  const grantToId = new Map<string, string>();
  // An amended arrangement as it was, for its old tokens until the amendment's tokens are issued.
  const superseded = new Map<string, Arrangement>();
  return {
    get: (id) => byId.get(id),
    byGrant(grantId) {
      const id = grantToId.get(grantId);
      const arrangement = id ? byId.get(id) : undefined;
      if (arrangement?.grantId === grantId) return arrangement;
      return superseded.get(grantId);
    },
    forCustomer: (customerId) => [...byId.values()].filter((a) => a.customerId === customerId),
    establish(input, existingId) {
      const previous = existingId ? byId.get(existingId) : undefined;
      const arrangement: Arrangement = {
        ...input,
        id: previous?.id ?? randomUUID(),
        status: 'active',
        sharingSince: previous?.sharingSince ?? new Date().toISOString(),
        ...(previous ? { replacedGrantId: previous.grantId } : {}),
      };
      if (previous) superseded.set(previous.grantId, previous);
      byId.set(arrangement.id, arrangement);
      grantToId.set(arrangement.grantId, arrangement.id);
      return arrangement;
    },
    settle(id) {
      const a = byId.get(id);
      if (a?.replacedGrantId) {
        superseded.delete(a.replacedGrantId);
        const { replacedGrantId: _, ...rest } = a;
        byId.set(id, rest);
      }
    },
    revoke(id) {
      const a = byId.get(id);
      if (!a) return undefined;
      if (a.replacedGrantId) superseded.delete(a.replacedGrantId);
      const revoked: Arrangement = { ...a, status: 'revoked' };
      byId.set(id, revoked);
      return revoked;
    },
  };
}
