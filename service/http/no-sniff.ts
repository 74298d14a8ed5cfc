import type { MiddlewareHandler } from 'hono';
import { setResponseHeader } from './node-fast-path.js';

/**
 * `X-Content-Type-Options: nosniff` on every answer, errors and 404s included: a browser then takes
 * each body as its declared type only (Fetch standard, "X-Content-Type-Options"), so an uploaded
 * image or a JSON error can never run as a script or a stylesheet.
 */
export const noSniff = (): MiddlewareHandler => async (c, next) => {
  await next();
  setResponseHeader(c, 'x-content-type-options', 'nosniff');
};
