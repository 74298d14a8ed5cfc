import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { ENVIRONMENT_RULES } from '../apps/environment-rules.js';
import { addressKind } from './webhook-address.js';

/** One address a host name resolved to. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Resolves a host name to every address it has (the system resolver, /etc/hosts included, by default). */
export type Resolve = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface WebhookPost {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Loopback endpoints are allowed for sandbox applications only. */
  readonly environment: 'sandbox' | 'production';
  readonly resolve: Resolve;
  /** For the whole attempt: resolution, connection, TLS and the response's status line. */
  readonly timeoutMs: number;
  /** Aborts the attempt without an outcome (the service is stopping; the delivery stays due). */
  readonly signal?: AbortSignal;
  /** Trust anchors in place of Node's bundled ones (tests' own HTTPS receivers). */
  readonly ca?: string | readonly string[];
}

/**
 * `ok`: a 2xx. Otherwise `error` is what the partner reads as the delivery's `lastError`, `detail` what
 * the operators' log gets, and `unreachable` says no HTTP answer came, so the whole endpoint backs off.
 */
export type WebhookPostOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string; readonly detail: string; readonly unreachable: boolean };

export const ADDRESS_REFUSED = "The endpoint's host does not resolve to an address that can receive webhooks";
export const CONNECT_FAILED = 'Could not connect to the endpoint';
/**
 * Loopback on the service's host is reachable for sandbox applications, so what failed there (refused,
 * reset, timed out, not HTTP, which status) would map the host's open ports: it all reads the same.
 */
export const LOOPBACK_FAILED = 'The endpoint did not accept the delivery (a loopback endpoint reports no detail)';

class Timeout extends Error {}

/**
 * POSTs one delivery: resolves the host now, refuses unless every address it resolves to may receive
 * webhooks, then connects to those checked addresses only. The request's `lookup` answers with them
 * instead of asking DNS again, so a name cannot be re-pointed (DNS rebinding) between the check and the
 * connection; the URL's host still names the server for TLS (SNI, certificate) and the Host header.
 */
export async function postWebhook(post: WebhookPost): Promise<WebhookPostOutcome> {
  const url = new URL(post.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Timeout()), post.timeoutMs);
  const signal = post.signal ? AbortSignal.any([post.signal, deadline.signal]) : deadline.signal;
  try {
    let addresses: readonly ResolvedAddress[];
    try {
      addresses = isIP(host) || host.includes('%') ? [{ address: host, family: isIP(host) }] : await abortable(post.resolve(host), signal);
    } catch (cause) {
      if (post.signal?.aborted) throw cause;
      return { ok: false, error: ADDRESS_REFUSED, detail: `resolving ${host}: ${message(cause)}`, unreachable: true };
    }
    const kinds = addresses.map((a) => addressKind(a.address));
    const loopback = kinds.length > 0 && kinds.every((k) => k === 'loopback');
    if (!(loopback ? ENVIRONMENT_RULES[post.environment].loopbackWebhooks : kinds.length > 0 && kinds.every((k) => k === 'public'))) {
      return { ok: false, error: ADDRESS_REFUSED, detail: `${host} resolved to ${addresses.map((a) => a.address).join(', ') || 'nothing'}`, unreachable: true };
    }
    if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) return { ok: false, error: 'Use https', detail: `scheme ${url.protocol}`, unreachable: true };

    const failed = (error: string, detail: string, unreachable: boolean) => ({ ok: false as const, error: loopback ? LOOPBACK_FAILED : error, detail, unreachable });
    try {
      const response = await send(url, addresses, post, signal);
      const { statusCode = 0 } = response;
      response.destroy();
      return statusCode >= 200 && statusCode < 300 ? { ok: true } : failed(`HTTP ${statusCode}`, `HTTP ${statusCode}`, false);
    } catch (cause) {
      if (post.signal?.aborted) throw cause;
      if (signal.reason instanceof Timeout) return failed(`No answer within ${post.timeoutMs / 1000} s`, 'timed out', true);
      return failed(CONNECT_FAILED, message(cause), true);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Answers any lookup with the checked addresses alone (all of them when asked for all: happy eyeballs). */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}

function send(url: URL, addresses: readonly ResolvedAddress[], post: WebhookPost, signal: AbortSignal): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      headers: { ...post.headers, host: url.host, 'content-length': Buffer.byteLength(post.body) },
      lookup: pinnedLookup(addresses),
      // A fresh connection per attempt: a pooled one could have been opened to an address checked earlier.
      agent: false,
      signal,
      ...(post.ca ? { ca: post.ca as string[] } : {}),
    });
    req.once('response', resolve);
    req.on('error', reject);
    req.end(post.body);
  });
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const message = (cause: unknown) => (cause instanceof Error ? `${(cause as NodeJS.ErrnoException).code ?? cause.name}: ${cause.message}` : String(cause));
