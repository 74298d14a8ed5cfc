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

describe('popup callback', () => {
  it('exchanges the code on the service and lets the opener see the consent', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: 'http://localhost/connect/callback' });
    expect(flow.redirect!.pathname).toBe('/connect/callback');
    const res = await t.app.request(flow.redirect!.pathname + flow.redirect!.search);
    expect(await res.text()).toContain('You can close this window');
    const status = (await (await flow.asSession(`/v1/session/authorisations/${flow.authorisationId}`)).json()) as { status: string; consentId?: string; jobId?: string };
    expect(status.status).toBe('exchanged');
    expect(status.consentId).toMatch(/^cns_/);
    // Reloading the callback does not grant twice.
    await t.app.request(flow.redirect!.pathname + flow.redirect!.search);
    const consents = (await (await partner.call(`/v1/users/${flow.userId}/consents`)).json()) as { data: unknown[] };
    expect(consents.data).toHaveLength(1);
  });

  it('shows the bank’s refusal and grants nothing; a forged state is refused', async () => {
    const flow = await authoriseAtBank(t, partner, { returnUrl: 'http://localhost/connect/callback', accounts: [] });
    const cancelled = await t.app.request(`${flow.bank}/cancel`, { method: 'POST' });
    const back = new URL(cancelled.headers.get('location')!);
    const res = await t.app.request(back.pathname + back.search);
    expect(await res.text()).toContain('You cancelled at your bank, so nothing was shared.');
    const consents = (await (await partner.call(`/v1/users/${flow.userId}/consents`)).json()) as { data: unknown[] };
    expect(consents.data).toEqual([]);
    const forged = await t.app.request(`/connect/callback?authorisation=${flow.authorisationId}&state=wrong&code=x`);
    expect(forged.status).toBe(400);
  });
});
