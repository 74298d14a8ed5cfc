import type { Context, MiddlewareHandler } from 'hono';

/** What a public answer carries: any origin may read it (it holds nothing secret), without credentials. */
export const PUBLIC_CORS_HEADERS = { 'access-control-allow-origin': '*' } as const;

/**
 * CORS for public resources (published config, institutions, logos, bundles, this API's description).
 * A successful answer carries `PUBLIC_CORS_HEADERS` (and its exposed headers) in its own plain header
 * object, which keeps @hono/node-server on its fast path; this middleware answers preflights and adds
 * the headers to error answers. Unlike `hono/cors`, nothing is set before the handler: that makes Hono
 * create a placeholder response and copy the real one into it, which on @hono/node-server turns a
 * cheap string response into a full Response per request (docs/decisions/published-config-cache.md).
 */
export function publicCors(options: { exposeHeaders?: readonly string[] } = {}): MiddlewareHandler<any> {
  const expose = options.exposeHeaders?.join(', ');
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return publicPreflight(c);
    await next();
    if (c.res.status < 400) return;
    c.res.headers.set('access-control-allow-origin', '*');
    if (expose) c.res.headers.set('access-control-expose-headers', expose);
  };
}

/** The answer to a CORS preflight for a public resource. */
export function publicPreflight(c: Context): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...PUBLIC_CORS_HEADERS,
      'access-control-allow-methods': 'GET, HEAD',
      'access-control-allow-headers': c.req.header('access-control-request-headers') ?? '',
      'access-control-max-age': '86400',
    },
  });
}
