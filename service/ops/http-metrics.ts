import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { ServiceMetrics } from './metrics.js';

/**
 * The pattern of the route that answered (`/v1/users/:id`): the last matched route registered for a
 * method; middleware (`app.use`) is registered for ALL. `unmatched` when only middleware matched (404).
 */
export function routePattern(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) if (routes[i]!.method !== 'ALL') return routes[i]!.path;
  return 'unmatched';
}

/** Counts and times every request the Hono app answers (the config fast path is counted in node-server.ts). */
export function httpMetrics(metrics: ServiceMetrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    metrics.observe(c.req.method, routePattern(c), c.res.status, (performance.now() - started) / 1000);
  };
}
