import type { MiddlewareHandler } from 'hono';
import type { ServiceDeps } from '../deps.js';
import type { AppEnv } from '../http/app-env.js';
import { isOwnOrigin } from '../http/base-url.js';

// idempotency-key: the widget's grant is retried safely with it (POST /v1/session/grants).
const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key, if-match, if-none-match';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';

/** Lets a browser read a session route's answer: only ever for one named origin, never `*`. */
export function allowOrigin(response: Response, origin: string): void {
  response.headers.set('access-control-allow-origin', origin);
  response.headers.set('access-control-expose-headers', 'ETag, Location');
  response.headers.append('vary', 'Origin');
}

/**
 * Preflight for the session routes under /v1 (the public /v1/apps/* routes answer their own). A
 * preflight carries no token, so it cannot know the application: it admits an origin that some
 * application allows, and the request itself is then held to its own application's list (session-auth.ts).
 */
export function sessionPreflight(deps: Pick<ServiceDeps, 'db'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.path.startsWith('/v1/apps/')) return next();
    const origin = c.req.header('origin');
    const response = new Response(null, { status: 204, headers: { vary: 'Origin' } });
    if (origin && (isOwnOrigin(c, origin) || (await anyApplicationAllows(deps, origin)))) {
      allowOrigin(response, origin);
      response.headers.set('access-control-allow-methods', ALLOWED_METHODS);
      response.headers.set('access-control-allow-headers', ALLOWED_HEADERS);
      response.headers.set('access-control-max-age', '600');
    }
    return response;
  };
}

async function anyApplicationAllows(deps: Pick<ServiceDeps, 'db'>, origin: string): Promise<boolean> {
  const rows = await deps.db.selectFrom('applications').select('allowed_origins').execute();
  return rows.some((row) => (JSON.parse(row.allowed_origins) as string[]).includes(origin));
}
