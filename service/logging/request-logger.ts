import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { Logger } from './logger.js';
import { loggablePath, type RequestLine } from './request-line.js';

/** Milliseconds since `started` (a `performance.now()`), to 0.01 ms: every request line's `durationMs`. */
export const elapsedMs = (started: number) => Math.round((performance.now() - started) * 100) / 100;

/**
 * One structured line per request: method, path (never the query string: hosted pages carry the
 * session token there; capability segments redacted, see `loggablePath`), status, duration, request id
 * and the application when known. Headers are never logged, so neither API keys nor session tokens can
 * reach the log.
 */
export function requestLogger(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const line: RequestLine = { requestId: c.get('requestId'), method: c.req.method, path: loggablePath(c.req.path), status: c.res.status, durationMs: elapsedMs(started) };
    const principal = c.get('principal');
    const session = c.get('session');
    if (principal) log.request({ ...line, appId: principal.appId, keyId: principal.keyId });
    else if (session) log.request({ ...line, appId: session.appId, sessionId: session.id });
    else log.request(line);
  };
}
