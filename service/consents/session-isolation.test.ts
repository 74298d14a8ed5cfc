import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authoriseAtBank, grant } from '../testing/connect-flow.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';

// A session token reaches only its own user's data in its own application: every session route with an
// id answers another user's or another application's id as unknown (404), and says nothing about it.
let t: Awaited<ReturnType<typeof createTestApp>>;
let alpha: Awaited<ReturnType<typeof addPartner>>;
let beta: Awaited<ReturnType<typeof addPartner>>;
let owner: Awaited<ReturnType<typeof authoriseAtBank>>;
let granted: { consentId: string; jobId: string; receiptUrl: string };
/** Sessions that must see nothing of `owner`'s: another user of the same application, and a user of another application. */
let strangers: { name: string; manage: string; connect: string }[];

const newSession = async (partner: typeof alpha, userId: string, purpose: 'connect' | 'manage') =>
  ((await (await partner.call('/v1/sessions', { method: 'POST', body: { userId, purpose } })).json()) as { token: string }).token;
const newUser = async (partner: typeof alpha) => ((await (await partner.call('/v1/users', { method: 'POST', body: { reference: `u-${Math.random()}` } })).json()) as { id: string }).id;
const as = (token: string) => (path: string, init: RequestInit = {}) =>
  t.app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });

beforeAll(async () => {
  t = await createTestApp();
  alpha = await addPartner(t, { name: 'Alpha' });
  beta = await addPartner(t, { name: 'Beta' });
  owner = await authoriseAtBank(t, alpha);
  granted = (await (await grant(t, owner)).json()) as typeof granted;
  strangers = [];
  for (const [name, partner] of [['another user of the same application', alpha], ['a user of another application', beta]] as const) {
    const userId = await newUser(partner);
    strangers.push({ name, manage: await newSession(partner, userId, 'manage'), connect: await newSession(partner, userId, 'connect') });
  }
});
afterAll(() => t.close());

/** A 404 problem that names nothing of the owner's but the id the caller sent. */
async function expectForeign(res: Response, sent: string) {
  expect(res.status).toBe(404);
  const text = JSON.stringify(await problemOf(res)).replaceAll(sent, '');
  for (const secret of [granted.consentId, granted.jobId, owner.userId, 'sandbox-bank', 'jsmith']) expect(text).not.toContain(secret);
}

describe('session routes never reach another user’s or application’s records', () => {
  it('GET /v1/session/jobs/{id}: 404', async () => {
    expect((await owner.asSession(`/v1/session/jobs/${granted.jobId}`)).status).toBe(200);
    for (const s of strangers) await expectForeign(await as(s.connect)(`/v1/session/jobs/${granted.jobId}`), granted.jobId);
  });

  it('GET /v1/session/authorisations/{id}: 404', async () => {
    expect((await owner.asSession(`/v1/session/authorisations/${owner.authorisationId}`)).status).toBe(200);
    for (const s of strangers) await expectForeign(await as(s.connect)(`/v1/session/authorisations/${owner.authorisationId}`), owner.authorisationId!);
  });

  it('GET /v1/session/consents: lists none of them', async () => {
    const own = await newSession(alpha, owner.userId, 'manage');
    expect(((await (await as(own)('/v1/session/consents')).json()) as { data: { id: string }[] }).data.map((c) => c.id)).toEqual([granted.consentId]);
    for (const s of strangers) {
      const res = await as(s.manage)('/v1/session/consents');
      expect(res.status, s.name).toBe(200);
      expect(await res.json(), s.name).toEqual({ data: [], nextCursor: null });
    }
  });

  it('DELETE /v1/session/consents/{id}: 404, and the consent stays active', async () => {
    for (const s of strangers) await expectForeign(await as(s.manage)(`/v1/session/consents/${granted.consentId}`, { method: 'DELETE' }), granted.consentId);
    const record = (await (await alpha.call(`/v1/consents/${granted.consentId}`)).json()) as { consent: { status: string } };
    expect(record.consent.status).toBe('active');
  });

  it('GET /v1/session/results/{ref}: the bank’s answer, delivered by anyone, is the owner’s; another session reads nothing of it', async () => {
    const flow = await authoriseAtBank(t, alpha);
    const callback = `${flow.redirect!.pathname}${flow.redirect!.search}`;
    // The callback needs no session: a stranger's browser delivering the answer takes it for its owner.
    const landed = await as(strangers[0]!.connect)(callback);
    expect(landed.status).toBe(303);
    const result = new URL(landed.headers.get('location')!).searchParams.get('consent_ui_result')!;
    for (const s of strangers) {
      await expectForeign(await as(s.connect)(`/v1/session/results/${result}`), result);
      await expectForeign(await as(s.connect)(`/v1/session/authorisations/${flow.authorisationId}`), flow.authorisationId!);
      // Delivering the same answer again gives them nothing new either.
      expect((await as(s.connect)(callback)).headers.get('location')).toBe(landed.headers.get('location'));
    }
    const own = await flow.asSession(`/v1/session/results/${result}`);
    expect(own.status).toBe(200);
    const { consentId } = (await own.json()) as { consentId: string };
    const record = (await (await alpha.call(`/v1/consents/${consentId}`)).json()) as { consent: { userId: string } };
    expect(record.consent.userId).toBe(flow.userId);
    for (const s of strangers) {
      const res = await as(s.manage)('/v1/session/consents');
      expect(await res.text()).not.toContain(consentId);
    }
  });
});
