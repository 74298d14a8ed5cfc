import { base64url, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import type { Db } from '../db/database.js';
import { randomBytes } from 'node:crypto';
import type { RecipientIdentity } from './recipient-identity.js';
import { createTokenVault, type TokenVault } from './token-vault.js';

/** The keys the recipient signs with (request objects, client assertions) and seals tokens with. */
export interface RecipientKeys {
  readonly signingKey: CryptoKey;
  readonly kid: string;
  /** What the service publishes at its JWKS URI: the public half only. */
  readonly jwks: JSONWebKeySet;
  readonly vault: TokenVault;
}

/**
 * Reads a secret kept in the database, making it first if nobody has: every instance converges on the
 * first one written (insert-or-ignore, then read), so two starting at once cannot disagree.
 */
async function keptSecret(db: Db, name: string, make: () => Promise<string>): Promise<string> {
  await db
    .insertInto('recipient_secrets')
    .values({ name, value: await make(), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('recipient_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}

export async function loadRecipientKeys(db: Db, identity: Pick<RecipientIdentity, 'signingKey' | 'tokenKey'>): Promise<RecipientKeys> {
  const privateJwk: JWK =
    (identity.signingKey as JWK | undefined) ??
    (JSON.parse(
      await keptSecret(db, 'signing-key', async () => {
        const { privateKey } = await generateKeyPair('PS256', { extractable: true });
        return JSON.stringify(await exportJWK(privateKey));
      }),
    ) as JWK);
  if (!privateJwk.d) throw new Error('The recipient signing key must be a private JWK (it has no "d").');
  const tokenKey = identity.tokenKey ?? (await keptSecret(db, 'token-key', async () => base64url.encode(randomBytes(32))));
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(publicJwk));
  return {
    signingKey: (await importJWK({ ...privateJwk, alg: 'PS256' }, 'PS256')) as CryptoKey,
    kid,
    jwks: { keys: [{ ...publicJwk, kid, alg: 'PS256', use: 'sig' }] },
    vault: createTokenVault(tokenKey),
  };
}
