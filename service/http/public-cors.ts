import type { MiddlewareHandler } from 'hono';

/**
 * CORS for public resources (published config, institutions, logos, bundles, this API's description):
 * any origin, no credentials. Unlike `hono/cors`, the headers are added after the handler: setting them
 * before it makes Hono create a placeholder response and then copy the real one into it, which on
 * @hono/node-server turns a cheap string response into a full Response per request
 * (docs/decisions/published-config-cache.md).
 */
export function publicCors(options: { exposeHeaders?: readonly string[] } = {}): MiddlewareHandler<any> {
  const expose = options.exposeHeaders?.join(', ');
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'GET, HEAD',
          'access-control-allow-headers': c.req.header('access-control-request-headers') ?? '',
          'access-control-max-age': '86400',
        },
      });
    }
    await next();
    c.res.headers.set('access-control-allow-origin', '*');
    if (expose) c.res.headers.set('access-control-expose-headers', expose);
  };
}
