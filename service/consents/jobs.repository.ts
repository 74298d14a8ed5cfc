import type { JobsTable } from '../db/lifecycle-schema.js';
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
  await trx.insertInto('jobs').values({ id, app_id: appId, consent_id: consentId, kind, status: 'queued', steps: JSON.stringify(initialSteps()), error_code: null, error_detail: null, created_at: at, updated_at: at }).execute();
  return id;
}

export async function findJob(db: Executor, appId: string, id: string): Promise<JobView | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).where('app_id', '=', appId).executeTakeFirst();
  return row && toJobView(row);
}

export async function saveJob(db: Executor, id: string, changes: Partial<Pick<JobsTable, 'status' | 'steps' | 'error_code' | 'error_detail' | 'updated_at'>>): Promise<void> {
  await db.updateTable('jobs').set(changes).where('id', '=', id).execute();
}

/** Jobs to run: queued ones, and running ones a stopped process left behind (they are re-run whole; steps are idempotent). */
export async function listRunnableJobs(db: Executor, staleBefore: string): Promise<JobsTable[]> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('updated_at', '<', staleBefore)])]))
    .orderBy('created_at')
    .limit(20)
    .execute();
}
