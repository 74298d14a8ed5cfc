import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { bearerToken, unauthorized } from '../auth/bearer.js';
import type { ServiceDeps } from '../deps.js';
import { onError, problemResponse } from '../errors/on-error.js';
import type { AppEnv, SessionContext } from '../http/app-env.js';
import { isOwnOrigin } from '../http/base-url.js';
import { withDoc } from '../openapi/describe.js';
import { allowOrigin } from './session-cors.js';
import { sessionRefusal } from './session-permissions.js';
import { findSessionByToken, sessionState } from './sessions.repository.js';

const REFUSALS = {
  expired: ['session-expired', 'This session has expired; ask the application for a new one.'],
  spent: ['session-spent', 'This session was already used to complete its journey.'],
  invalidated: ['session-replaced', 'A newer session replaced this one; use the latest link.'],
} as const;

async function authenticate(deps: Pick<ServiceDeps, 'db' | 'clock'>, header: string | undefined): Promise<SessionContext> {
  const token = bearerToken(header, 'session token');
  if (!token.startsWith('cus_')) throw unauthorized('This route needs a session token (cus_…), not an API key.', 'invalid_token');
  const row = await findSessionByToken(deps.db, token);
  if (!row) throw unauthorized('Unknown session token.', 'invalid_token');
  const state = sessionState(row, deps.clock.now());
  if (state !== 'active') throw unauthorized(REFUSALS[state][1], 'invalid_token', REFUSALS[state][0]);
  return {
    id: row.id,
    appId: row.app_id,
    userId: row.user_id,
    purpose: row.purpose,
    state: row.state,
    consentId: row.consent_id,
    expiresAt: row.expires_at,
    application: { id: row.app_id, name: row.app_name, environment: row.app_environment, allowedOrigins: JSON.parse(row.app_allowed_origins) as string[] },
  };
}

/** `METHOD /path` of the route being answered, as registered (the key of SESSION_ROUTES). */
function routeKey(c: Context): string {
  const route = matchedRoutes(c).at(c.req.routeIndex);
  return route ? `${route.method} ${route.path}` : '';
}

/**
 * Session routes (the widget's): authenticates `Authorization: Bearer <session token>` and sets
 * `session`, bound to one application and one end user. The route must admit the session's purpose
 * and its application's environment (SESSION_ROUTES, looked up by the route this runs on, so a route
 * the table does not name answers 403 to every session). CORS: a browser request is answered only for
 * the application's allowed origins (or the service's own pages, at the request's origin or at
 * PUBLIC_URL's); any other origin gets a 403 the page cannot even read. A 401 is readable from any
 * origin: it tells nothing about any application, and the widget must be able to say "this link has
 * expired".
 */
export function sessionAuth(deps: Pick<ServiceDeps, 'db' | 'clock'>): MiddlewareHandler<AppEnv> {
  const handler: MiddlewareHandler<AppEnv> = async (c, next) => {
    const origin = c.req.header('origin');
    let session: SessionContext;
    try {
      session = await authenticate(deps, c.req.header('authorization'));
    } catch (error) {
      const response = onError(error as Error, c);
      if (origin) allowOrigin(response, origin);
      return response;
    }
    if (origin && !isOwnOrigin(c, origin) && !session.application.allowedOrigins.includes(origin)) {
      return problemResponse(c, { type: '/problems/origin-not-allowed', title: 'Origin not allowed', status: 403, detail: `${origin} is not an allowed origin of this application.` });
    }
    const refusal = sessionRefusal(routeKey(c), { purpose: session.purpose, environment: session.application.environment });
    if (refusal) {
      const response = onError(refusal, c);
      if (origin) allowOrigin(response, origin);
      return response;
    }
    c.set('session', session);
    await next();
    if (origin) allowOrigin(c.res, origin);
  };
  return withDoc(handler, { kind: 'security', scheme: 'sessionToken' });
}
