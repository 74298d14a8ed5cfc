import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sql } from 'kysely';
import { systemClock, type Clock } from './clock.js';
import { PublishedConfigCache } from './configs/published-config-cache.js';
import { publicConfigRoutes } from './configs/public-config.routes.js';
import type { Db } from './db/database.js';
import { demoRoutes } from './demo/demo.routes.js';
import { onError, onNotFound } from './errors/on-error.js';
import { Problem } from './errors/problem.js';
import { bundleRoutes } from './static/bundles.routes.js';

export interface AppOptions {
  readonly db: Db;
  readonly clock?: Clock;
  /** Folder holding the esbuild output (widget.js, …). */
  readonly bundleDir: string;
  readonly demoAppId?: string;
}

export interface ServiceApp {
  readonly app: Hono;
  readonly configCache: PublishedConfigCache;
}

/** Builds the whole HTTP service from its parts; reads no environment (service/main.ts does). */
export function createApp(options: AppOptions): ServiceApp {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  void clock;
  const configCache = new PublishedConfigCache(db);
  const app = new Hono();

  app.onError(onError);
  app.notFound(onNotFound);
  app.use(
    bodyLimit({
      maxSize: 256 * 1024,
      onError: () => {
        throw new Problem(413, 'body-too-large', 'Request body too large', { detail: 'Request bodies are limited to 256 KiB.' });
      },
    }),
  );

  app.get('/healthz', async (c) => {
    await sql`select 1`.execute(db);
    return c.json({ status: 'ok' });
  });
  // Browsers ask for it on every page; an empty answer keeps their consoles free of 404s.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'cache-control': 'public, max-age=86400' }));
  app.route('/', publicConfigRoutes(configCache));
  app.route('/', bundleRoutes(options.bundleDir));
  app.route('/', demoRoutes({ demoAppId: options.demoAppId ?? 'demo' }));

  return { app, configCache };
}
