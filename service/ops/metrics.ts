import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { PoolStatsSource } from '../db/pool-stats.js';
import { queueSnapshot } from './queue-snapshot.js';

/** Methods kept as labels as they are; anything else is `OTHER`, so a client cannot add series. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The service's Prometheus metrics, in a registry of its own (not prom-client's global one), so each
 * app a test builds counts alone. Request series are labelled by route pattern, never the raw path:
 * ids and tokens in paths would make a series per request. Queue and webhook figures are read from the
 * database at each scrape, so they describe the whole deployment (every instance reports the same).
 */
/** The route the config fast path answers for, as the Hono app registers it (its metrics label). */
export const FAST_PATH_ROUTE = '/v1/apps/:appId/config';

export function serviceMetrics(deps: { db: Db; clock: Clock; poolStats: PoolStatsSource }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  // The config fast path's answers, counted in plain numbers and added at each scrape: even a labelled
  // series' inc() and observe() cost that route 8% of its throughput (scripts/bench-config.mjs).
  const fastPathCounts = new Map<number, number>();
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
    collect() {
      for (const [status, count] of fastPathCounts) if (count) this.labels({ method: 'GET', route: FAST_PATH_ROUTE, status: String(status) }).inc(count);
      fastPathCounts.clear();
    },
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer, by route pattern (to the last byte for the config fast path, to the response head for streams)',
    labelNames: ['method', 'route'] as const,
    // From the cached config's ~0.1 ms to a slow bank hand-over.
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const webhookFailures = new Counter({ name: 'consent_webhook_attempt_failures_total', help: 'Webhook delivery attempts that failed (this instance), and whether it was the last attempt', labelNames: ['final'] as const, registers: [registry] });

  // One database read per scrape (render() makes it), shared by the gauges below. A database that does
  // not answer makes them NaN, and the process figures are still scraped.
  type Snapshot = Awaited<ReturnType<typeof queueSnapshot>>;
  let snapshot: Promise<Snapshot | undefined> | undefined;
  const take = () => queueSnapshot(deps.db, deps.clock.now()).catch(() => undefined);
  const read = async <K extends keyof Snapshot>(key: K) => (await (snapshot ??= take()))?.[key] ?? Number.NaN;
  new Gauge({ name: 'consent_jobs_queued', help: 'Connection jobs waiting to run', registers: [registry], async collect() { this.set(await read('jobsQueued')); } });
  new Gauge({ name: 'consent_jobs_running', help: 'Connection jobs running (under a lease)', registers: [registry], async collect() { this.set(await read('jobsRunning')); } });
  new Gauge({ name: 'consent_jobs_oldest_queued_age_seconds', help: 'Age of the oldest queued job; 0 when none waits', registers: [registry], async collect() { this.set(await read('oldestQueuedAgeSeconds')); } });
  new Gauge({ name: 'consent_webhook_deliveries_pending', help: 'Webhook deliveries not yet delivered nor given up', registers: [registry], async collect() { this.set(await read('webhooksPending')); } });
  new Gauge({ name: 'consent_webhook_deliveries_retrying', help: 'Pending webhook deliveries that have failed at least once', registers: [registry], async collect() { this.set(await read('webhooksRetrying')); } });
  new Gauge({ name: 'consent_webhook_deliveries_given_up', help: 'Webhook deliveries abandoned after their last attempt', registers: [registry], async collect() { this.set(await read('webhooksGivenUp')); } });
  new Gauge({
    name: 'consent_db_pool_connections',
    help: 'Database connections by state (SQLite: total only, one connection)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = deps.poolStats();
      this.set({ state: 'total' }, stats.total);
      if (stats.idle !== undefined) {
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'in_use' }, stats.total - stats.idle);
      }
      if (stats.waiting !== undefined) this.set({ state: 'waiting' }, stats.waiting);
    },
  });

  const seriesByKey = new Map<string, { count: { inc(): void }; time: { observe(value: number): void } }>();
  const fastPathTime = duration.labels({ method: 'GET', route: FAST_PATH_ROUTE });
  let fastPathSeen = 0;

  return {
    registry,
    /** Records one answered request; `route` is the pattern (`/v1/users/:id`), `unmatched` for a 404 without a route. */
    observe(method: string, route: string, status: number, seconds: number): void {
      const m = METHODS.has(method) ? method : 'OTHER';
      // The labelled series, looked up once: prom-client hashes a label object on every call, a share of
      // the cached config route's whole cost (scripts/bench-config.mjs). Routes are patterns, so few.
      const key = `${m} ${status} ${route}`;
      let series = seriesByKey.get(key);
      if (!series) {
        series = { count: requests.labels({ method: m, route, status: String(status) }), time: duration.labels({ method: m, route }) };
        seriesByKey.set(key, series);
      }
      series.count.inc();
      series.time.observe(seconds);
    },
    /**
     * One answer of the config fast path: counted exactly, its time sampled (one in 16) into the
     * latency histogram, which keeps its shape; see `fastPathCounts`.
     */
    fastPathAnswered(status: number, seconds: number): void {
      fastPathCounts.set(status, (fastPathCounts.get(status) ?? 0) + 1);
      if ((++fastPathSeen & 15) === 0) fastPathTime.observe(seconds);
    },
    webhookAttemptFailed(final: boolean): void {
      webhookFailures.inc({ final: String(final) });
    },
    /** The text exposition format, and its media type. */
    async render(): Promise<{ body: string; contentType: string }> {
      // Read before the pool is sampled, so the scrape's own queries are not counted as waiting.
      snapshot = take();
      await snapshot;
      try {
        return { body: await registry.metrics(), contentType: registry.contentType };
      } finally {
        snapshot = undefined;
      }
    },
  };
}

export type ServiceMetrics = ReturnType<typeof serviceMetrics>;
