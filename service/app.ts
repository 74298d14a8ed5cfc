import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sql } from 'kysely';
import { apiKeyRoutes } from './api-keys/api-keys.routes.js';
import { apiKeyAuth } from './auth/api-key-auth.js';
import { systemClock, type Clock } from './clock.js';
import { configRoutes } from './configs/configs.routes.js';
import { createLifecycle, type Lifecycle, type LifecycleOptions } from './consents/lifecycle.js';
import { PublishedConfigCache } from './configs/published-config-cache.js';
import { configSync } from './configs/config-sync.js';
import { publicConfigRoutes } from './configs/public-config.routes.js';
import type { Db } from './db/database.js';
import type { ServiceDeps } from './deps.js';
import { demoRoutes, STRICT_CSP } from './demo/demo.routes.js';
import { editorArea } from './editor/editor.js';
import { onError, onNotFound } from './errors/on-error.js';
import { Problem } from './errors/problem.js';
import type { AppEnv } from './http/app-env.js';
import { closeUnreadBody } from './http/close-unread-body.js';
import { hostGuard, hostPolicy } from './http/allowed-hosts.js';
import { noSniff } from './http/no-sniff.js';
import { institutionRoutes } from './institutions/institutions.routes.js';
import { logoRoutes } from './institutions/logos.routes.js';
import { jsonLogger, type Logger } from './logging/logger.js';
import { requestId, requestIdSource } from './logging/request-id.js';
import { configFastPath, type NodeFastPath } from './configs/config-fast-path.js';
import { requestLogger } from './logging/request-logger.js';
import { describeRoute } from './openapi/describe.js';
import { clientIp } from './http/client-ip.js';
import { rateLimit, type RateLimits, type RateLimitSettings } from './rate-limits/rate-limit.js';
import { rateLimiter, type RateLimitOutcome } from './rate-limits/rate-limiter.js';
import { noticePage } from './hosted/hosted-pages.js';
import { poolStatsOf, type PoolStatsSource } from './db/pool-stats.js';
import { httpMetrics } from './ops/http-metrics.js';
import { serviceMetrics, type ServiceMetrics } from './ops/metrics.js';
import { opsRoutes } from './ops/ops.routes.js';
import { Readiness } from './ops/readiness.js';
import type { Recipient } from './recipient/recipient.js';
import { openApiRoutes } from './openapi/openapi.routes.js';
import { sessionAuth } from './sessions/session-auth.js';
import { sessionPreflight } from './sessions/session-cors.js';
import { sessionRoutes } from './sessions/sessions.routes.js';
import { bundleRoutes } from './static/bundles.routes.js';
import { userRoutes } from './users/users.routes.js';

export interface AppOptions {
  readonly db: Db;
  readonly clock?: Clock;
  /** Folder holding the esbuild output (widget.js, …). */
  readonly bundleDir: string;
  readonly demoAppId?: string;
  /** Structured log sink; JSON lines on stdout by default. */
  readonly log?: Logger;
  /** The origin end users reach the service at, when it differs from the request's (behind a proxy): every link uses it. */
  readonly publicUrl?: string;
  /**
   * The hosts (host[:port]) requests may name; any other gets 421. Without it or `publicUrl`, only
   * loopback names are answered (development); service/http/allowed-hosts.ts.
   */
  readonly allowedHosts?: readonly string[];
  /** The data recipient's client of CDR data holders (service/recipient/); without it no bank can be connected. */
  readonly recipient?: Recipient | undefined;
  /** Consent lifecycle tuning: sandbox step delay, webhook delivery (resolver, timeout, limits). */
  readonly lifecycle?: LifecycleOptions;
  /** Request quotas (service/rate-limits/); none when absent, as in most tests. */
  readonly rateLimits?: RateLimitSettings;
  /** Bearer token for GET /metrics; without it the route does not exist. */
  readonly metricsToken?: string | undefined;
  /** The database pool's state for /metrics; by default what the dialect that opened `db` registered. */
  readonly poolStats?: PoolStatsSource;
}

export interface ServiceApp {
  readonly app: Hono<AppEnv>;
  readonly configCache: PublishedConfigCache;
  /** What the routes were built from: areas added later (consents, sandbox, editor) take the same. */
  readonly deps: ServiceDeps;
  /** The consent lifecycle: its job runner, webhook deliverer and scheduler (main.ts starts it). */
  readonly lifecycle: Lifecycle;
  /**
   * Cached published configs answered on Node's own request and response, ahead of Hono
   * (service/configs/config-fast-path.ts); false leaves the request to `app`. Servers use both through
   * `listen` (service/http/node-server.ts); `app.fetch` alone gives the same answers, slower.
   */
  readonly fastPath: NodeFastPath;
  /** Prometheus metrics: the Hono app counts its requests, `listen` those of the fast path. */
  readonly metrics: ServiceMetrics;
  /** What GET /readyz answers from. */
  readonly readiness: Readiness;
  /** Begins a stop: not ready any more, and open event streams told to reconnect and ended. */
  drain(): void;
  /** What other instances change (publishes, drafts), found here: main.ts starts it. */
  readonly sync: ReturnType<typeof configSync>;
}

/** Builds the whole HTTP service from its parts; reads no environment (service/main.ts does). */
export function createApp(options: AppOptions): ServiceApp {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const configCache = new PublishedConfigCache(db);
  const log = options.log ?? jsonLogger({ now: () => clock.now() });
  const rateLimits: RateLimits | undefined = options.rateLimits && { ...options.rateLimits, limiter: rateLimiter({ db, clock, log }) };
  const deps: ServiceDeps = {
    db,
    clock,
    configCache,
    log,
    recipient: options.recipient,
    rateLimits,
  };
  const app = new Hono<AppEnv>();
  const metrics = serviceMetrics({ db, clock, poolStats: options.poolStats ?? poolStatsOf(db) });
  const readiness = new Readiness(db);

  app.onError(onError);
  app.notFound(onNotFound);
  // First, so every answer is counted, errors and refusals included.
  app.use(httpMetrics(metrics));
  app.use(noSniff(), closeUnreadBody());
  const requestIds = requestIdSource();
  app.use(requestId(requestIds));
  app.use(requestLogger(deps.log));
  const hosts = hostPolicy(options);
  app.use(hostGuard(hosts, { anyHost: ['/healthz', '/readyz', '/metrics'] }));
  const limitBody = bodyLimit({
    maxSize: 256 * 1024,
    onError: () => {
      throw new Problem(413, 'body-too-large', 'Request body too large', { detail: 'Request bodies are limited to 256 KiB.' });
    },
  });
  // Only methods that carry a body: bodyLimit reads `req.raw.body`, which on @hono/node-server
  // builds a full Request per call, a large share of a cached GET's cost (scripts/bench-config.mjs).
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS' ? next() : limitBody(c, next)));
  app.options('/v1/*', sessionPreflight(deps));

  app.get(
    '/healthz',
    describeRoute({ summary: 'Liveness and database check', tags: ['Service'], responses: { 200: { description: 'The database answered' }, 503: { description: 'The database did not answer' } } }),
    async (c) => {
      try {
        await sql`select 1`.execute(db);
      } catch {
        throw new Problem(503, 'unhealthy', 'Service unavailable', { detail: 'The database did not answer.' });
      }
      return c.json({ status: 'ok' });
    },
  );
  app.route('/', opsRoutes({ readiness, metrics, metricsToken: options.metricsToken }));
  // Browsers ask for it on every page; an empty answer keeps their consoles free of 404s.
  app.get(
    '/favicon.ico',
    describeRoute({ summary: 'No icon (an empty answer keeps browser consoles quiet)', tags: ['Service'], responses: { 204: { description: 'No content' } } }),
    (c) => c.body(null, 204, { 'cache-control': 'public, max-age=86400' }),
  );
  // Per client IP where no credential names the caller: hosted pages and the spending of editor links.
  const byIp = (c: Parameters<typeof clientIp>[0]) => clientIp(c, rateLimits?.trustedProxyHops);
  // People meet these in a browser: a page says it, in the hosted pages' look and strict CSP.
  const tooMany = (outcome: RateLimitOutcome) => ({
    body: noticePage('Too many requests', `Too many pages were opened from your network. Try again in ${outcome.resetSeconds} seconds.`),
    headers: { 'content-security-policy': STRICT_CSP },
  });
  const hostedLimit = rateLimit(rateLimits, (limits) => limits.hostedPages, byIp, tooMany);
  // `/connect/*` matches `/connect` too: listing both would count a page twice.
  for (const path of ['/connect/*', '/manage']) app.use(path, hostedLimit);
  const editorLinkLimit = rateLimit(rateLimits, (limits) => limits.editorLinks, byIp, tooMany);
  app.use('/editor', (c, next) => (c.req.method === 'POST' || (c.req.method === 'GET' && c.req.query('link') !== undefined) ? editorLinkLimit(c, next) : next()));
  const editor = editorArea(deps);
  app.use('/v1/config/*', editor.watchDraftWrites);
  app.route('/', publicConfigRoutes(configCache));
  app.route('/', institutionRoutes(deps));
  app.route('/', logoRoutes(deps));
  app.route('/', apiKeyRoutes(deps));
  app.route('/', configRoutes(deps));
  app.route('/', userRoutes(deps));
  app.route('/', sessionRoutes(deps));
  const lifecycle = createLifecycle({ ...deps, requireKey: (scope) => apiKeyAuth(deps, scope), requireSession: sessionAuth(deps) }, {
    ...options.lifecycle,
    webhooks: { ...options.lifecycle?.webhooks, onFailedAttempt: (final) => metrics.webhookAttemptFailed(final) },
  });
  app.route('/', lifecycle.routes);
  app.route('/', bundleRoutes(options.bundleDir));
  app.route('/', editor.routes);
  app.route('/', demoRoutes({ demoAppId: options.demoAppId ?? 'demo' }));
  app.route('/', openApiRoutes(() => app));

  const fastPath = configFastPath({ cache: configCache, log: deps.log, requestIds, hostAllowed: hosts.allows });
  const drain = () => {
    readiness.drain();
    editor.events.endStreams();
  };
  const sync = configSync({ db, cache: configCache, drafts: editor.events, log: deps.log });
  return { app, configCache, deps, lifecycle, fastPath, metrics, readiness, drain, sync };
}
