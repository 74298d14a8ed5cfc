import type { Context } from 'hono';

/**
 * The origin end users reach the service at: the configured public URL (behind a proxy), otherwise
 * the origin of the request itself. Used for absolute links (hosted session pages, logos).
 */
export function publicBase(c: Context, publicUrl: string | undefined): string {
  return (publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
}

/**
 * True when `origin` is the service's own: the request's origin, or the public URL's. Behind a
 * TLS-terminating proxy the request reaches Node as http://… while the page the service served is at
 * https://… (PUBLIC_URL), so both count as same-origin.
 */
export function isOwnOrigin(c: Context, origin: string, publicUrl: string | undefined): boolean {
  return origin === new URL(c.req.url).origin || (publicUrl !== undefined && origin === new URL(publicUrl).origin);
}
