import type { ExpressionBuilder } from 'kysely';
import type { JobsTable } from '../db/lifecycle-schema.js';
import type { Database } from '../db/schema.js';
import { randomId } from '../security/secrets.js';
import type { Executor } from './consents.repository.js';
import { initialSteps, type JobStep, type JobView } from './job-steps.js';

export function toJobView(row: JobsTable): JobView {
  const steps = JSON.parse(row.steps) as JobStep[];
  return {
    id: row.id,
    consentId: row.consent_id,
    kind: row.kind,
    status: row.status,
    steps,
    ...(row.status === 'failed' ? { error: { step: steps.find((s) => s.status === 'failed')?.name, code: row.error_code ?? 'job-failed', detail: row.error_detail ?? '' } } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertJob(trx: Executor, appId: string, consentId: string, kind: JobsTable['kind'], at: string): Promise<string> {
  const id = randomId('job');
  await trx.insertInto('jobs').values({ id, app_id: appId, consent_id: consentId, kind, status: 'queued', steps: JSON.stringify(initialSteps()), error_code: null, error_detail: null, created_at: at, updated_at: at, lease_owner: null, lease_expires_at: null }).execute();
  return id;
}

export async function findJob(db: Executor, appId: string, id: string): Promise<JobView | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).where('app_id', '=', appId).executeTakeFirst();
  return row && toJobView(row);
}

/** A job's lease as its runner holds it: who, and the times of this write. */
export interface Lease {
  readonly owner: string;
  readonly now: string;
  readonly expiresAt: string;
}

type JobChanges = Partial<Pick<JobsTable, 'status' | 'steps' | 'error_code' | 'error_detail' | 'updated_at' | 'lease_owner' | 'lease_expires_at'>>;

/**
 * Writes a job only while `owner` still holds its lease: false when another runner took it over, so the
 * caller stops (and, inside a transaction, rolls back what it wrote with it).
 */
export async function saveLeasedJob(db: Executor, id: string, owner: string, changes: JobChanges): Promise<boolean> {
  const result = await db.updateTable('jobs').set(changes).where('id', '=', id).where('status', '=', 'running').where('lease_owner', '=', owner).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Extends the lease `owner` holds on a running job; false when it no longer holds it. */
export function renewLease(db: Executor, id: string, lease: Lease): Promise<boolean> {
  return saveLeasedJob(db, id, lease.owner, { lease_expires_at: lease.expiresAt });
}

/**
 * A job another runner may take: queued, or running under a dead lease — expired, missing (left by a
 * version without leases), or held by an owner known to be gone.
 */
const runnable = (now: string, goneOwners: readonly string[]) => (eb: ExpressionBuilder<Database, 'jobs'>) =>
  eb.or([
    eb('status', '=', 'queued'),
    eb.and([
      eb('status', '=', 'running'),
      eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<=', now), ...(goneOwners.length ? [eb('lease_owner', 'in', goneOwners)] : [])]),
    ]),
  ]);

/** Jobs to run (re-run whole if they were interrupted: steps are idempotent), oldest first. */
export async function listRunnableJobs(db: Executor, now: string, goneOwners: readonly string[] = []): Promise<JobsTable[]> {
  return db.selectFrom('jobs').selectAll().where(runnable(now, goneOwners)).orderBy('created_at').limit(20).execute();
}

/** The owners of live leases: the caller judges which of them it knows to be gone. */
export async function listLeaseOwners(db: Executor, now: string): Promise<string[]> {
  const rows = await db.selectFrom('jobs').select('lease_owner').distinct().where('status', '=', 'running').where('lease_expires_at', '>', now).execute();
  return rows.flatMap((r) => (r.lease_owner ? [r.lease_owner] : []));
}

/**
 * Takes a runnable job under `lease`, atomically: of runners racing for one job, exactly one gets true
 * (the condition is checked by the same statement that writes, under the database's row lock).
 */
export async function claimJob(db: Executor, id: string, lease: Lease, goneOwners: readonly string[] = []): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'running', lease_owner: lease.owner, lease_expires_at: lease.expiresAt, updated_at: lease.now })
    .where('id', '=', id)
    .where(runnable(lease.now, goneOwners))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
