import { randomUUID } from 'node:crypto';
import { decodeJwt, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { HolderError, type HolderClient } from './holder-clients.js';
import type { MtlsFetch } from './mtls-fetch.js';
import type { RecipientKeys } from './recipient-keys.js';

/**
 * Tells the data holder the customer withdrew (CDR Arrangement Revocation End Point): mutual TLS,
 * `private_key_jwt`. Done when the holder answers 204, or 422 because it no longer knows the
 * arrangement (already revoked there); anything else is tried again later.
 */
export async function revokeAtHolder(fetch: MtlsFetch, keys: RecipientKeys, holder: HolderClient, arrangementId: string): Promise<void> {
  if (!holder.revocationEndpoint) throw new HolderError('The data holder publishes no arrangement revocation endpoint.', 'holder-misconfigured');
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'PS256', kid: keys.kid })
    .setIssuer(holder.clientId)
    .setSubject(holder.clientId)
    .setAudience(holder.issuer)
    .setIssuedAt()
    .setExpirationTime('2m')
    .setJti(randomUUID())
    .sign(keys.signingKey);
  const res = await fetch(holder.revocationEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: holder.clientId, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion, cdr_arrangement_id: arrangementId }).toString(),
  }).catch((error: unknown) => {
    throw new HolderError(`The data holder could not be reached: ${(error as Error).message}`, 'holder-unavailable');
  });
  if (res.status === 204 || res.status === 422) return;
  throw new HolderError(`The data holder answered ${res.status} to the revocation: ${(await res.text()).slice(0, 200)}`, 'holder-refused');
}

/** The issuers a notice may come from, by the `iss` it carries (a brand id or an issuer). */
export type IssuerOf = (iss: string) => Promise<string | undefined>;

export class RevocationNoticeError extends Error {
  constructor(
    readonly status: 401 | 400,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a data holder's revocation notice to our endpoint: the bearer JWT signed by a holder we know
 * (`keysOf`: the keys its discovery document names), addressed to this endpoint, short-lived; and the
 * signed `cdr_arrangement_jwt` naming the arrangement. Returns the issuer and the arrangement.
 */
export function revocationNoticeVerifier(keysOf: (issuer: string) => Promise<JWTVerifyGetKey>, endpoint: string, issuerOf: IssuerOf) {
  return async function verify(authorization: string | undefined, arrangementJwt: string | undefined): Promise<{ issuer: string; arrangementId: string }> {
    const bearer = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!bearer) throw new RevocationNoticeError(401, 'A bearer JWT signed by the data holder is required.');
    let iss: string | undefined;
    try {
      iss = decodeJwt(bearer).iss;
    } catch {
      throw new RevocationNoticeError(401, 'The bearer token is not a JWT.');
    }
    const issuer = iss ? await issuerOf(iss) : undefined;
    if (!issuer) throw new RevocationNoticeError(401, 'The bearer JWT is not from a data holder we know.');
    const keys = await keysOf(issuer);
    try {
      await jwtVerify(bearer, keys, { issuer: iss, subject: iss, audience: endpoint, algorithms: ['PS256', 'ES256'], requiredClaims: ['exp', 'iat', 'jti'], maxTokenAge: '10m' });
    } catch (error) {
      throw new RevocationNoticeError(401, `The bearer JWT failed its checks: ${(error as Error).message}`);
    }
    if (!arrangementJwt) throw new RevocationNoticeError(400, 'cdr_arrangement_jwt is required.');
    try {
      const { payload } = await jwtVerify(arrangementJwt, keys, { algorithms: ['PS256', 'ES256'] });
      if (typeof payload.cdr_arrangement_id !== 'string') throw new Error('no cdr_arrangement_id');
      return { issuer, arrangementId: payload.cdr_arrangement_id };
    } catch (error) {
      throw new RevocationNoticeError(400, `cdr_arrangement_jwt failed its checks: ${(error as Error).message}`);
    }
  };
}
