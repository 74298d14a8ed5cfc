import { base64url, compactDecrypt, CompactEncrypt, calculateJwkThumbprint } from 'jose';

/** Seals secrets at rest (tokens, PKCE verifiers): a database copy alone reveals none of them. */
export interface TokenVault {
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Direct AES-256-GCM JWE (RFC 7516) under one 32-byte key; the key id names it for a later rotation. */
export function createTokenVault(keyBase64url: string): TokenVault {
  const key = base64url.decode(keyBase64url);
  if (key.length !== 32) throw new Error('The token key must be 32 bytes, base64url-encoded.');
  const kid = calculateJwkThumbprint({ kty: 'oct', k: keyBase64url });
  return {
    async seal(plain) {
      return new CompactEncrypt(encoder.encode(plain)).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: await kid }).encrypt(key);
    },
    async open(sealed) {
      const { plaintext } = await compactDecrypt(sealed, key);
      return decoder.decode(plaintext);
    },
  };
}
