import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { LEASE_TTL_MS } from '../service/consents/job-runner.js';
import type { JobStep } from '../service/consents/job-steps.js';
import { authoriseAtBank, outcomeOf, postGrant } from '../service/testing/connect-flow.js';
import { serviceFixture } from './support/service-fixture.js';

const stops: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 30_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('a connection job across a crash', () => {
  it('is taken over by the next process as soon as it starts, before the lease runs out, and completes exactly once', async () => {
    const received: string[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push((JSON.parse(body) as { data: { jobId: string } }).data.jobId);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    stops.push(() => new Promise((r) => { hook.close(r); hook.closeAllConnections(); }));

    const f = await serviceFixture('job-resume');
    stops.push(() => f.close());
    // Each step waits 0.5 s first in this process, so the kill lands inside a step.
    const first = await f.start({ SANDBOX_STEP_DELAY_MS: '500' });
    await f.registerRead();
    const endpoint = await f.partner.call('/v1/webhooks', { method: 'POST', body: { url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks`, events: ['connection.refreshed'] } });
    expect(endpoint.status).toBe(201);

    const flow = await authoriseAtBank(f.journeyTarget, f.partner);
    if (!flow.redirect) throw new Error(`journey: ${flow.started.status} ${await flow.started.text()}`);
    const callback = await postGrant(flow);
    expect(callback.status).toBe(303);
    const { consentId } = await outcomeOf(flow, callback);
    const jobs = () => f.db.selectFrom('jobs').selectAll().where('consent_id', '=', consentId!).orderBy('created_at').execute();
    await until(jobs, (rows) => rows[0]?.status === 'succeeded', 'the connection job');

    const refresh = await f.partner.call(`/v1/connections/${consentId}/refresh`, { method: 'POST' });
    expect(refresh.status).toBe(202);
    const { jobId } = (await refresh.json()) as { jobId: string };
    const job = () => f.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    const stepsOf = (row: { steps: string }) => JSON.parse(row.steps) as JobStep[];
    // Mid-step: accounts retrieved, the transactions step started.
    const cut = await until(job, (row) => stepsOf(row)[2]?.status === 'running', 'the last step to start');
    await first.kill('SIGKILL');
    const killedAt = Date.now();
    const leaseEnd = Date.parse(cut.lease_expires_at!);

    await f.start();
    const done = await until(job, (row) => row.status === 'succeeded', 'the job to be taken over and finish', 20_000);
    const resumedInMs = Date.now() - killedAt;
    // Taken over because the owner is known dead, not because the lease ran out.
    expect(Date.now()).toBeLessThan(leaseEnd);
    expect(resumedInMs).toBeLessThan(LEASE_TTL_MS);
    expect(stepsOf(done).map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(done.lease_owner).toBeNull();

    // Exactly once: one completion, so one event, delivered once.
    const events = (await f.db.selectFrom('webhook_deliveries').select('body').where('event_type', '=', 'connection.refreshed').execute()).filter((d) => d.body.includes(jobId));
    expect(events).toHaveLength(1);
    await until(async () => received.filter((id) => id === jobId).length, (n) => n === 1, 'the event');
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((id) => id === jobId)).toHaveLength(1);
    console.log(`job taken over and finished ${resumedInMs} ms after the kill (lease would have run out ${leaseEnd - killedAt} ms after it)`);
  }, 90_000);
});
