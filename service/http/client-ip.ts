import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from. With `trustedProxyHops` proxies in front (a load balancer, a reverse
 * proxy: each appends the address it saw to X-Forwarded-For), the entry that many from the right is the
 * one the nearest proxy outside our control saw; entries further left are whatever the client sent and
 * cannot be trusted. Without proxies, the socket's peer; `unknown` when neither is there (in-process tests).
 */
export function clientIp(c: Context, trustedProxyHops = 0): string {
  if (trustedProxyHops > 0) {
    const forwarded = c.req.header('x-forwarded-for');
    if (forwarded) {
      const hops = forwarded.split(',').map((entry) => entry.trim()).filter(Boolean);
      const entry = hops[Math.max(0, hops.length - trustedProxyHops)];
      if (entry) return entry;
    }
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
