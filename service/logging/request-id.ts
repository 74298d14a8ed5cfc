import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { requestHeader, setResponseHeader } from '../http/node-fast-path.js';
import { randomBase62 } from '../security/secrets.js';

const GIVEN = /^[\w.:-]{1,128}$/;

/**
 * Request ids: a proxy's id when it sent a sane one, otherwise this process's prefix and a counter
 * (unique per process, no random draw per request, unlike hono/request-id's UUID). One source per app,
 * shared by the middleware and the config fast path.
 */
export function requestIdSource(): (given: string | undefined) => string {
  const prefix = randomBase62(8);
  let counter = 0;
  return (given) => (given && GIVEN.test(given) ? given : `${prefix}-${(++counter).toString(36)}`);
}

/** Gives every request an id, logged and returned as `X-Request-Id`. */
export function requestId(next: (given: string | undefined) => string = requestIdSource()): MiddlewareHandler<AppEnv> {
  return async (c, nextMiddleware) => {
    const id = next(requestHeader(c, 'x-request-id'));
    c.set('requestId', id);
    await nextMiddleware();
    setResponseHeader(c, 'x-request-id', id);
  };
}
