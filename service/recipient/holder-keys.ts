import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import type { MtlsFetch } from './mtls-fetch.js';

/**
 * Data holders' signing keys (their `jwks_uri`), one cached key set per address: the JARM answers and
 * the revocation notices of one holder are checked against the same keys, fetched once and refetched
 * by jose when an unknown key id appears.
 */
export function holderKeySets(fetch: MtlsFetch): (jwksUri: string) => JWTVerifyGetKey {
  const sets = new Map<string, JWTVerifyGetKey>();
  return (jwksUri) => {
    let keys = sets.get(jwksUri);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(jwksUri), { [customFetch]: fetch as never });
      sets.set(jwksUri, keys);
    }
    return keys;
  };
}
