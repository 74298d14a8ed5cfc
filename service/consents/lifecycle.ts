import { Hono } from 'hono';
import { hostedRoutes } from '../hosted/hosted.routes.js';
import { bankHandoverRoutes } from '../hosted/bank-handover.routes.js';
import type { AppEnv } from '../http/app-env.js';
import { recipientRoutes } from '../recipient/recipient.routes.js';
import { deliverHolderRevocations } from '../recipient/holder-revocations.js';
import { webhookDeliverer, type WebhookDeliveryOptions } from '../webhooks/webhook-deliverer.js';
import { webhookRoutes } from '../webhooks/webhooks.routes.js';
import { consentRoutes } from './consents.routes.js';
import { dataRoutes } from './data.routes.js';
import { jobRunner, type JobRunner } from './job-runner.js';
import type { LifecycleDeps } from './lifecycle-deps.js';
import { receiptRoutes } from './receipts.routes.js';
import { lifecycleScheduler } from './scheduler.js';
import { sessionConsentRoutes } from './session-consents.routes.js';

export interface LifecycleOptions {
  /** Pause before each job step so sandbox progress is visible; default 0 (tests). */
  readonly stepDelayMs?: number;
  /** Webhook delivery tuning: resolver, per-attempt timeout, concurrency limits. */
  readonly webhooks?: WebhookDeliveryOptions;
}

/**
 * The consent lifecycle as one unit: the recipient's endpoints for data holders, the widget's session
 * routes, the partner's consent, data and webhook routes, the job runner and the scheduler.
 */
export function createLifecycle(deps: Omit<LifecycleDeps, 'jobs'>, options: LifecycleOptions = {}) {
  const jobs = jobRunner({ db: deps.db, clock: deps.clock, log: deps.log, stepDelayMs: options.stepDelayMs ?? 0, recipient: deps.recipient });
  const webhooks = webhookDeliverer({ db: deps.db, clock: deps.clock, log: deps.log, ...options.webhooks });
  const full: LifecycleDeps = { ...deps, jobs };
  const routes = new Hono<AppEnv>()
    .route('/', recipientRoutes(full))
    .route('/', bankHandoverRoutes(full))
    .route('/', sessionConsentRoutes(full))
    .route('/', consentRoutes(full))
    .route('/', dataRoutes(full))
    .route('/', webhookRoutes(full))
    .route('/', receiptRoutes(full))
    .route('/', hostedRoutes(full));
  const holderRevocations = { deliverDue: () => deliverHolderRevocations(deps) };
  // Withdrawals owed to data holders are outbound work like jobs: they run in the jobs loop, after them.
  const outbound: JobRunner = { ...jobs, runPending: async () => {
    await jobs.runPending();
    await holderRevocations.deliverDue();
  } };
  const scheduler = lifecycleScheduler({ db: deps.db, clock: deps.clock, log: deps.log, jobs: outbound, webhooks });
  return { routes, jobs, webhooks, holderRevocations, scheduler };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
