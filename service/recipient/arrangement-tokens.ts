import * as client from 'openid-client';
import type { Db } from '../db/database.js';
import type { Executor } from '../consents/consents.repository.js';
import { asRefusalOrUnreachable, HolderRefusal, type Redeemed } from './authorisation-response.js';
import { HolderError, type HolderClient } from './holder-clients.js';
import type { TokenVault } from './token-vault.js';

/** Refresh this long before the access token lapses, so a call never carries one that dies in flight. */
const REFRESH_MARGIN_MS = 60_000;

/** Keeps a consent's tokens, sealed, replacing them when an amendment brings new ones. */
export async function storeTokens(trx: Executor, vault: TokenVault, consentId: string, clientId: string, redeemed: Redeemed, at: string): Promise<void> {
  const row = {
    client_id: clientId,
    access_token: await vault.seal(redeemed.accessToken),
    access_expires_at: redeemed.accessExpiresAt.toISOString(),
    refresh_token: redeemed.refreshToken ? await vault.seal(redeemed.refreshToken) : null,
    updated_at: at,
  };
  await trx
    .insertInto('arrangement_tokens')
    .values({ consent_id: consentId, ...row, version: 1, refreshing_until: null })
    .onConflict((oc) => oc.column('consent_id').doUpdateSet((eb) => ({ ...row, version: eb('arrangement_tokens.version', '+', 1), refreshing_until: null })))
    .execute();
}

/** How long one refresh may hold the lease before another caller may take over (a holder that hangs). */
const REFRESH_LEASE_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Refreshes this process is making, by consent: a second caller here shares the first's. */
const refreshing = new Map<string, Promise<string>>();

/**
 * A live access token for the consent: the stored one while it has a minute left, else a refreshed one
 * (Tokens: refresh before expiry). One refresh at a time, across instances: the caller that takes the
 * lease (a conditional write) refreshes, the others wait for its tokens — a holder that rotates refresh
 * tokens would refuse all but the first of several at once, ending an arrangement that still stands.
 */
export async function accessTokenFor(db: Db, vault: TokenVault, holder: HolderClient, consentId: string): Promise<string> {
  const deadline = Date.now() + REFRESH_LEASE_MS + 5_000;
  while (Date.now() < deadline) {
    const row = await db.selectFrom('arrangement_tokens').selectAll().where('consent_id', '=', consentId).executeTakeFirst();
    if (!row) throw new HolderError('This consent holds no tokens at its data holder.', 'arrangement-not-granted');
    if (Date.parse(row.access_expires_at) - REFRESH_MARGIN_MS > Date.now()) return vault.open(row.access_token);
    if (!row.refresh_token) throw new HolderError('The access token lapsed and there is no refresh token.', 'arrangement-not-granted');
    const ours = refreshing.get(consentId);
    if (ours) return ours;
    const now = new Date();
    const leased = await db
      .updateTable('arrangement_tokens')
      .set({ refreshing_until: new Date(now.getTime() + REFRESH_LEASE_MS).toISOString() })
      .where('consent_id', '=', consentId)
      .where('version', '=', row.version)
      .where((eb) => eb.or([eb('refreshing_until', 'is', null), eb('refreshing_until', '<', now.toISOString())]))
      .executeTakeFirst();
    if (leased.numUpdatedRows !== 1n) {
      // Another caller holds the lease (or has just written new tokens): read again shortly.
      await sleep(50);
      continue;
    }
    const refresh = refreshTokens(db, vault, holder, consentId, row).finally(() => refreshing.delete(consentId));
    refreshing.set(consentId, refresh);
    return refresh;
  }
  throw new HolderError('The tokens were being refreshed for too long.', 'holder-unavailable');
}

async function refreshTokens(db: Db, vault: TokenVault, holder: HolderClient, consentId: string, row: { refresh_token: string | null; version: number }): Promise<string> {
  let tokens: Awaited<ReturnType<typeof client.refreshTokenGrant>>;
  try {
    tokens = await client.refreshTokenGrant(holder.config, await vault.open(row.refresh_token!));
  } catch (error) {
    // The lease goes back, so the next caller tries again (a holder that was down) or learns the same.
    await db.updateTable('arrangement_tokens').set({ refreshing_until: null }).where('consent_id', '=', consentId).where('version', '=', row.version).execute();
    const reason = asRefusalOrUnreachable(error);
    if (reason instanceof HolderRefusal) throw new HolderError(`The data holder no longer honours this arrangement (${reason.error}).`, 'arrangement-not-granted');
    throw reason;
  }
  await db
    .updateTable('arrangement_tokens')
    .set({
      access_token: await vault.seal(tokens.access_token),
      access_expires_at: new Date(Date.now() + (tokens.expires_in ?? 0) * 1000).toISOString(),
      ...(tokens.refresh_token ? { refresh_token: await vault.seal(tokens.refresh_token) } : {}),
      version: row.version + 1,
      refreshing_until: null,
      updated_at: new Date().toISOString(),
    })
    .where('consent_id', '=', consentId)
    .where('version', '=', row.version)
    .execute();
  return tokens.access_token;
}

/** Forces the next call to refresh (after a 401 from the resource server). */
export async function expireAccessToken(db: Db, consentId: string): Promise<void> {
  await db.updateTable('arrangement_tokens').set({ access_expires_at: new Date(0).toISOString() }).where('consent_id', '=', consentId).execute();
}
