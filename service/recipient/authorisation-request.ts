import * as client from 'openid-client';
import type { CryptoKey } from 'jose';
import type { HolderClient } from './holder-clients.js';

export interface AuthorisationRequest {
  readonly scopes: readonly string[];
  readonly redirectUri: string;
  /** How long the customer agreed to share, in seconds (Request Object: Requesting Sharing Duration). */
  readonly sharingDurationSeconds: number;
  /** Amending: the arrangement to change, not a new one beside it. */
  readonly arrangementId?: string | undefined;
}

export interface PushedAuthorisation {
  /** Where the customer goes: the holder's authorisation endpoint with only `client_id` and `request_uri`. */
  readonly url: URL;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/**
 * The CDS security profile's front half: a PS256 request object (PKCE S256, `response_mode=jwt`, the
 * sharing duration, the arrangement being amended, `acr` urn:cds.au:cdr:2 essential) pushed over mutual
 * TLS with `private_key_jwt`; the browser carries only the `request_uri` (Pushed Authorisation Requests).
 */
export async function pushAuthorisationRequest(holder: HolderClient, signer: { key: CryptoKey; kid: string }, request: AuthorisationRequest): Promise<PushedAuthorisation> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const params: Record<string, string> = {
    redirect_uri: request.redirectUri,
    scope: ['openid', 'profile', ...request.scopes].join(' '),
    response_type: 'code',
    response_mode: 'jwt',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    sharing_duration: String(request.sharingDurationSeconds),
    claims: JSON.stringify({ id_token: { acr: { essential: true, values: ['urn:cds.au:cdr:2'] } } }),
    ...(request.arrangementId ? { cdr_arrangement_id: request.arrangementId } : {}),
  };
  const jar = await client.buildAuthorizationUrlWithJAR(holder.config, params, { key: signer.key, kid: signer.kid });
  const url = await client.buildAuthorizationUrlWithPAR(holder.config, jar.searchParams);
  return { url, state, nonce, codeVerifier };
}
