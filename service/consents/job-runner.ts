import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { JobsTable } from '../db/lifecycle-schema.js';
import type { Logger } from '../logging/logger.js';
import { enqueueEvent } from '../webhooks/webhooks.repository.js';
import { findConsentById, type ConsentRecord } from './consents.repository.js';
import { listRunnableJobs, saveJob } from './jobs.repository.js';
import type { JobStep, JobStepName } from './job-steps.js';
import { HolderError } from '../recipient/holder-clients.js';
import type { Recipient } from '../recipient/recipient.js';
import { collectSharedData, ConsentEndedDuringJob, storeSharedData } from './shared-data.js';

/** A step that failed for a reason a partner can act on (shown to the end user and in `job.failed`). */
export class JobStepError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface JobRunnerDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  /** A pause before each step, so the sandbox's progress is visible as a real bank's would be; 0 in tests. */
  readonly stepDelayMs: number;
  /** The data recipient's client: the data comes from the holder's CDS APIs through it. */
  readonly recipient?: Recipient | undefined;
}

const STALE_RUNNING_MS = 60_000;

/**
 * Runs connection jobs: verify credentials → retrieve accounts → retrieve transactions, recording each
 * step as it goes so the widget can show live progress. Durable: the job row is the queue, so jobs left
 * by a stopped process are picked up by the next `runPending()`.
 */
export function jobRunner(deps: JobRunnerDeps) {
  const { db, clock, log } = deps;
  const inFlight = new Map<string, Promise<void>>();
  const sleep = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

  /** Checks the consent can be served, and says where its holder's resource APIs are. */
  async function verify(consent: ConsentRecord): Promise<string> {
    if (consent.status !== 'active') throw new JobStepError(`consent-${consent.status}`, `The consent is ${consent.status}.`);
    const institution = await db.selectFrom('institutions').select(['name', 'status', 'status_reason', 'resource_base_uri']).where('id', '=', consent.institutionId).executeTakeFirst();
    if (!institution) throw new JobStepError('institution-unknown', 'The institution no longer exists.');
    if (institution.status === 'down') {
      throw new JobStepError('institution-down', `${institution.name} is unavailable: ${institution.status_reason ?? 'outage reported by the data holder'}.`);
    }
    if (!deps.recipient || !institution.resource_base_uri || !consent.issuer) throw new JobStepError('institution-not-connectable', `${institution.name} cannot be reached through the CDR from this service.`);
    const tokens = await db.selectFrom('arrangement_tokens').select('consent_id').where('consent_id', '=', consent.id).executeTakeFirst();
    if (!tokens) throw new JobStepError('arrangement-not-granted', 'The consent holds no tokens at its data holder.');
    return institution.resource_base_uri;
  }

  /** One retrieval step: asked of the holder first (no transaction held open over the network), then written. */
  async function retrieve(consent: ConsentRecord, resourceBaseUri: string | undefined, step: 'accounts' | 'transactions', since?: string): Promise<number> {
    if (!resourceBaseUri || !deps.recipient) throw new JobStepError('institution-not-connectable', 'The data holder cannot be reached.');
    let collected;
    try {
      collected = await collectSharedData(deps.recipient, { ...consent, resourceBaseUri }, clock.now(), step, since);
    } catch (error) {
      if (error instanceof HolderError) throw new JobStepError(error.code, error.message);
      throw error;
    }
    return db.transaction().execute((trx) => storeSharedData(trx, consent, collected, clock.now()));
  }

  async function run(row: JobsTable) {
    const steps = (JSON.parse(row.steps) as JobStep[]).map((s) => ({ ...s, status: 'pending' as JobStep['status'] }));
    const save = (changes: Partial<JobsTable> = {}) => saveJob(db, row.id, { steps: JSON.stringify(steps), updated_at: clock.now().toISOString(), ...changes });
    await save({ status: 'running' });
    let current: JobStepName | undefined;
    try {
      const consent = await findConsentById(db, row.consent_id);
      if (!consent) throw new JobStepError('consent-missing', 'The consent no longer exists.');
      // A refresh fetches only what is newer than the last transaction already held.
      const latest = row.kind === 'refresh' ? (await db.selectFrom('transactions').select((eb) => eb.fn.max('posted_at').as('latest')).where('consent_id', '=', consent.id).executeTakeFirst())?.latest ?? undefined : undefined;
      let resourceBaseUri: string | undefined;
      for (const step of steps) {
        current = step.name;
        Object.assign(step, { status: 'running', startedAt: clock.now().toISOString() });
        await save();
        await sleep(deps.stepDelayMs);
        let detail: string | undefined;
        if (step.name === 'verify-credentials') resourceBaseUri = await verify(consent);
        else if (step.name === 'retrieve-accounts') {
          await retrieve(consent, resourceBaseUri, 'accounts');
          detail = `${consent.terms.accountIds.length} account(s)`;
        } else {
          const added = await retrieve(consent, resourceBaseUri, 'transactions', latest ?? undefined);
          detail = consent.terms.clusters.includes('bank:transactions:read') ? `${added} new transaction(s)` : 'Not requested';
        }
        Object.assign(step, { status: 'succeeded', finishedAt: clock.now().toISOString(), ...(detail ? { detail } : {}) });
      }
      await db.transaction().execute(async (trx) => {
        await saveJob(trx, row.id, { status: 'succeeded', steps: JSON.stringify(steps), updated_at: clock.now().toISOString() });
        if (row.kind === 'refresh') await enqueueEvent(trx, row.app_id, 'connection.refreshed', { connectionId: row.consent_id, consentId: row.consent_id, jobId: row.id }, clock.now().toISOString());
      });
    } catch (error) {
      const code = error instanceof JobStepError ? error.code : error instanceof ConsentEndedDuringJob ? `consent-${error.status}` : 'step-error';
      const detail = error instanceof Error ? error.message : String(error);
      const failed = steps.find((s) => s.name === current);
      if (failed) Object.assign(failed, { status: 'failed', finishedAt: clock.now().toISOString(), detail });
      if (!(error instanceof JobStepError || error instanceof ConsentEndedDuringJob)) log.error({ msg: 'job step crashed', jobId: row.id, step: current, error: detail });
      await db.transaction().execute(async (trx) => {
        await saveJob(trx, row.id, { status: 'failed', steps: JSON.stringify(steps), error_code: code, error_detail: detail, updated_at: clock.now().toISOString() });
        await enqueueEvent(trx, row.app_id, 'job.failed', { jobId: row.id, consentId: row.consent_id, step: current, code, detail }, clock.now().toISOString());
      });
    }
  }

  function start(row: JobsTable): Promise<void> {
    let running = inFlight.get(row.id);
    if (!running) {
      running = run(row).finally(() => inFlight.delete(row.id));
      inFlight.set(row.id, running);
    }
    return running;
  }

  return {
    /** Runs every queued (or abandoned) job now; resolves when they have finished. */
    async runPending(): Promise<void> {
      const staleBefore = new Date(clock.now().getTime() - STALE_RUNNING_MS).toISOString();
      const rows = await listRunnableJobs(db, staleBefore);
      await Promise.all(rows.filter((r) => !inFlight.has(r.id)).map(start));
    },
    /** Starts pending jobs in the background (after a grant or refresh); errors are logged, not thrown. */
    kick(): void {
      setImmediate(() => void this.runPending().catch((error: unknown) => log.error({ msg: 'job runner failed', error: String(error) })));
    },
    /** Resolves when every job this process is running has finished (tests, shutdown). */
    async idle(): Promise<void> {
      while (inFlight.size) await Promise.all(inFlight.values());
    },
  };
}

export type JobRunner = ReturnType<typeof jobRunner>;
