import type { Context } from 'hono';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * On @hono/node-server, `c.env` holds Node's own request and response. Reading a header from Node's
 * parsed headers, or setting one on Node's response, skips building WHATWG `Headers` objects, a
 * measurable cost on the cached config route (docs/decisions/published-config-cache.md). Elsewhere
 * (app.request in tests, other runtimes) the portable path is taken.
 */
interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

/** Node's own request, when the app runs on @hono/node-server. */
export const incomingOf = (c: Context): IncomingMessage | undefined => (c.env as NodeBindings | undefined)?.incoming;

/** A request header (lower-case name) from Node's parsed headers, repeated ones joined as `Headers` does. */
export function incomingHeader(incoming: IncomingMessage, name: string): string | undefined {
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** A request header (lower-case name), without materialising `c.req.raw.headers` on Node. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = incomingOf(c);
  return incoming ? incomingHeader(incoming, name) : c.req.header(name);
}

/** Sets a header on the answer about to be written; on Node, directly on the Node response. */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as NodeBindings | undefined)?.outgoing;
  if (outgoing && !outgoing.headersSent) outgoing.setHeader(name, value);
  else c.res.headers.set(name, value);
}
