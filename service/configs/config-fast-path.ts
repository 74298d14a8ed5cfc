import type { IncomingMessage, ServerResponse } from 'node:http';
import { incomingHeader } from '../http/node-fast-path.js';
import type { Logger } from '../logging/logger.js';
import { elapsedMs } from '../logging/request-logger.js';
import type { CachedConfig, PublishedConfigCache } from './published-config-cache.js';
import { CONFIG_CACHE_CONTROL, CORS, etagMatches } from './public-config.routes.js';

const CONFIG_PATH = /^\/v1\/apps\/([^/?#]+)\/config(?:\?|$)/;
/**
 * A Host @hono/node-server takes as it is (its own quick check, with any port up to 65535): anything
 * else (none, upper case, an IPv6 literal, a malformed one) goes to the route, where node-server
 * validates it and answers 400 when it is invalid, as for every other route.
 */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:6553[0-5]|655[0-2]\d|65[0-4]\d\d|6[0-4]\d{3}|[1-5]\d{4}|[1-9]\d{0,3}))?$/;

interface Prepared {
  /** Encoded once per version, not per request. */
  readonly body: Buffer;
  /** Flat [name, value, name, value…] lists, as Node's writeHead takes them. */
  readonly ok: readonly string[];
  readonly notModified: readonly string[];
}

/** Answers a request on Node's own objects; false when it leaves the request to the Hono app. */
export type NodeFastPath = (incoming: IncomingMessage, outgoing: ServerResponse) => boolean;

/**
 * The hottest request — a published config already in memory — answered on Node's request and response
 * before @hono/node-server builds a Request, runs the app and converts its Response: per request that
 * machinery costs more than the answer itself (docs/decisions/published-config-cache.md). Headers and
 * bytes are prepared once per published version. It answers only ids already in the cache (real
 * applications'); anything else (an invalid id, a miss, another method) goes on to the Hono route, which
 * validates through @hono/zod-validator and answers problems, and so does any request whose Host is
 * not plainly valid or not allowed. The answer is the route's (a test compares them over HTTP), logged
 * and given an X-Request-Id like every other.
 */
export function configFastPath(deps: { cache: PublishedConfigCache; log: Logger; requestIds: (given: string | undefined) => string; hostAllowed: (host: string) => boolean }): NodeFastPath {
  const prepared = new WeakMap<CachedConfig, Prepared>();
  // The host of the last request answered here: nearly every request names the same one.
  let allowedHost: string | undefined;
  const prepare = (entry: CachedConfig): Prepared => {
    const common = { ...CORS, etag: entry.etag, 'cache-control': CONFIG_CACHE_CONTROL, 'x-content-type-options': 'nosniff' };
    const body = Buffer.from(entry.body);
    const ok = { ...common, 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.byteLength) };
    const ready = { body, ok: Object.entries(ok).flat(), notModified: Object.entries(common).flat() };
    prepared.set(entry, ready);
    return ready;
  };

  return (incoming, outgoing) => {
    if (incoming.method !== 'GET') return false;
    const target = incoming.url ?? '';
    const match = CONFIG_PATH.exec(target);
    if (!match) return false;
    const host = incoming.headers.host;
    if (!host || !PLAIN_HOST.test(host)) return false;
    // A host the service does not answer for gets the route's 421 (service/http/allowed-hosts.ts).
    if (host !== allowedHost) {
      if (!deps.hostAllowed(host)) return false;
      allowedHost = host;
    }
    let appId: string;
    try {
      appId = decodeURIComponent(match[1]!);
    } catch {
      return false;
    }
    // Only ids the cache holds are answered here, and it holds only real applications' ids (put there by
    // the validated route, or read from the database): a hit is an id its zod schema already accepted.
    const entry = deps.cache.peek(appId);
    if (!entry) return false;

    const started = performance.now();
    const ready = prepared.get(entry) ?? prepare(entry);
    const requestId = deps.requestIds(incomingHeader(incoming, 'x-request-id'));
    const notModified = etagMatches(incomingHeader(incoming, 'if-none-match'), entry.etag);
    const status = notModified ? 304 : 200;
    // One flat list for writeHead: setting a header first would send Node down its merging path, and
    // copying a header object with `{...prepared, id}` cost 1.5 µs a request (slow-mode object); this 0.15.
    outgoing.writeHead(status, [...(notModified ? ready.notModified : ready.ok), 'x-request-id', requestId]);
    if (notModified) outgoing.end();
    else outgoing.end(ready.body);
    deps.log.request({ requestId, method: 'GET', path: target.split('?')[0]!, status, durationMs: elapsedMs(started) });
    return true;
  };
}
