import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.js';
import { silentLogger } from '../logging/logger.js';
import type { Recipient } from '../recipient/recipient.js';
import { authoriseAtBank, grant } from '../testing/connect-flow.js';
import { addPartner } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { jobRunner } from './job-runner.js';
import { insertJob } from './jobs.repository.js';
import { isKnownGone, newRunnerInstanceId } from './runner-instance.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let partner: Awaited<ReturnType<typeof addPartner>>;
let consentId: string;
/** A second connection to the same database: another process's view of it. */
let other: Db;
beforeAll(async () => {
  t = await createTestApp();
  partner = await addPartner(t);
  const hook = await partner.call('/v1/webhooks', { method: 'POST', body: { url: 'https://hooks.example/consent-ui', events: ['connection.refreshed', 'job.failed'] } });
  expect(hook.status).toBe(201);
  const res = await grant(t, await authoriseAtBank(t, partner));
  expect(res.status).toBe(201);
  consentId = ((await res.json()) as { consentId: string }).consentId;
  other = openDatabase(t.databaseUrl);
});
afterAll(async () => {
  await other?.destroy();
  await t.close();
});

/** A runner whose holder calls are counted: two per run (accounts, then transactions). */
function countingRunner(db: Db, options: { stepDelayMs?: number; lease?: { ttlMs?: number; renewEveryMs?: number } } = {}) {
  const counted = { cdsCalls: 0 };
  const recipient: Recipient = { ...t.recipient, cds: (...args: Parameters<Recipient['cds']>) => ((counted.cdsCalls += 1), t.recipient.cds(...args)) };
  const runner = jobRunner({ db, clock: t.clock, log: silentLogger, stepDelayMs: options.stepDelayMs ?? 0, recipient, ...(options.lease ? { lease: options.lease } : {}) });
  return Object.assign(counted, { runner });
}

const refreshJob = () => insertJob(t.db, partner.appId, consentId, 'refresh', t.clock.now().toISOString());
const jobRow = (id: string) => t.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const refreshedEvents = async (jobId: string) =>
  (await t.db.selectFrom('webhook_deliveries').select('body').where('event_type', '=', 'connection.refreshed').execute()).filter((d) => (JSON.parse(d.body) as { data: { jobId: string } }).data.jobId === jobId).length;
/** Holds `id` as a running job under someone else's lease. */
const leaseTo = (id: string, owner: string, expiresInMs: number) =>
  t.db.updateTable('jobs').set({ status: 'running', lease_owner: owner, lease_expires_at: new Date(t.clock.now().getTime() + expiresInMs).toISOString() }).where('id', '=', id).execute();
/** The id of a process that has exited, in this place: certainly gone. */
function goneOwner() {
  const exited = spawnSync(process.execPath, ['-e', '']);
  return newRunnerInstanceId(exited.pid);
}

describe('job leases', () => {
  it('two runners racing for the same jobs (two processes on one database) run each exactly once', async () => {
    const jobs = await Promise.all([refreshJob(), refreshJob(), refreshJob(), refreshJob()]);
    const a = countingRunner(t.db, { stepDelayMs: 5 });
    const b = countingRunner(other, { stepDelayMs: 5 });
    await Promise.all([a.runner.runPending(), b.runner.runPending(), a.runner.runPending(), b.runner.runPending()]);
    await Promise.all([a.runner.idle(), b.runner.idle()]);
    expect(a.cdsCalls + b.cdsCalls).toBe(2 * jobs.length);
    for (const id of jobs) {
      expect(await jobRow(id)).toMatchObject({ status: 'succeeded', lease_owner: null, lease_expires_at: null });
      expect(await refreshedEvents(id)).toBe(1);
    }
  });

  it('leaves a job to its owner while the lease lives, and takes it over once the lease has expired', async () => {
    const id = await refreshJob();
    // An owner elsewhere: nothing tells whether it still runs, so only the lease's expiry frees the job.
    await leaseTo(id, 'elsewhere.4242.x', 15_000);
    const runner = countingRunner(t.db);
    await runner.runner.runPending();
    expect(runner.cdsCalls).toBe(0);
    expect(await jobRow(id)).toMatchObject({ status: 'running', lease_owner: 'elsewhere.4242.x' });

    t.clock.advance(15_000);
    await runner.runner.runPending();
    expect(runner.cdsCalls).toBe(2);
    expect(await jobRow(id)).toMatchObject({ status: 'succeeded', lease_owner: null });
    expect(await refreshedEvents(id)).toBe(1);
  });

  it('takes a job over at once when its owner is known to be gone, without waiting for the lease', async () => {
    const id = await refreshJob();
    const dead = goneOwner();
    expect(isKnownGone(dead)).toBe(true);
    await leaseTo(id, dead, 15_000);
    const runner = countingRunner(t.db);
    await runner.runner.runPending();
    await runner.runner.idle();
    expect(runner.cdsCalls).toBe(2);
    expect(await jobRow(id)).toMatchObject({ status: 'succeeded' });
    expect(await refreshedEvents(id)).toBe(1);
  });

  it('does not judge an owner gone unless it certainly is: a running pid, this process, another place, a malformed id', () => {
    expect(isKnownGone(newRunnerInstanceId(process.ppid))).toBe(false);
    expect(isKnownGone(newRunnerInstanceId())).toBe(false);
    expect(isKnownGone(`elsewhere.${spawnSync(process.execPath, ['-e', '']).pid}.x`)).toBe(false);
    expect(isKnownGone('not-an-owner')).toBe(false);
  });

  it('a runner that lost its lease mid-step writes nothing more: no data, no outcome, no event', async () => {
    const id = await refreshJob();
    const runner = countingRunner(t.db, { stepDelayMs: 150 });
    const run = runner.runner.runPending();
    await expect.poll(async () => (await jobRow(id)).status).toBe('running');
    await leaseTo(id, 'elsewhere.4242.thief', 15_000);
    await run;
    await runner.runner.idle();
    expect(runner.cdsCalls).toBe(0);
    expect(await jobRow(id)).toMatchObject({ status: 'running', lease_owner: 'elsewhere.4242.thief' });
    expect(await refreshedEvents(id)).toBe(0);
    await t.db.updateTable('jobs').set({ status: 'failed' }).where('id', '=', id).execute();
  });

  it('renews the lease while a step runs', async () => {
    const id = await refreshJob();
    const runner = countingRunner(t.db, { stepDelayMs: 300, lease: { ttlMs: 1_000, renewEveryMs: 20 } });
    const run = runner.runner.runPending();
    await expect.poll(async () => (await jobRow(id)).status).toBe('running');
    t.clock.advance(60_000);
    const renewedTo = new Date(t.clock.now().getTime() + 1_000).toISOString();
    await expect.poll(async () => (await jobRow(id)).lease_expires_at).toBe(renewedTo);
    await run;
    expect(await jobRow(id)).toMatchObject({ status: 'succeeded', lease_owner: null });
  });
});
