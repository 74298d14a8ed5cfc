import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authoriseAtBank } from '../testing/connect-flow.js';
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
    const first = await followToCallback(flow);
    expect(first.status).toBe(303);
    const back = new URL(first.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe('http://localhost/partner/connect');
    expect(back.searchParams.get('step'), 'the partner’s own query stays').toBe('1');
    const result = back.searchParams.get('consent_ui_result')!;
    expect(result).toMatch(/^res_[0-9A-Za-z]{24}$/);
    expect([...back.searchParams.keys()].sort()).toEqual(['consent_ui_result', 'step']);
    expect(first.headers.get('location')).not.toContain(flow.redirect!.searchParams.get('code')!);

    // A reload of the callback, and Back to it, land on the same result; the code is exchanged once.
    for (let i = 0; i < 3; i++) expect((await followToCallback(flow)).headers.get('location')).toBe(first.headers.get('location'));
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

  it('Back from the partner’s page to the finished bank page offers the way back through the callback', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage });
    const landed = (await followToCallback(flow)).headers.get('location');
    const bankPage = await t.app.request(flow.bank!);
    expect(bankPage.headers.get('referrer-policy')).toBe('no-referrer');
    const link = (await bankPage.text()).match(/href="([^"]*connect\/callback[^"]*)"/)?.[1]?.replaceAll('&amp;', '&');
    expect(link).toBeDefined();
    expect(link).not.toContain('code=');
    const again = await t.app.request(new URL(link!).pathname + new URL(link!).search);
    expect(again.headers.get('location')).toBe(landed);
  });

  it('records a cancel or a code that can no longer be used as the result, and shares nothing', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage, accounts: [] });
    const cancelled = await t.app.request(`${flow.bank}/cancel`, { method: 'POST' });
    const atCallback = new URL(cancelled.headers.get('location')!);
    expect(atCallback.pathname).toBe('/connect/callback');
    const result = new URL((await t.app.request(atCallback.pathname + atCallback.search)).headers.get('location')!).searchParams.get('consent_ui_result');
    const read = await flow.asSession(`/v1/session/results/${result}`);
    expect(await read.json()).toMatchObject({ status: 'cancelled', error: { code: 'access-denied' } });

    const late = await authoriseAtBank(t, partner, { returnUrl: partnerPage });
    t.clock.advance(2 * 60_000); // the bank's code lives one minute
    const lateResult = new URL((await followToCallback(late)).headers.get('location')!).searchParams.get('consent_ui_result');
    expect(await (await late.asSession(`/v1/session/results/${lateResult}`)).json()).toMatchObject({ status: 'failed', error: { code: 'code-expired' } });
    for (const userId of [flow.userId, late.userId]) {
      expect(((await (await partner.call(`/v1/users/${userId}/consents`)).json()) as { data: unknown[] }).data).toEqual([]);
    }
  });

  it('reads an answer that never reached the callback as failed once its code has lapsed', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage });
    expect(await (await flow.asSession(`/v1/session/authorisations/${flow.authorisationId}`)).json()).toMatchObject({ status: 'authorised' });
    t.clock.advance(2 * 60_000);
    expect(await (await flow.asSession(`/v1/session/authorisations/${flow.authorisationId}`)).json()).toMatchObject({ status: 'failed', error: { code: 'code-expired' } });
  });

  it('a request nobody finished at the bank in time reads as timed out, and a refusal the bank sends is recorded', async () => {
    const abandoned = await authoriseAtBank(t, partner, { returnUrl: partnerPage, login: 'nobody-such' });
    expect(await (await abandoned.asSession(`/v1/session/authorisations/${abandoned.authorisationId}`)).json()).toMatchObject({ status: 'pending' });
    t.clock.advance(16 * 60_000); // the request lives 15 minutes
    expect(await (await abandoned.asSession(`/v1/session/authorisations/${abandoned.authorisationId}`)).json()).toMatchObject({ status: 'failed', error: { code: 'authorisation-expired' } });

    // A data holder that answers the callback with its refusal (the sandbox also records its own).
    const refused = await authoriseAtBank(t, partner, { returnUrl: partnerPage, login: 'nobody-such' });
    const row = await t.db.selectFrom('authorisations').select('state').where('id', '=', refused.authorisationId!).executeTakeFirstOrThrow();
    const back = await t.app.request(`/connect/callback?authorisation=${refused.authorisationId}&state=${row.state}&error=access-denied&error_description=No`);
    expect(back.status).toBe(303);
    const result = new URL(back.headers.get('location')!).searchParams.get('consent_ui_result');
    expect(await (await refused.asSession(`/v1/session/results/${result}`)).json()).toMatchObject({ status: 'cancelled', error: { code: 'access-denied' } });
  });

  it('refuses a forged state, and an unknown authorisation, without a result', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage });
    for (const query of [`authorisation=${flow.authorisationId}&state=wrong&code=x`, `authorisation=auth_nope&state=${flow.redirect!.searchParams.get('state')}&code=x`]) {
      const res = await t.app.request(`/connect/callback?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
    expect((await (await flow.asSession(`/v1/session/authorisations/${flow.authorisationId}`)).json()).status).toBe('authorised');
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
    const flow = await authoriseAtBank(t, partner, { returnUrl: partnerPage(), mode: 'popup', accounts: [] });
    const cancelled = await t.app.request(`${flow.bank}/cancel`, { method: 'POST' });
    const back = new URL(cancelled.headers.get('location')!);
    const res = await t.app.request(back.pathname + back.search);
    expect(await res.text()).toContain('You cancelled at your bank, so nothing was shared.');
    const consents = (await (await partner.call(`/v1/users/${flow.userId}/consents`)).json()) as { data: unknown[] };
    expect(consents.data).toEqual([]);
  });
});

function partnerPage() {
  return 'http://localhost/partner/connect';
}
