import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { Problem } from '../errors/problem.js';
import type { AppEnv } from '../http/app-env.js';
import { describeRoute } from '../openapi/describe.js';
import type { ServiceMetrics } from './metrics.js';
import type { Readiness } from './readiness.js';

const tags = ['Service'];

/** Constant-time comparison of a presented bearer token with the configured one. */
function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/**
 * `GET /readyz` for load balancers and orchestrators, and `GET /metrics` for Prometheus. /metrics exists
 * only when a token is configured, and answers only with it: it names routes, queue sizes and failure
 * counts that are nobody else's business (docs/deploy.md).
 */
export function opsRoutes(deps: { readiness: Readiness; metrics: ServiceMetrics; metricsToken?: string | undefined }) {
  const app = new Hono<AppEnv>().get(
    '/readyz',
    describeRoute({ summary: 'Readiness: the database answers, its migrations are current, and the service is not stopping', tags, responses: { 200: { description: 'Ready for traffic' }, 503: { description: 'Not ready: stopping, or the database is unavailable or behind' } } }),
    async (c) => {
      const problem = await deps.readiness.problem();
      if (problem) throw new Problem(503, 'not-ready', 'Not ready', { detail: problem, headers: { 'cache-control': 'no-store' } });
      return c.json({ status: 'ready' }, 200, { 'cache-control': 'no-store' });
    },
  );
  const token = deps.metricsToken;
  if (token) {
    app.get(
      '/metrics',
      describeRoute({ summary: 'Prometheus metrics (Authorization: Bearer METRICS_TOKEN)', tags, responses: { 200: { description: 'The text exposition format', contentType: 'text/plain' }, 401: { description: 'Missing or wrong token' } } }),
      async (c) => {
        if (!tokenMatches(c.req.header('authorization'), token)) {
          throw new Problem(401, 'unauthorized', 'Unauthorized', { detail: 'Send the metrics token as a Bearer token.', headers: { 'www-authenticate': 'Bearer realm="metrics"' } });
        }
        const { body, contentType } = await deps.metrics.render();
        return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
      },
    );
  }
  return app;
}
