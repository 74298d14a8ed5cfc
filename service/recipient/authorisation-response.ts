import { decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import * as client from 'openid-client';
import { HolderError, type HolderClient } from './holder-clients.js';

export interface Redeemed {
  /** The customer at the data holder: the ID token's `sub`, pairwise per recipient. */
  readonly customer: string;
  readonly arrangementId: string;
  readonly accessToken: string;
  readonly accessExpiresAt: Date;
  readonly refreshToken: string | undefined;
}

/** The data holder's answer was a refusal (the customer cancelled, or the holder refused the request). */
export class HolderRefusal extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

/** What makes a JARM answer not the holder's, as opposed to the holder's keys not being reachable. */
const FORGED = [errors.JWSSignatureVerificationFailed, errors.JWTClaimValidationFailed, errors.JWSInvalid, errors.JWTInvalid, errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys, errors.JOSEAlgNotAllowed, errors.JOSENotSupported];

/**
 * Checks that a JARM answer is the holder's, to this client, for the request with `state`: PS256 under
 * the holder's published keys, `iss`, `aud`, `state`, and unexpired unless `allowExpired` (a reload of an
 * answer already decided). False for an answer that fails; throws HolderError when the keys cannot be had.
 * Nothing is exchanged here: a forged answer must not get as far as claiming the request.
 */
export function answerVerifier(keySet: (jwksUri: string) => JWTVerifyGetKey) {
  return async function verifyAnswer(holder: HolderClient, callback: URL, state: string, options: { allowExpired?: boolean } = {}): Promise<boolean> {
    const jwksUri = holder.config.serverMetadata().jwks_uri;
    if (!jwksUri) throw new HolderError('The data holder publishes no JWKS.', 'holder-misconfigured');
    const keys = keySet(jwksUri);
    try {
      const response = callback.searchParams.get('response') ?? '';
      // JARM carries `exp` but no `iat`: an expired answer is read as at its last valid second.
      const exp = options.allowExpired ? decodeJwt(response).exp : undefined;
      const { payload } = await jwtVerify(response, keys, {
        issuer: holder.issuer,
        audience: holder.clientId,
        algorithms: ['PS256'],
        requiredClaims: ['exp'],
        ...(typeof exp === 'number' ? { currentDate: new Date((exp - 1) * 1000) } : {}),
      });
      return payload.state === state;
    } catch (error) {
      if (FORGED.some((kind) => error instanceof kind)) return false;
      throw new HolderError(`The data holder's keys could not be read: ${(error as Error).message}`, 'holder-unavailable');
    }
  };
}

/**
 * The CDS security profile's back half: the JARM response is verified (PS256 from the holder's keys,
 * `iss`, `aud`, `exp`, our `state`), then the code is exchanged once over mutual TLS with
 * `private_key_jwt` and the PKCE verifier, and the ID token checked (signature, `nonce`, `acr`).
 * Throws HolderRefusal for an answer that is final, HolderError when the holder could not be reached.
 */
export async function redeemAnswer(holder: HolderClient, callback: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Redeemed> {
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(holder.config, callback, { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true });
  } catch (error) {
    throw asRefusalOrUnreachable(error);
  }
  const claims = tokens.claims();
  const arrangementId = tokens.cdr_arrangement_id;
  if (!claims?.sub || typeof arrangementId !== 'string') throw new HolderRefusal('invalid_response', 'The data holder answered without a customer or an arrangement.');
  return {
    customer: claims.sub,
    arrangementId,
    accessToken: tokens.access_token,
    accessExpiresAt: new Date(Date.now() + (tokens.expires_in ?? 0) * 1000),
    refreshToken: tokens.refresh_token,
  };
}

/** OAuth refusals and failed checks are final; a network failure is not (the same answer can be tried again). */
export function asRefusalOrUnreachable(error: unknown): Error {
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) {
    return new HolderRefusal(error.error, error.error_description ?? error.message);
  }
  if (unreachable(error)) return new HolderError(`The data holder could not be reached: ${(error as Error).message}`, 'holder-unavailable');
  if (error instanceof client.ClientError) {
    // A JARM or ID token that fails its checks (bad signature, wrong audience, expired, state or nonce).
    return new HolderRefusal('invalid_response', `The data holder's answer failed its checks: ${error.message}`);
  }
  return new HolderError(`The data holder could not be reached: ${(error as Error).message}`, 'holder-unavailable');
}

/** fetch failures (refused, reset, timed out) surface as a TypeError, sometimes wrapped once. */
function unreachable(error: unknown): boolean {
  const cause = (error as { cause?: unknown })?.cause;
  return error instanceof TypeError || cause instanceof TypeError || (typeof (cause as { code?: unknown })?.code === 'string' && /^(E[A-Z]+|UND_ERR)/.test((cause as { code: string }).code));
}
