import { createRemoteJWKSet, customFetch, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Provider } from 'oidc-provider';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Client Authentication: PS256 or ES256, as FAPI 1.0 Advanced (algorithm considerations) allows. */
export const SIGNING_ALGS = ['PS256', 'ES256'] as const;

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Key sets by `jwks_uri`, fetched through the data holder's outbound fetch (it trusts the Register's CA). */
export function remoteKeySets(fetch: Fetch) {
  const sets = new Map<string, JWTVerifyGetKey>();
  return (uri: string): JWTVerifyGetKey => {
    let set = sets.get(uri);
    if (!set) {
      set = createRemoteJWKSet(new URL(uri), { [customFetch]: fetch as typeof globalThis.fetch });
      sets.set(uri, set);
    }
    return set;
  };
}

/**
 * `private_key_jwt` for the data holder's own end points (CDR Arrangement Revocation End Point), as
 * the provider does for its: iss = sub = client_id, aud = the issuer or the end point, single-use jti
 * (Client Authentication: Data Recipient Software Products authenticating to Data Holders).
 * Returns the client id, or undefined when the client is not authenticated.
 */
export function clientAssertionVerifier(provider: Provider, keysFor: (uri: string) => JWTVerifyGetKey) {
  const seen = new Map<string, number>();
  return async function verify(form: URLSearchParams, audiences: string[]): Promise<string | undefined> {
    const assertion = form.get('client_assertion');
    if (form.get('client_assertion_type') !== JWT_BEARER || !assertion) return undefined;
    try {
      const claimed = form.get('client_id') ?? JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')).iss;
      const client = await provider.Client.find(String(claimed));
      if (!client?.jwksUri || client.tokenEndpointAuthMethod !== 'private_key_jwt') return undefined;
      const { payload } = await jwtVerify(assertion, keysFor(client.jwksUri), {
        issuer: client.clientId, subject: client.clientId, audience: audiences, algorithms: [...SIGNING_ALGS], requiredClaims: ['jti', 'exp'],
      });
      const now = Date.now() / 1000;
      for (const [jti, exp] of seen) if (exp < now) seen.delete(jti);
      if (seen.has(payload.jti!)) return undefined;
      seen.set(payload.jti!, payload.exp!);
      return client.clientId;
    } catch {
      return undefined;
    }
  };
}
