import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../schema/index.js';
import { publishDraft, upsertDraft } from '../configs/configs.repository.js';
import { authoriseAtBank, grant, outcomeOf, postGrant, watchCodeExchanges } from '../testing/connect-flow.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let partner: Awaited<ReturnType<typeof addPartner>>;
beforeAll(async () => {
  t = await createTestApp();
  partner = await addPartner(t);
});
afterAll(() => t.close());

const DAY = 86_400_000;
type Json = Record<string, any>;

async function connected(options: Parameters<typeof authoriseAtBank>[2] = {}, who = partner) {
  const flow = await authoriseAtBank(t, who, options);
  const res = await grant(t, flow);
  expect(res.status, await res.clone().text()).toBe(201);
  return { ...flow, granted: (await res.json()) as { consentId: string; jobId: string; receiptUrl: string } };
}

describe('grant through the sandbox bank', () => {
  it('creates the consent with its terms, a granted event, a finished job and the shared data', async () => {
    const flow = await connected();
    const { consentId, jobId, receiptUrl } = flow.granted;

    const job = (await (await flow.asSession(`/v1/session/jobs/${jobId}`)).json()) as Json;
    expect(job.status).toBe('succeeded');
    expect(job.steps.map((s: Json) => [s.name, s.status])).toEqual([
      ['verify-credentials', 'succeeded'], ['retrieve-accounts', 'succeeded'], ['retrieve-transactions', 'succeeded'],
    ]);

    const record = (await (await partner.call(`/v1/consents/${consentId}`)).json()) as Json;
    expect(record.consent).toMatchObject({ status: 'active', institutionId: 'sandbox-bank', durationDays: 365, configVersion: 1, onRevocation: 'delete' });
    expect(record.consent.clusters.map((c: Json) => c.label)).toEqual(['Name, occupation, contact details', 'Account name, type and balance', 'Account numbers and features', 'Transaction details']);
    expect(Date.parse(record.consent.sharingEnd) - Date.parse(record.consent.sharingStart)).toBe(365 * DAY);
    expect(record.events.map((e: Json) => e.type)).toEqual(['granted']);
    expect(record.receipt.recipient).toMatchObject({ name: 'Acme Money Pty Ltd', accreditationNumber: 'ADRBNK000001' });

    const accounts = (await (await partner.call(`/v1/users/${flow.userId}/accounts`)).json()) as Json;
    expect(accounts.data.map((a: Json) => a.displayName).sort()).toEqual(['Bonus Saver', 'Everyday Account']);
    expect(accounts.data[0]).toHaveProperty('bsb');
    const transactions = (await (await partner.call(`/v1/users/${flow.userId}/transactions?limit=500`)).json()) as Json;
    expect(transactions.data.length).toBeGreaterThan(100);
    const oldest = transactions.data.at(-1).postingDateTime;
    expect(Date.parse(oldest)).toBeGreaterThanOrEqual(t.clock.now().getTime() - 365 * DAY);

    const receipt = await t.app.request(new URL(receiptUrl).pathname, { headers: { accept: 'application/json' } });
    expect(((await receipt.json()) as Json).dataHolder.name).toBe('Sandbox Bank');
    const page = await t.app.request(new URL(receiptUrl).pathname);
    expect(await page.text()).toContain('Your data sharing receipt');
  });

  it('is idempotent: the same answer from the bank taken twice returns the same consent, once', async () => {
    const flow = await authoriseAtBank(t, partner);
    const first = await grant(t, flow);
    const second = await grant(t, flow);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const [a, b] = [(await first.json()) as Json, (await second.json()) as Json];
    expect(b.consentId).toBe(a.consentId);
    expect(b.jobId).toBe(a.jobId);
    const list = (await (await partner.call(`/v1/users/${flow.userId}/consents`)).json()) as Json;
    expect(list.data).toHaveLength(1);
  });

  it('exchanges the code of an answer once, however often the answer comes back', async () => {
    const flow = await authoriseAtBank(t, partner);
    const exchanges = await watchCodeExchanges(t);
    expect((await grant(t, flow)).status).toBe(201);
    for (let i = 0; i < 2; i++) expect((await postGrant(flow)).status).toBe(303);
    exchanges.stop();
    expect(exchanges.count).toBe(1);
    const row = await t.db.selectFrom('authorisations').select(['status', 'code_used_at']).where('id', '=', flow.authorisationId!).executeTakeFirstOrThrow();
    expect(row.status).toBe('exchanged');
    expect(row.code_used_at).not.toBeNull();
  });

  it('does not exchange an answer that comes back after the request lapsed', async () => {
    const flow = await authoriseAtBank(t, partner);
    const exchanges = await watchCodeExchanges(t);
    t.clock.advance(16 * 60_000); // the request lives 15 minutes
    const res = await grant(t, flow);
    exchanges.stop();
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ status: 'failed', error: { code: 'authorisation-expired' } });
    expect(exchanges.count).toBe(0);
    expect(((await (await partner.call(`/v1/users/${flow.userId}/consents`)).json()) as Json).data).toEqual([]);
  });

  it('refuses an answer whose state is not one of ours, or whose signature is not the bank’s, and changes nothing', async () => {
    const flow = await authoriseAtBank(t, partner);
    const answer = flow.redirect!.searchParams.get('response')!;
    const [header, payload, signature] = answer.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json;
    const withClaims = (changed: Json) => `${header}.${Buffer.from(JSON.stringify({ ...claims, ...changed })).toString('base64url')}.${signature}`;
    for (const forged of [withClaims({ state: 'forged-state' }), withClaims({ code: 'another-code' })]) {
      const res = await t.app.request(`/connect/callback?${new URLSearchParams({ response: forged })}`);
      expect(res.status).toBe(400);
    }
    const status = (await (await flow.asSession(`/v1/session/authorisations/${flow.authorisationId}`)).json()) as Json;
    expect(status.status).toBe('pending');
    expect((await grant(t, flow)).status).toBe(201);
  });

  it('sends the user back cancelled after three wrong one-time passwords at the bank', async () => {
    const flow = await authoriseAtBank(t, partner, { otp: '123456' });
    const otpPages = flow.bankPages.filter((p) => p.step === 'otp');
    expect(otpPages.map((p) => p.status)).toEqual([200, 400, 400]);
    expect(otpPages[1]!.html).toContain('That one-time password is not right.');
    // The third wrong one ends the request at the bank, which answers access_denied.
    expect(flow.redirect!.pathname).toBe('/connect/callback');
    const res = await grant(t, flow);
    expect(await res.json()).toMatchObject({ status: 'cancelled', error: { code: 'access-denied' } });
    const status = (await (await flow.asSession(`/v1/session/authorisations/${flow.authorisationId}`)).json()) as Json;
    expect(status).toMatchObject({ status: 'cancelled', error: { code: 'access-denied' } });
  });

  it('sends the user back with access-denied when they cancel at the bank', async () => {
    const flow = await authoriseAtBank(t, partner, { choice: 'cancel' });
    const res = await grant(t, flow);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ status: 'cancelled', error: { code: 'access-denied' } });
  });

  it('does not let an unavailable account be shared and says why it is unavailable', async () => {
    const flow = await authoriseAtBank(t, partner, { login: 'jwilson', accounts: ['jwilson-joint'] });
    expect(flow.redirect).toBeUndefined();
    const last = flow.bankPages.at(-1)!;
    expect(last).toMatchObject({ step: 'accounts', status: 400 });
    expect(last.html).toContain('Choose at least one account.');
    expect(last.html).toContain('the other account holder has not approved');
    expect(last.html).toMatch(/<input type="checkbox" id="acc-jwilson-joint" disabled/);
  });

  it('fails fast for an institution that is down, with its reason', async () => {
    const flow = await authoriseAtBank(t, partner, { institutionId: 'sandbox-offline-bank' });
    expect(flow.started.status).toBe(409);
    expect(await problemOf(flow.started)).toMatchObject({ type: '/problems/institution-down' });
  });

  it('fails the job at verify-credentials when the bank goes down after authorising', async () => {
    const flow = await authoriseAtBank(t, partner);
    await t.db.updateTable('institutions').set({ status: 'down', status_reason: 'Scheduled maintenance' }).where('id', '=', 'sandbox-bank').execute();
    try {
      const res = await grant(t, flow);
      const job = (await (await flow.asSession(`/v1/session/jobs/${((await res.json()) as Json).jobId}`)).json()) as Json;
      expect(job).toMatchObject({ status: 'failed', error: { step: 'verify-credentials', code: 'institution-down' } });
      expect(job.error.detail).toContain('Scheduled maintenance');
    } finally {
      await t.db.updateTable('institutions').set({ status: 'operational', status_reason: null }).where('id', '=', 'sandbox-bank').execute();
    }
  });

  it('refuses a return URL outside the application’s origins (no open redirect)', async () => {
    const user = (await (await partner.call('/v1/users', { method: 'POST', body: { reference: 'evil' } })).json()) as Json;
    const { token } = (await (await partner.call('/v1/sessions', { method: 'POST', body: { userId: user.id, purpose: 'connect' } })).json()) as Json;
    const res = await t.app.request('/v1/session/authorisations', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ institutionId: 'sandbox-bank', returnUrl: 'https://evil.example/steal', mode: 'redirect' }) });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors?.[0]?.path).toBe('body.returnUrl');
  });
});

describe('what the data routes return', () => {
  it('returns no transactions without "Transaction details", and only the chosen accounts', async () => {
    const other = await addPartner(t);
    await upsertDraft(t.db, other.appId, parseConfig({ consent: { permissions: [{ cluster: 'bank:accounts.basic:read' }, { cluster: 'bank:transactions:read', required: false }] } }), t.clock.now().toISOString(), 'test');
    await publishDraft(t.db, other.appId, t.clock.now().toISOString(), 'test');
    t.configCache.invalidate(other.appId);
    const flow = await connected({ accounts: ['jsmith-card'] }, other);
    const accounts = (await (await other.call(`/v1/users/${flow.userId}/accounts`)).json()) as Json;
    expect(accounts.data).toHaveLength(1);
    expect(accounts.data[0].displayName).toBe('Low Rate Visa');
    expect(accounts.data[0]).not.toHaveProperty('bsb');
    const transactions = (await (await other.call(`/v1/users/${flow.userId}/transactions`)).json()) as Json;
    expect(transactions.data).toEqual([]);

    // The optional cluster, actively chosen, brings transactions in.
    const chose = await connected({ accounts: ['jsmith-card'], optionalClusters: ['bank:transactions:read'] }, other);
    const withTx = (await (await other.call(`/v1/users/${chose.userId}/transactions`)).json()) as Json;
    expect(withTx.data.length).toBeGreaterThan(0);
  });

  it('keeps the retrieval span', async () => {
    const other = await addPartner(t);
    await upsertDraft(t.db, other.appId, parseConfig({ consent: { retrievalSpanDays: 30 } }), t.clock.now().toISOString(), 'test');
    await publishDraft(t.db, other.appId, t.clock.now().toISOString(), 'test');
    t.configCache.invalidate(other.appId);
    const flow = await connected({}, other);
    const tx = (await (await other.call(`/v1/users/${flow.userId}/transactions?limit=500`)).json()) as Json;
    expect(tx.data.length).toBeGreaterThan(10);
    expect(tx.data.every((x: Json) => Date.parse(x.postingDateTime) >= t.clock.now().getTime() - 30 * DAY)).toBe(true);
  });

  it('paginates transactions with a cursor and no overlap', async () => {
    const flow = await connected();
    const first = (await (await partner.call(`/v1/users/${flow.userId}/transactions?limit=50`)).json()) as Json;
    const second = (await (await partner.call(`/v1/users/${flow.userId}/transactions?limit=50&cursor=${first.nextCursor}`)).json()) as Json;
    expect(first.data).toHaveLength(50);
    const ids = new Set(first.data.map((x: Json) => x.transactionId));
    expect(second.data.some((x: Json) => ids.has(x.transactionId))).toBe(false);
    expect(second.data[0].postingDateTime <= first.data.at(-1).postingDateTime).toBe(true);
  });

  it('keeps account ids stable when the same user reconnects the same bank', async () => {
    const first = await connected();
    const ids = ((await (await partner.call(`/v1/users/${first.userId}/accounts`)).json()) as Json).data.map((a: Json) => a.accountId).sort();
    await partner.call(`/v1/consents/${first.granted.consentId}`, { method: 'DELETE' });
    const again = await connected({ userId: first.userId });
    const idsAgain = ((await (await partner.call(`/v1/users/${again.userId}/accounts`)).json()) as Json).data.map((a: Json) => a.accountId).sort();
    expect(idsAgain).toEqual(ids);
  });

  it('refresh fetches newer sandbox data within the consent', async () => {
    const flow = await connected({ accounts: ['jsmith-everyday'] });
    const before = ((await (await partner.call(`/v1/users/${flow.userId}/transactions?limit=1`)).json()) as Json).data[0].postingDateTime;
    t.clock.advance(10 * DAY);
    const res = await partner.call(`/v1/connections/${flow.granted.consentId}/refresh`, { method: 'POST' });
    expect(res.status).toBe(202);
    await t.lifecycle.jobs.runPending();
    await t.lifecycle.jobs.idle();
    const after = ((await (await partner.call(`/v1/users/${flow.userId}/transactions?limit=1`)).json()) as Json).data[0].postingDateTime;
    expect(after > before).toBe(true);
  });
});

describe('revocation and data handling', () => {
  it('revokes, deletes the data in the same transaction, and answers 403 consent-revoked after', async () => {
    const flow = await connected();
    const res = await partner.call(`/v1/consents/${flow.granted.consentId}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).status).toBe('revoked');
    const accounts = await partner.call(`/v1/users/${flow.userId}/accounts`);
    expect(accounts.status).toBe(403);
    expect(await problemOf(accounts)).toMatchObject({ type: '/problems/consent-revoked', consentId: flow.granted.consentId });
    const tx = await partner.call(`/v1/users/${flow.userId}/transactions`);
    expect((await problemOf(tx)).type).toBe('/problems/consent-revoked');
    const left = await t.db.selectFrom('transactions').select((eb) => eb.fn.countAll().as('n')).where('consent_id', '=', flow.granted.consentId).executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
    const events = ((await (await partner.call(`/v1/consents/${flow.granted.consentId}`)).json()) as Json).events.map((e: Json) => e.type);
    expect(events).toEqual(['granted', 'revoked', 'data-deleted']);
    expect((await partner.call(`/v1/consents/${flow.granted.consentId}`, { method: 'DELETE' })).status).toBe(409);
  });

  it('de-identifies instead when that is the policy, keeping no link to the person', async () => {
    const other = await addPartner(t);
    await upsertDraft(t.db, other.appId, parseConfig({ consent: { onRevocation: 'deidentify' } }), t.clock.now().toISOString(), 'test');
    await publishDraft(t.db, other.appId, t.clock.now().toISOString(), 'test');
    t.configCache.invalidate(other.appId);
    const flow = await connected({}, other);
    const before = await t.db.selectFrom('deidentified_transactions').select((eb) => eb.fn.countAll().as('n')).where('app_id', '=', other.appId).executeTakeFirstOrThrow();
    await other.call(`/v1/consents/${flow.granted.consentId}`, { method: 'DELETE' });
    const after = await t.db.selectFrom('deidentified_transactions').select((eb) => eb.fn.countAll().as('n')).where('app_id', '=', other.appId).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBeGreaterThan(Number(before.n));
    const events = ((await (await other.call(`/v1/consents/${flow.granted.consentId}`)).json()) as Json).events.map((e: Json) => e.type);
    expect(events).toEqual(['granted', 'revoked', 'data-deidentified']);
  });

  it('lets the user elect deletion where the policy de-identifies (Rule 4.16)', async () => {
    const other = await addPartner(t);
    await upsertDraft(t.db, other.appId, parseConfig({ consent: { onRevocation: 'deidentify' } }), t.clock.now().toISOString(), 'test');
    await publishDraft(t.db, other.appId, t.clock.now().toISOString(), 'test');
    t.configCache.invalidate(other.appId);
    const flow = await connected({}, other);
    const revoked = (await (await other.call(`/v1/consents/${flow.granted.consentId}?deleteData=true`, { method: 'DELETE' })).json()) as Json;
    expect(revoked.dataHandled).toBe('delete');
  });

  it('refuses to edit the audit trail', async () => {
    const flow = await connected();
    await expect(t.db.updateTable('consent_events').set({ type: 'revoked' }).where('consent_id', '=', flow.granted.consentId).execute()).rejects.toThrow(/append-only/);
  });
});

describe('expiry, warnings and extension', () => {
  it('warns 7 days ahead, then expires on time with 403 consent-expired', async () => {
    const other = await addPartner(t);
    await upsertDraft(t.db, other.appId, parseConfig({ consent: { durationDays: 10 } }), t.clock.now().toISOString(), 'test');
    await publishDraft(t.db, other.appId, t.clock.now().toISOString(), 'test');
    t.configCache.invalidate(other.appId);
    const flow = await connected({}, other);
    const consentUrl = `/v1/consents/${flow.granted.consentId}`;
    t.clock.advance(2 * DAY);
    await t.lifecycle.scheduler.tick();
    expect(((await (await other.call(consentUrl)).json()) as Json).consent.expiringSoon).toBe(false);
    t.clock.advance(2 * DAY);
    await t.lifecycle.scheduler.tick();
    const warned = (await (await other.call(consentUrl)).json()) as Json;
    expect(warned.consent).toMatchObject({ status: 'active', expiringSoon: true });
    expect(warned.events.map((e: Json) => e.type)).toEqual(['granted', 'warned']);
    t.clock.advance(6 * DAY);
    await t.lifecycle.scheduler.tick();
    const expired = (await (await other.call(consentUrl)).json()) as Json;
    expect(expired.consent.status).toBe('expired');
    expect(expired.events.map((e: Json) => e.type)).toEqual(['granted', 'warned', 'expired', 'data-deleted']);
    expect((await problemOf(await other.call(`/v1/users/${flow.userId}/accounts`))).type).toBe('/problems/consent-expired');
  });

  it('extends an active consent through the bank, keeping its id and recording an amended event', async () => {
    const first = await connected();
    t.clock.advance(300 * DAY);
    const flow = await authoriseAtBank(t, partner, { userId: first.userId, purpose: 'extend', consentId: first.granted.consentId });
    const res = await grant(t, flow);
    expect(res.status).toBe(201);
    expect(((await res.json()) as Json).consentId).toBe(first.granted.consentId);
    const record = (await (await partner.call(`/v1/consents/${first.granted.consentId}`)).json()) as Json;
    expect(record.events.map((e: Json) => e.type)).toEqual(['granted', 'amended']);
    expect(record.events[1].payload.changes).toContain('sharingEnd');
    expect(Date.parse(record.consent.sharingEnd)).toBe(t.clock.now().getTime() + 365 * DAY);
  });
});

describe('isolation between applications', () => {
  it('never shows one application’s consents or data through another’s key or session', async () => {
    const flow = await connected();
    const other = await addPartner(t);
    for (const path of [`/v1/consents/${flow.granted.consentId}`, `/v1/users/${flow.userId}/consents`, `/v1/users/${flow.userId}/accounts`, `/v1/users/${flow.userId}/transactions`, `/v1/jobs/${flow.granted.jobId}`]) {
      expect((await other.call(path)).status, path).toBe(404);
    }
    expect((await other.call(`/v1/consents/${flow.granted.consentId}`, { method: 'DELETE' })).status).toBe(404);
    expect((await other.call(`/v1/connections/${flow.granted.consentId}/refresh`, { method: 'POST' })).status).toBe(404);
  });
});

describe('data safety across overlapping consents, amendments and races', () => {
  const accountsOf = async (userId: string) => ((await (await partner.call(`/v1/users/${userId}/accounts`)).json()) as Json).data.map((a: Json) => a.displayName).sort();
  const transactionCount = async (userId: string) => ((await (await partner.call(`/v1/users/${userId}/transactions?limit=500`)).json()) as Json).data.length;

  it('never adds a second consent at the same bank: a connect says which consent exists, and amend changes it', async () => {
    const first = await connected({ accounts: ['jsmith-everyday'] });
    const again = await authoriseAtBank(t, partner, { userId: first.userId });
    expect(again.started.status).toBe(409);
    const problem = await problemOf(again.started);
    expect(problem.type).toBe('/problems/consent-exists');
    expect((problem as unknown as { consentId: string }).consentId).toBe(first.granted.consentId);

    const changed = await connected({ userId: first.userId, amend: first.granted.consentId, accounts: ['jsmith-everyday', 'jsmith-savings'] });
    expect(changed.granted.consentId).toBe(first.granted.consentId);
    expect(await accountsOf(first.userId)).toEqual(['Bonus Saver', 'Everyday Account']);
    const consents = (await (await partner.call(`/v1/users/${first.userId}/consents`)).json()) as { data: { status: string }[] };
    expect(consents.data.map((c) => c.status)).toEqual(['active']);
  });

  it('two journeys started before either finished (two tabs) leave one consent: the later one amends it', async () => {
    const userId = ((await (await partner.call('/v1/users', { method: 'POST', body: { reference: 'two-tabs' } })).json()) as { id: string }).id;
    const tabA = await authoriseAtBank(t, partner, { userId, accounts: ['jsmith-everyday'] });
    // Both hand-overs happen before either grant (a second session replaces the first, as a second tab would).
    const tabB = await authoriseAtBank(t, partner, { userId, accounts: ['jsmith-savings'] });
    // Each returns through the service's callback, which needs no session.
    for (const tab of [tabA, tabB]) expect((await t.app.request(tab.redirect!.pathname + tab.redirect!.search)).status).toBe(303);
    await t.lifecycle.jobs.runPending();
    await t.lifecycle.jobs.idle();
    const rows = await t.db.selectFrom('authorisations').select(['status', 'consent_id']).where('id', 'in', [tabA.authorisationId!, tabB.authorisationId!]).execute();
    expect(rows.map((r) => r.status)).toEqual(['exchanged', 'exchanged']);
    expect(rows[0]!.consent_id).toBe(rows[1]!.consent_id);
    const consents = (await (await partner.call(`/v1/users/${userId}/consents`)).json()) as { data: { status: string }[] };
    expect(consents.data.map((c) => c.status)).toEqual(['active']);
    expect(await accountsOf(userId)).toEqual(['Bonus Saver']);
    // The holder made a new arrangement for the second: the first's is retired there, not left live.
    const consentId = rows[0]!.consent_id!;
    const granted = await t.db.selectFrom('consent_events').select('payload').where('consent_id', '=', consentId).where('type', '=', 'granted').executeTakeFirstOrThrow();
    const first = (JSON.parse(granted.payload) as { arrangementId: string }).arrangementId;
    const { arrangement_id: current } = await t.db.selectFrom('consents').select('arrangement_id').where('id', '=', consentId).executeTakeFirstOrThrow();
    expect(current).not.toBe(first);
    await t.lifecycle.scheduler.tick();
    expect(t.dataHolder.server.arrangements.get(first)?.status).toBe('revoked');
    expect(t.dataHolder.server.arrangements.get(current!)?.status).toBe('active');
  });

  it('writes nothing for a consent revoked while its connection job was waiting to run', async () => {
    const flow = await authoriseAtBank(t, partner);
    // The job waits in the queue, as it would had the process stopped right after taking the answer.
    const kick = t.lifecycle.jobs.kick;
    t.lifecycle.jobs.kick = () => {};
    let consentId: string;
    let jobId: string;
    try {
      ({ consentId, jobId } = (await outcomeOf(flow, await postGrant(flow))) as { consentId: string; jobId: string });
    } finally {
      t.lifecycle.jobs.kick = kick;
    }
    await partner.call(`/v1/consents/${consentId}`, { method: 'DELETE' });
    await t.lifecycle.jobs.runPending();
    await t.lifecycle.jobs.idle();
    const job = (await (await partner.call(`/v1/jobs/${jobId}`)).json()) as Json;
    expect(job).toMatchObject({ status: 'failed', error: { code: 'consent-revoked' } });
    const left = await t.db.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).where('consent_id', '=', consentId).executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });

  it('drops, at once and on the record, an account an amendment no longer covers', async () => {
    const first = await connected({ accounts: ['jsmith-everyday', 'jsmith-savings'] });
    const flow = await authoriseAtBank(t, partner, { userId: first.userId, purpose: 'extend', consentId: first.granted.consentId, accounts: ['jsmith-everyday'] });
    expect((await grant(t, flow)).status).toBe(201);
    expect(await accountsOf(first.userId)).toEqual(['Everyday Account']);
    const events = ((await (await partner.call(`/v1/consents/${first.granted.consentId}`)).json()) as Json).events;
    expect(events.map((e: Json) => e.type)).toEqual(['granted', 'amended', 'data-deleted']);
    expect(events[2].payload).toMatchObject({ reason: 'amended', accountsDeleted: 1 });
    expect(events[1].payload.changes).toContain('accountIds');
  });

  it('never lets one user extend another user’s consent, nor with another bank customer', async () => {
    const victim = await connected();
    const other = (await (await partner.call('/v1/users', { method: 'POST', body: { reference: 'mallory' } })).json()) as Json;
    const res = await partner.call('/v1/sessions', { method: 'POST', body: { userId: other.id, purpose: 'extend', consentId: victim.granted.consentId } });
    expect(res.status).toBe(404);
    expect((await problemOf(res)).errors?.[0]?.path).toBe('body.consentId');

    // Another customer at the bank: the bank refuses them the arrangement the consent stands on...
    const flow = await authoriseAtBank(t, partner, { userId: victim.userId, purpose: 'extend', consentId: victim.granted.consentId, login: 'jwilson', accounts: ['jwilson-everyday'] });
    const refused = await grant(t, flow);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Json).status).not.toBe('exchanged');

    // ...and where the consent names no arrangement (recorded before the service held them), the service refuses them.
    await t.db.updateTable('consents').set({ arrangement_id: null }).where('id', '=', victim.granted.consentId).execute();
    const unnamed = await authoriseAtBank(t, partner, { userId: victim.userId, purpose: 'extend', consentId: victim.granted.consentId, login: 'jwilson', accounts: ['jwilson-everyday'] });
    expect(await (await grant(t, unnamed)).json()).toMatchObject({ status: 'failed', error: { code: 'different-customer' } });
    const record = (await (await partner.call(`/v1/consents/${victim.granted.consentId}`)).json()) as Json;
    expect(record.consent.status).toBe('active');
    expect(record.events.map((e: Json) => e.type)).toEqual(['granted']);
  });

  it('does not let a connect session revoke', async () => {
    const flow = await connected();
    const res = await flow.asSession(`/v1/session/consents/${flow.granted.consentId}`, { method: 'DELETE' });
    expect(res.status).toBe(403);
  });
});

describe('renewing from the manager', () => {
  it('issues an extend session for the user’s own active consent, and only from a manage session', async () => {
    const flow = await connected();
    const manage = (await (await partner.call('/v1/sessions', { method: 'POST', body: { userId: flow.userId, purpose: 'manage' } })).json()) as Json;
    const asManage = (path: string, body: unknown) => t.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${manage.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const res = await asManage('/v1/session/renewals', { consentId: flow.granted.consentId });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as Json;
    const token = new URL(url).searchParams.get('session')!;
    const info = (await (await t.app.request('/v1/session', { headers: { authorization: `Bearer ${token}` } })).json()) as Json;
    expect(info).toMatchObject({ purpose: 'extend', consentId: flow.granted.consentId, user: { id: flow.userId } });

    const other = await connected();
    expect((await asManage('/v1/session/renewals', { consentId: other.granted.consentId })).status).toBe(404);
    const connect = await flow.asSession('/v1/session/renewals', { method: 'POST', body: JSON.stringify({ consentId: flow.granted.consentId }) });
    expect([401, 403]).toContain(connect.status);
  });
});
