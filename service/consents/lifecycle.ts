import { Hono } from 'hono';
import { hostedRoutes } from '../hosted/hosted.routes.js';
import type { AppEnv } from '../http/app-env.js';
import { sandboxBankRoutes } from '../sandbox/sandbox-bank.routes.js';
import { webhookDeliverer } from '../webhooks/webhook-deliverer.js';
import { webhookRoutes } from '../webhooks/webhooks.routes.js';
import { consentRoutes } from './consents.routes.js';
import { dataRoutes } from './data.routes.js';
import { jobRunner } from './job-runner.js';
import type { LifecycleDeps } from './lifecycle-deps.js';
import { receiptRoutes } from './receipts.routes.js';
import { lifecycleScheduler } from './scheduler.js';
import { sessionConsentRoutes } from './session-consents.routes.js';

export interface LifecycleOptions {
  /** Pause before each job step so sandbox progress is visible; default 0 (tests). */
  readonly stepDelayMs?: number;
  /** The HTTP client for webhook deliveries (tests may pass their own). */
  readonly fetch?: typeof fetch;
}

/**
 * The consent lifecycle (issue 5) as one unit: the sandbox data holder's pages, the widget's session
 * routes, the partner's consent, data and webhook routes, the job runner and the scheduler.
 */
export function createLifecycle(deps: Omit<LifecycleDeps, 'jobs'>, options: LifecycleOptions = {}) {
  const jobs = jobRunner({ db: deps.db, clock: deps.clock, log: deps.log, stepDelayMs: options.stepDelayMs ?? 0 });
  const webhooks = webhookDeliverer({ db: deps.db, clock: deps.clock, log: deps.log, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const full: LifecycleDeps = { ...deps, jobs };
  const routes = new Hono<AppEnv>()
    .route('/', sandboxBankRoutes(full))
    .route('/', sessionConsentRoutes(full))
    .route('/', consentRoutes(full))
    .route('/', dataRoutes(full))
    .route('/', webhookRoutes(full))
    .route('/', receiptRoutes(full))
    .route('/', hostedRoutes(full));
  const scheduler = lifecycleScheduler({ db: deps.db, clock: deps.clock, log: deps.log, jobs, webhooks });
  return { routes, jobs, webhooks, scheduler };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
