import type { MiddlewareHandler } from 'hono';
import { incomingOf, setResponseHeader } from './node-fast-path.js';

/**
 * An answer sent while the request's body is still unread on the connection (a 413 from its
 * Content-Length, a 401 or 415 before the body is read) says `Connection: close`. Node would
 * otherwise keep the connection open while @hono/node-server drains the rest for a moment and then
 * drops it, so the client's next request on it fails; told to close, the client opens a new one
 * (RFC 9112 §9.6). A body read to its end leaves the connection reusable.
 */
export const closeUnreadBody = (): MiddlewareHandler => async (c, next) => {
  await next();
  const incoming = incomingOf(c);
  // `complete`: Node's parser has reached the body's end. A request without a body needs no check:
  // Node may not have marked it complete yet when the app answers within the same tick.
  if (!incoming || incoming.complete) return;
  const length = incoming.headers['content-length'];
  if (incoming.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')) setResponseHeader(c, 'connection', 'close');
};
