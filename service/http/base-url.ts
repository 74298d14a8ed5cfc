import type { Context } from 'hono';

/**
 * The origin end users reach the service at: the configured public URL (behind a proxy), otherwise
 * the origin of the request itself. Used for absolute links (hosted session pages, logos).
 */
export function publicBase(c: Context, publicUrl: string | undefined): string {
  return (publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
}
