import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logging/logger.js';
import type { CachedConfig, PublishedConfigCache } from './published-config-cache.js';
import { CONFIG_CACHE_CONTROL, CORS, etagMatches } from './public-config.routes.js';

const CONFIG_PATH = /^\/v1\/apps\/([^/?#]+)\/config(?:\?|$)/;

interface Prepared {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly ok: Record<string, string>;
  readonly notModified: Record<string, string>;
}

/**
 * The hottest request — a published config already in memory — answered before Hono's middleware
 * chain, synchronously, so @hono/node-server takes its fast path (every middleware makes a response
 * asynchronous, ~15 µs a request: docs/decisions/published-config-cache.md). Headers and bytes are
 * prepared once per published version. It answers only ids already in the cache (real applications');
 * anything else (an invalid id, a cache miss, another method) goes on to the Hono route, which validates
 * through @hono/zod-validator and answers problems. The answer is the route's (a test compares them),
 * logged and given an X-Request-Id like every other.
 */
export function configFastPath(deps: { cache: PublishedConfigCache; log: Logger; requestIds: (given: string | undefined) => string }) {
  const prepared = new WeakMap<CachedConfig, Prepared>();
  const prepare = (entry: CachedConfig): Prepared => {
    const body = new TextEncoder().encode(entry.body);
    const common = { ...CORS, etag: entry.etag, 'cache-control': CONFIG_CACHE_CONTROL };
    const ready = { body, ok: { ...common, 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.byteLength) }, notModified: common };
    prepared.set(entry, ready);
    return ready;
  };

  return (request: Request, env?: { incoming?: IncomingMessage }): Response | undefined => {
    if (request.method !== 'GET') return undefined;
    const incoming = env?.incoming;
    const target = incoming?.url ?? request.url.slice(request.url.indexOf('/', request.url.indexOf('//') + 2));
    const match = CONFIG_PATH.exec(target);
    if (!match) return undefined;
    let appId: string;
    try {
      appId = decodeURIComponent(match[1]!);
    } catch {
      return undefined;
    }
    // Only ids the cache holds are answered here, and it holds only real applications' ids (put there by
    // the validated route, or read from the database): a hit is an id its zod schema already accepted.
    const entry = deps.cache.peek(appId);
    if (!entry) return undefined;

    const started = performance.now();
    const header = (name: string) => {
      const value = incoming ? incoming.headers[name] : request.headers.get(name);
      return Array.isArray(value) ? value.join(', ') : (value ?? undefined);
    };
    const ready = prepared.get(entry) ?? prepare(entry);
    const requestId = deps.requestIds(header('x-request-id'));
    const notModified = etagMatches(header('if-none-match'), entry.etag);
    // One plain object for writeHead: setting a header on Node's response first would send writeHead
    // down its slower merging path.
    const headers = { ...(notModified ? ready.notModified : ready.ok), 'x-request-id': requestId };
    const response = new Response(notModified ? null : ready.body, { status: notModified ? 304 : 200, headers });
    deps.log.info({ msg: 'request', requestId, method: 'GET', path: target.split('?')[0]!, status: notModified ? 304 : 200, durationMs: Math.round((performance.now() - started) * 100) / 100 });
    return response;
  };
}
