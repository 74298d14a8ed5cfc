import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser } from '../../data-holder/auth/test-recipient.js';
import { authoriseAtBank, watchCodeExchanges } from '../testing/connect-flow.js';
import { addPartner } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let partner: Awaited<ReturnType<typeof addPartner>>;
beforeAll(async () => {
  t = await createTestApp();
  partner = await addPartner(t, { name: 'Budget Buddy' });
});
afterAll(() => t.close());

async function sessionFor(purpose: 'connect' | 'manage') {
  const user = (await (await partner.call('/v1/users', { method: 'POST', body: { reference: `u-${Math.random()}` } })).json()) as { id: string };
  return (await (await partner.call('/v1/sessions', { method: 'POST', body: { userId: user.id, purpose } })).json()) as { token: string; url: string };
}

describe('hosted pages', () => {
  it('serves the journey for a connect link: one script tag, the session bound, no referrer, strict CSP', async () => {
    const session = await sessionFor('connect');
    const res = await t.app.request(new URL(session.url).pathname + new URL(session.url).search);
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page).toContain(`<consent-journey session="${session.token}" app="${partner.appId}"></consent-journey>`);
    expect(page).toContain('<title>Budget Buddy</title>');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The same page when the bank's visit comes back to it through the callback.
    const back = await t.app.request(`${new URL(session.url).pathname}${new URL(session.url).search}&consent_ui_result=res_x`);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain(`<consent-journey session="${session.token}"`);
  });

  it('serves the manager for a manage link, and not for a connect token', async () => {
    const manage = await sessionFor('manage');
    expect(await (await t.app.request(`/manage?session=${manage.token}`)).text()).toContain('<consent-manager session=');
    const connect = await sessionFor('connect');
    expect(await (await t.app.request(`/manage?session=${connect.token}`)).text()).toContain('Link expired');
  });

  it('says a link expired instead of rendering a broken journey', async () => {
    const res = await t.app.request('/connect?session=cus_unknown');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('This link has expired or is not valid');
    const session = await sessionFor('connect');
    t.clock.advance(31 * 60_000);
    expect(await (await t.app.request(`/connect?session=${session.token}`)).text()).toContain('Link expired');
  });

  it('escapes what it puts in the page', async () => {
    const res = await t.app.request('/connect?session=%22%3E%3Cscript%3Ealert(1)%3C/script%3E');
    expect(await res.text()).not.toContain('<script>alert(1)');
  });
});

/** The service's callback for a flow's bank answer, as the browser follows the bank's redirect. */
const followToCallback = (flow: Awaited<ReturnType<typeof authoriseAtBank>>) => t.app.request(flow.redirect!.pathname + flow.redirect!.search);

describe('the bank returns to the service, never to the partner’s page', () => {
  const partnerPage = 'http://localhost/partner/connect?step=1';

  it('takes the code once and sends the user back with only a result reference; every repeat lands the same', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage });
    expect(flow.redirect!.pathname, 'the bank answers the registered callback').toBe('/connect/callback');
    const exchanges = await watchCodeExchanges(t);
    const first = await followToCallback(flow);
    expect(first.status).toBe(303);
    const back = new URL(first.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe('http://localhost/partner/connect');
    expect(back.searchParams.get('step'), 'the partner’s own query stays').toBe('1');
    const result = back.searchParams.get('consent_ui_result')!;
    expect(result).toMatch(/^res_[0-9A-Za-z]{24}$/);
    expect([...back.searchParams.keys()].sort()).toEqual(['consent_ui_result', 'step']);
    expect(first.headers.get('location')).not.toContain(flow.redirect!.searchParams.get('response')!.split('.')[1]!);

    // A reload of the callback, and Back to it, land on the same result; the code is exchanged once.
    for (let i = 0; i < 3; i++) expect((await followToCallback(flow)).headers.get('location')).toBe(first.headers.get('location'));
    exchanges.stop();
    expect(exchanges.count).toBe(1);
    const consents = (await (await partner.call(`/v1/users/${flow.userId}/consents`)).json()) as { data: unknown[] };
    expect(consents.data).toHaveLength(1);

    // Any session of the same user reads the result (a partner page mints a new session each visit)...
    const newer = (await (await partner.call('/v1/sessions', { method: 'POST', body: { userId: flow.userId, purpose: 'connect' } })).json()) as { token: string };
    const read = await t.app.request(`/v1/session/results/${result}`, { headers: { authorization: `Bearer ${newer.token}` } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: flow.authorisationId, status: 'exchanged', consentId: expect.stringMatching(/^cns_/), accounts: [{ name: 'Everyday Account', number: 'xxxx5678' }, { name: 'Bonus Saver', number: 'xxxx5686' }], timeZone: 'Australia/Sydney', sharingEnd: expect.stringMatching(/^\d{4}-/), clusters: expect.arrayContaining(['bank:transactions:read']) });
    // ...and nobody else's.
    const stranger = await sessionFor('connect');
    expect((await t.app.request(`/v1/session/results/${result}`, { headers: { authorization: `Bearer ${stranger.token}` } })).status).toBe(404);
    // Nor, after the longest a session lives (7 days), its own user's.
    t.clock.advance(7 * 24 * 3600_000);
    const later = (await (await partner.call('/v1/sessions', { method: 'POST', body: { userId: flow.userId, purpose: 'connect' } })).json()) as { token: string };
    expect((await t.app.request(`/v1/session/results/${result}`, { headers: { authorization: `Bearer ${later.token}` } })).status).toBe(404);
  });

  it('two arrivals of the same answer at once (a double-loaded callback) grant one consent and land on one result', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage });
    const landed = await Promise.all([0, 1, 2].map(() => followToCallback(flow)));
    expect(new Set(landed.map((r) => r.headers.get('location'))).size).toBe(1);
    expect(landed.map((r) => r.status)).toEqual([303, 303, 303]);
    const consents = (await (await partner.call(`/v1/users/${flow.userId}/consents`)).json()) as { data: unknown[] };
    expect(consents.data).toHaveLength(1);
  });

  it('Back from the partner’s page to the finished bank page: the bank sends no second answer, and the callback lands on the same result', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage });
    const landed = (await followToCallback(flow)).headers.get('location');
    // The holder's last page (the confirmation) is finished: it shows that, and sends the browser nowhere.
    const confirm = flow.bankPages.find((p) => p.step === 'confirm')!;
    const customer = browser(t.dataHolder.caCert);
    try {
      const bankPage = await customer.request(confirm.url);
      expect(bankPage.headers.get('referrer-policy')).toBe('no-referrer');
      expect(bankPage.headers.get('location')).toBeNull();
      expect(await bankPage.text()).toContain('already finished');
    } finally {
      await customer.close();
    }
    // The browser's history still holds the callback with the bank's answer: it lands on the same result.
    expect((await followToCallback(flow)).headers.get('location')).toBe(landed);
  });

  it('records a cancel or a code that can no longer be used as the result, and shares nothing', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage, choice: 'cancel' });
    const atCallback = flow.redirect!;
    expect(atCallback.pathname).toBe('/connect/callback');
    const result = new URL((await t.app.request(atCallback.pathname + atCallback.search)).headers.get('location')!).searchParams.get('consent_ui_result');
    const read = await flow.asSession(`/v1/session/results/${result}`);
    expect(await read.json()).toMatchObject({ status: 'cancelled', error: { code: 'access-denied' } });

    // The holder no longer honours the code in its answer (it lapsed there, or was spent): the exchange is refused.
    const late = await authoriseAtBank(t, partner, { returnUrl: partnerPage });
    const { code } = JSON.parse(Buffer.from(late.redirect!.searchParams.get('response')!.split('.')[1]!, 'base64url').toString()) as { code: string };
    await (await t.dataHolder.server.provider.AuthorizationCode.find(code))!.destroy();
    const lateResult = new URL((await followToCallback(late)).headers.get('location')!).searchParams.get('consent_ui_result');
    expect(await (await late.asSession(`/v1/session/results/${lateResult}`)).json()).toMatchObject({ status: 'failed', error: { code: 'invalid-grant' } });
    for (const userId of [flow.userId, late.userId]) {
      expect(((await (await partner.call(`/v1/users/${userId}/consents`)).json()) as { data: unknown[] }).data).toEqual([]);
    }
  });

  it('reads an answer whose exchange was cut off as failed once the exchange’s lease has lapsed', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage });
    expect(await (await flow.asSession(`/v1/session/authorisations/${flow.authorisationId}`)).json()).toMatchObject({ status: 'pending' });
    // A callback claimed the answer, and its process stopped before the exchange finished.
    await t.db.updateTable('authorisations').set({ status: 'authorised', claimed_at: t.clock.now().toISOString() }).where('id', '=', flow.authorisationId!).execute();
    expect(await (await flow.asSession(`/v1/session/authorisations/${flow.authorisationId}`)).json()).toMatchObject({ status: 'authorised' });
    t.clock.advance(2 * 60_000);
    expect(await (await flow.asSession(`/v1/session/authorisations/${flow.authorisationId}`)).json()).toMatchObject({ status: 'failed', error: { code: 'code-expired' } });
    // The answer coming back now is not taken again, and lands on that outcome.
    const result = new URL((await followToCallback(flow)).headers.get('location')!).searchParams.get('consent_ui_result');
    expect(await (await flow.asSession(`/v1/session/results/${result}`)).json()).toMatchObject({ status: 'failed', error: { code: 'code-expired' } });
    expect(((await (await partner.call(`/v1/users/${flow.userId}/consents`)).json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('a request nobody finished at the bank in time reads as timed out, and a refusal the bank sends is recorded', async () => {
    const abandoned = await authoriseAtBank(t, partner, { returnUrl: partnerPage, choice: 'abandon' });
    expect(abandoned.redirect).toBeUndefined();
    expect(await (await abandoned.asSession(`/v1/session/authorisations/${abandoned.authorisationId}`)).json()).toMatchObject({ status: 'pending' });
    t.clock.advance(16 * 60_000); // the request lives 15 minutes
    expect(await (await abandoned.asSession(`/v1/session/authorisations/${abandoned.authorisationId}`)).json()).toMatchObject({ status: 'failed', error: { code: 'authorisation-expired' } });

    // The holder ends a request itself (too many unknown customer ids) and answers the callback with its refusal.
    const refused = await authoriseAtBank(t, partner, { returnUrl: partnerPage, login: 'nobody-such' });
    expect(refused.bankPages.filter((p) => p.step === 'login' && p.status === 400).length).toBeGreaterThan(0);
    const back = await followToCallback(refused);
    expect(back.status).toBe(303);
    const result = new URL(back.headers.get('location')!).searchParams.get('consent_ui_result');
    expect(await (await refused.asSession(`/v1/session/results/${result}`)).json()).toMatchObject({ status: 'cancelled', error: { code: 'access-denied' } });
  });

  it('refuses a forged answer, and one for an unknown request, without a result', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage });
    const [header, payload, signature] = flow.redirect!.searchParams.get('response')!.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = (changed: Record<string, unknown>) => `${header}.${Buffer.from(JSON.stringify({ ...claims, ...changed })).toString('base64url')}.${signature}`;
    for (const response of [forged({ code: 'x' }), forged({ state: 'wrong' }), 'not-a-jwt']) {
      const res = await t.app.request(`/connect/callback?${new URLSearchParams({ response })}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
    expect((await t.app.request('/connect/callback?code=x&state=y')).status).toBe(400);
    expect((await (await flow.asSession(`/v1/session/authorisations/${flow.authorisationId}`)).json()).status).toBe('pending');
  });
});

describe('popup callback', () => {
  it('exchanges the code on the service and asks the user to close the window; the opener sees the consent', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage(), mode: 'popup' });
    const res = await followToCallback(flow);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You can close this window');
    const status = (await (await flow.asSession(`/v1/session/authorisations/${flow.authorisationId}`)).json()) as { status: string; consentId?: string; jobId?: string };
    expect(status.status).toBe('exchanged');
    expect(status.consentId).toMatch(/^cns_/);
    await followToCallback(flow);
    const consents = (await (await partner.call(`/v1/users/${flow.userId}/consents`)).json()) as { data: unknown[] };
    expect(consents.data).toHaveLength(1);
  });

  it('shows the bank’s refusal and grants nothing', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage(), mode: 'popup', choice: 'cancel' });
    const res = await followToCallback(flow);
    expect(await res.text()).toContain('You cancelled at your bank, so nothing was shared.');
    const consents = (await (await partner.call(`/v1/users/${flow.userId}/consents`)).json()) as { data: unknown[] };
    expect(consents.data).toEqual([]);
  });
});

function partnerPage() {
  return 'http://localhost/partner/connect';
}
