import type { Context } from 'hono';

/**
 * The origin end users reach the service at, for absolute links (hosted session pages, the hand-over to
 * the bank, receipts, logos, editor links): PUBLIC_URL's, or the request's once its Host was allowed.
 * The host guard (service/http/allowed-hosts.ts) sets it for every request; without it no link is made
 * rather than one from an unchecked Host.
 */
export function publicBase(c: Context): string {
  const origin = c.get('publicOrigin') as string | undefined;
  if (origin === undefined) throw new Error('No public origin: the host guard did not run for this request');
  return origin;
}

/**
 * True when `origin` is the service's own: the request's origin, or the public URL's. Behind a
 * TLS-terminating proxy the request reaches Node as http://… while the page the service served is at
 * https://… (PUBLIC_URL), so both count as same-origin.
 */
export function isOwnOrigin(c: Context, origin: string): boolean {
  return origin === new URL(c.req.url).origin || origin === new URL(publicBase(c)).origin;
}
