import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { JobsTable } from '../db/lifecycle-schema.js';
import type { Logger } from '../logging/logger.js';
import { enqueueEvent } from '../webhooks/webhooks.repository.js';
import { findConsentById, type ConsentRecord } from './consents.repository.js';
import { claimJob, listLeaseOwners, listRunnableJobs, renewLease, saveLeasedJob, type Lease } from './jobs.repository.js';
import { isKnownGone, newRunnerInstanceId } from './runner-instance.js';
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
  /** How long a claim on a running job holds without renewal, and how often it is renewed. */
  readonly lease?: { readonly ttlMs?: number; readonly renewEveryMs?: number };
}

/** Another runner may take a job over this long after its runner stopped renewing (a crash, a hang). */
export const LEASE_TTL_MS = 15_000;
/** Three renewals per lease: one slow write or a busy database does not lose it. */
export const LEASE_RENEW_MS = 5_000;

/** The runner no longer holds the job's lease: another took it over, and this one must write nothing more. */
class LeaseLost extends Error {}

/**
 * Runs connection jobs: verify credentials → retrieve accounts → retrieve transactions, recording each
 * step as it goes so the widget can show live progress. Durable: the job row is the queue. A running job
 * is held under a lease renewed while it runs (docs/decisions/job-leases.md); every write of the run is
 * conditional on still holding it, so two runners never both commit one job, and a job left by a
 * stopped process is taken over by the next `runPending()` once its lease is dead.
 */
export function jobRunner(deps: JobRunnerDeps) {
  const { db, clock, log } = deps;
  const owner = newRunnerInstanceId();
  const ttlMs = deps.lease?.ttlMs ?? LEASE_TTL_MS;
  const renewEveryMs = deps.lease?.renewEveryMs ?? LEASE_RENEW_MS;
  const lease = (): Lease => {
    const now = clock.now();
    return { owner, now: now.toISOString(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
  };
  const inFlight = new Map<string, Promise<void>>();
  const kicked = new Set<Promise<void>>();
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
  async function retrieve(jobId: string, consent: ConsentRecord, resourceBaseUri: string | undefined, step: 'accounts' | 'transactions', since?: string): Promise<number> {
    if (!resourceBaseUri || !deps.recipient) throw new JobStepError('institution-not-connectable', 'The data holder cannot be reached.');
    let collected;
    try {
      collected = await collectSharedData(deps.recipient, { ...consent, resourceBaseUri }, clock.now(), step, since);
    } catch (error) {
      if (error instanceof HolderError) throw new JobStepError(error.code, error.message);
      throw error;
    }
    return db.transaction().execute(async (trx) => {
      // First in the transaction, so a takeover cannot commit in between (the write lock, or the row lock).
      if (!(await renewLease(trx, jobId, lease()))) throw new LeaseLost();
      return storeSharedData(trx, consent, collected, clock.now());
    });
  }

  /** Runs a job this runner has claimed, renewing the lease until it ends or is lost. */
  async function run(row: JobsTable) {
    const steps = (JSON.parse(row.steps) as JobStep[]).map((s) => ({ ...s, status: 'pending' as JobStep['status'] }));
    const save = async (changes: Partial<JobsTable> = {}) => {
      if (!(await saveLeasedJob(db, row.id, owner, { steps: JSON.stringify(steps), updated_at: clock.now().toISOString(), ...changes }))) throw new LeaseLost();
    };
    const finish = (changes: Partial<JobsTable>) => ({ ...changes, steps: JSON.stringify(steps), updated_at: clock.now().toISOString(), lease_owner: null, lease_expires_at: null });
    const heartbeat = setInterval(() => {
      renewLease(db, row.id, lease()).catch((error: unknown) => log.warn({ msg: 'job lease renewal failed', jobId: row.id, error: String(error) }));
    }, renewEveryMs);
    heartbeat.unref();
    let current: JobStepName | undefined;
    try {
      await save();
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
          await retrieve(row.id, consent, resourceBaseUri, 'accounts');
          detail = `${consent.terms.accountIds.length} account(s)`;
        } else {
          const added = await retrieve(row.id, consent, resourceBaseUri, 'transactions', latest ?? undefined);
          detail = consent.terms.clusters.includes('bank:transactions:read') ? `${added} new transaction(s)` : 'Not requested';
        }
        Object.assign(step, { status: 'succeeded', finishedAt: clock.now().toISOString(), ...(detail ? { detail } : {}) });
      }
      await db.transaction().execute(async (trx) => {
        if (!(await saveLeasedJob(trx, row.id, owner, finish({ status: 'succeeded' })))) throw new LeaseLost();
        if (row.kind === 'refresh') await enqueueEvent(trx, row.app_id, 'connection.refreshed', { connectionId: row.consent_id, consentId: row.consent_id, jobId: row.id }, clock.now().toISOString());
      });
    } catch (error) {
      if (error instanceof LeaseLost) return void log.warn({ msg: 'job taken over by another runner', jobId: row.id, step: current });
      const code = error instanceof JobStepError ? error.code : error instanceof ConsentEndedDuringJob ? `consent-${error.status}` : 'step-error';
      const detail = error instanceof Error ? error.message : String(error);
      const failed = steps.find((s) => s.name === current);
      if (failed) Object.assign(failed, { status: 'failed', finishedAt: clock.now().toISOString(), detail });
      if (!(error instanceof JobStepError || error instanceof ConsentEndedDuringJob)) log.error({ msg: 'job step crashed', jobId: row.id, step: current, error: detail });
      try {
        await db.transaction().execute(async (trx) => {
          if (!(await saveLeasedJob(trx, row.id, owner, finish({ status: 'failed', error_code: code, error_detail: detail })))) throw new LeaseLost();
          await enqueueEvent(trx, row.app_id, 'job.failed', { jobId: row.id, consentId: row.consent_id, step: current, code, detail }, clock.now().toISOString());
        });
      } catch (lost) {
        if (!(lost instanceof LeaseLost)) throw lost;
        log.warn({ msg: 'job taken over by another runner', jobId: row.id, step: current });
      }
    } finally {
      clearInterval(heartbeat);
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
    /**
     * Claims and runs every queued job, and every running one whose lease is dead (expired, or its owner
     * known to be gone: a crashed process is taken over at once, not after the lease runs out); resolves
     * when they have finished. A job another runner claimed first is left to it.
     */
    async runPending(): Promise<void> {
      const now = clock.now().toISOString();
      const gone = (await listLeaseOwners(db, now)).filter(isKnownGone);
      const rows = (await listRunnableJobs(db, now, gone)).filter((r) => !inFlight.has(r.id));
      const claimed: JobsTable[] = [];
      for (const row of rows) {
        if (!(await claimJob(db, row.id, lease(), gone))) continue;
        if (row.status === 'running') log.info({ msg: 'job taken over', jobId: row.id, from: row.lease_owner });
        claimed.push(row);
      }
      await Promise.all(claimed.map(start));
    },
    /** Starts pending jobs in the background (after a grant or refresh); errors are logged, not thrown. */
    kick(): void {
      setImmediate(() => {
        const pass = this.runPending()
          .catch((error: unknown) => log.error({ msg: 'job runner failed', error: String(error) }))
          .finally(() => kicked.delete(pass));
        kicked.add(pass);
      });
    },
    /**
     * Resolves when every job this process is running has finished (tests, shutdown), counting a kicked
     * pass that is still claiming: on a pool its queries take long enough for a caller to see nothing in flight.
     */
    async idle(): Promise<void> {
      while (inFlight.size || kicked.size) await Promise.all([...inFlight.values(), ...kicked]);
    },
  };
}

export type JobRunner = ReturnType<typeof jobRunner>;
