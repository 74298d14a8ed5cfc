import type { MiddlewareHandler } from 'hono';
import { Problem } from '../errors/problem.js';

/**
 * Which hosts the service answers for, and so which origin it mints links from (session URLs, the
 * hand-over to the bank, receipts, logos, editor links). The Host header is the client's to choose: a
 * link built from an unchecked one could send an end user, with their session token, to anyone's server.
 * docs/decisions/public-origin.md.
 */
export interface HostPolicy {
  /** Whether a request for `host` (as URL.host spells it: lower case, no default port) is answered. */
  allows(host: string): boolean;
  /** The base to mint links from (an origin, or PUBLIC_URL as given), for a request `allows` accepted. */
  originFor(requestUrl: URL): string;
}

export interface HostOptions {
  /** The origin end users reach the service at: links use it whatever the Host. */
  readonly publicUrl?: string | undefined;
  /** Hosts (host[:port], as the Host header carries them) requests may name; others get 421. */
  readonly allowedHosts?: readonly string[] | undefined;
}

const LOOPBACK_V4 = /^127(?:\.\d{1,3}){3}$/;

/** `localhost` (and its subdomains), 127.0.0.0/8 and ::1, bracketed or not. */
export function isLoopbackName(name: string): boolean {
  const host = name.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || host.endsWith('.localhost') || LOOPBACK_V4.test(host) || host === '::1';
}

/** `host[:port]` as URL.host spells it (lower case, no default port), or undefined when it is not one. */
export function normalHost(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(`http://${value}`);
  } catch {
    return undefined;
  }
  // Only a host and a port: anything else (a path, credentials, a query) was not a Host value.
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || value.includes('/')) return undefined;
  return url.host;
}

/**
 * With `allowedHosts`: those hosts (and PUBLIC_URL's) only. With only `publicUrl`: any Host, since no
 * link is made from it (a proxy in front may rewrite it). With neither: loopback names on any port, for
 * development (`npm start`, tests); service/env.ts refuses that outside development.
 */
export function hostPolicy(options: HostOptions = {}): HostPolicy {
  const publicBase = options.publicUrl?.replace(/\/+$/, '');
  let allows: (host: string) => boolean;
  if (options.allowedHosts !== undefined) {
    const listed = new Set(options.allowedHosts.map((h) => normalHost(h) ?? h));
    if (options.publicUrl !== undefined) listed.add(new URL(options.publicUrl).host);
    allows = (host) => listed.has(host);
  } else if (publicBase !== undefined) {
    allows = () => true;
  } else {
    allows = (host) => isLoopbackName(new URL(`http://${host}`).hostname);
  }
  return { allows, originFor: (requestUrl) => publicBase ?? requestUrl.origin };
}

/**
 * Answers 421 (Misdirected Request, RFC 9110 §15.5.20) to a request for a host the policy does not
 * allow, before any route runs; otherwise sets `publicOrigin`, the only origin routes mint links from
 * (service/http/base-url.ts). `anyHost` paths mint no link and are reached by address (orchestrator
 * probes, metrics scrapers): any Host is answered there, and no origin is set.
 */
export function hostGuard(policy: HostPolicy, options: { anyHost?: readonly string[] } = {}): MiddlewareHandler<{ Variables: { publicOrigin: string } }> {
  const anyHost = new Set(options.anyHost);
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (!policy.allows(url.host)) {
      if (anyHost.has(c.req.path)) return next();
      throw new Problem(421, 'misdirected-request', 'Misdirected request', { detail: 'This service does not answer for the host this request names.' });
    }
    c.set('publicOrigin', policy.originFor(url));
    await next();
  };
}
