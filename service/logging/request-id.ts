import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { requestHeader, setResponseHeader } from '../http/node-fast-path.js';
import { randomBase62 } from '../security/secrets.js';

const GIVEN = /^[\w.:-]{1,128}$/;

/**
 * Gives every request an id, logged and returned as `X-Request-Id`: a proxy's id when it sent a
 * sane one, otherwise this process's prefix and a counter (unique per process, no random draw per
 * request, unlike hono/request-id's UUID).
 */
export function requestId(): MiddlewareHandler<AppEnv> {
  const prefix = randomBase62(8);
  let counter = 0;
  return async (c, next) => {
    const given = requestHeader(c, 'x-request-id');
    const id = given && GIVEN.test(given) ? given : `${prefix}-${(++counter).toString(36)}`;
    c.set('requestId', id);
    await next();
    setResponseHeader(c, 'x-request-id', id);
  };
}
