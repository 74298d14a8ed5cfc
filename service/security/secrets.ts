import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * `length` characters of base62 from the OS CSPRNG, each carrying log2(62) ≈ 5.95 bits. Rejection
 * sampling keeps every character uniform; base62 keeps keys selectable by double-click.
 */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: bytes at or above it would bias the first characters.
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** An opaque id with a type prefix (`usr_…`, `key_…`): 16 characters ≈ 95 bits, never guessable. */
export const randomId = (prefix: string, length = 16) => `${prefix}_${randomBase62(length)}`;

/**
 * SHA-256, hex. Enough for secrets that are themselves ≥128 random bits (API keys, session tokens):
 * nothing to brute-force, and a fast hash allows an indexed lookup (docs/decisions/api-keys-and-session-tokens.md).
 */
export const sha256Hex = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Compares two secrets in time that does not depend on where they differ (hashing first evens the lengths). */
export const timingSafeEqualText = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
