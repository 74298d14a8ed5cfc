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
    .values({ consent_id: consentId, ...row, version: 1 })
    .onConflict((oc) => oc.column('consent_id').doUpdateSet((eb) => ({ ...row, version: eb('arrangement_tokens.version', '+', 1) })))
    .execute();
}

/**
 * A live access token for the consent: the stored one while it has a minute left, else a refreshed one
 * (Tokens: refresh before expiry). Two refreshes at once do not overwrite each other: the write is
 * conditional on the version read, and the loser uses the winner's token.
 */
export async function accessTokenFor(db: Db, vault: TokenVault, holder: HolderClient, consentId: string): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await db.selectFrom('arrangement_tokens').selectAll().where('consent_id', '=', consentId).executeTakeFirst();
    if (!row) throw new HolderError('This consent holds no tokens at its data holder.', 'arrangement-not-granted');
    if (Date.parse(row.access_expires_at) - REFRESH_MARGIN_MS > Date.now()) return vault.open(row.access_token);
    if (!row.refresh_token) throw new HolderError('The access token lapsed and there is no refresh token.', 'arrangement-not-granted');
    let tokens: Awaited<ReturnType<typeof client.refreshTokenGrant>>;
    try {
      tokens = await client.refreshTokenGrant(holder.config, await vault.open(row.refresh_token));
    } catch (error) {
      const reason = asRefusalOrUnreachable(error);
      if (reason instanceof HolderRefusal) throw new HolderError(`The data holder no longer honours this arrangement (${reason.error}).`, 'arrangement-not-granted');
      throw reason;
    }
    const result = await db
      .updateTable('arrangement_tokens')
      .set({
        access_token: await vault.seal(tokens.access_token),
        access_expires_at: new Date(Date.now() + (tokens.expires_in ?? 0) * 1000).toISOString(),
        ...(tokens.refresh_token ? { refresh_token: await vault.seal(tokens.refresh_token) } : {}),
        version: row.version + 1,
        updated_at: new Date().toISOString(),
      })
      .where('consent_id', '=', consentId)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 1n) return tokens.access_token;
  }
  throw new HolderError('The tokens kept changing while being refreshed.', 'holder-unavailable');
}

/** Forces the next call to refresh (after a 401 from the resource server). */
export async function expireAccessToken(db: Db, consentId: string): Promise<void> {
  await db.updateTable('arrangement_tokens').set({ access_expires_at: new Date(0).toISOString() }).where('consent_id', '=', consentId).execute();
}
