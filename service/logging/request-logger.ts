import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { Logger } from './logger.js';

/**
 * One structured line per request: method, path (never the query string: hosted pages carry the
 * session token there), status, duration, request id and the application when known. Headers are
 * never logged, so neither API keys nor session tokens can reach the log.
 */
export function requestLogger(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const principal = c.get('principal');
    const session = c.get('session');
    const status = c.res.status;
    log[status >= 500 ? 'error' : 'info']({
      msg: 'request',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      ...(principal ? { appId: principal.appId, keyId: principal.keyId } : session ? { appId: session.appId, sessionId: session.id } : {}),
    });
  };
}
