import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import * as client from 'openid-client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { certificateThumbprint } from './mtls.js';
import { authorise, browser, NINETY_DAYS_S, type TestRecipient } from './test-recipient.js';
import { bank, eventually, noticeOutcomes, recipients, register, server, useAuthorisationServer } from './test-server.js';

useAuthorisationServer();
let recipient: TestRecipient;
const customers: ReturnType<typeof browser>[] = [];

beforeAll(() => {
  recipient = recipients[0]!;
});
afterEach(async () => {
  await Promise.all(customers.splice(0).map((c) => c.close()));
});

/** A consented arrangement of `loginId`'s, with its tokens; in a browser of its own, as the bank's session names one customer. */
async function arrangement(loginId = 'jsmith') {
  const own = browser(register.caCert);
  customers.push(own);
  const { callback, checks } = await authorise(recipient, own, { sharing_duration: String(NINETY_DAYS_S) }, loginId === 'jsmith' ? {} : { loginId, accountIds: [`${loginId}-everyday`] });
  const tokens = await client.authorizationCodeGrant(recipient.config, callback, checks);
  return { id: tokens.cdr_arrangement_id as string, tokens };
}

const csrfOf = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

/** A customer's browser at the dashboard, signed in. */
async function signedIn(loginId: string) {
  const b = browser(register.caCert);
  customers.push(b);
  const url = `${server.issuer}/consumer`;
  const first = await (await b.request(url)).text();
  expect((await b.request(`${url}/login`, { form: { loginId, csrf: csrfOf(first) } })).status).toBe(303);
  const otpPage = await (await b.request(url)).text();
  expect(otpPage).toContain('One-time password');
  expect((await b.request(`${url}/otp`, { form: { otp: '000789', csrf: csrfOf(otpPage) } })).status).toBe(303);
  const list = async () => {
    const res = await b.request(url);
    return { res, page: await res.text() };
  };
  const stop = async (arrangementId: string, csrf?: string) => b.request(`${url}/arrangements/${arrangementId}/stop`, { form: { csrf: csrf ?? csrfOf((await list()).page) } });
  return { b, url, list, stop };
}

const access = (accessToken: string) => server.verifyAccess({ accessToken, clientCertificateThumbprint: certificateThumbprint(recipient.clientCertificate.cert) });

describe('the consumer dashboard (CDR Rules 1.15)', () => {
  it('lists the customer\'s active arrangements and stops one: its tokens die and the recipient is told', async () => {
    const mine = await arrangement();
    const theirs = await arrangement('jwilson');
    const customer = await signedIn('jsmith');
    const { res, page } = await customer.list();
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page).toContain('Budget Buddy');
    expect(page).toContain('Account name, type and balance');
    expect(page).toMatch(/Everyday[^<]* · xxxx\d{4}/);
    expect(page).toContain(`/consumer/arrangements/${mine.id}/stop`);
    expect(page).not.toContain(theirs.id);
    expect(page).toContain('Stop sharing<span class="visually-hidden"> with Budget Buddy</span>');

    const stopped = await customer.stop(mine.id);
    expect(stopped.status).toBe(303);
    const after = (await customer.list()).page;
    expect(after).toContain('You have stopped sharing with Budget Buddy.');
    expect(after).not.toContain(mine.id);

    expect(await access(mine.tokens.access_token)).toBeUndefined();
    await expect(client.refreshTokenGrant(recipient.config, mine.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await access(theirs.tokens.access_token)).toBeDefined();

    // CDR Arrangement Revocation End Point (Data Recipient): form parameter, self-signed bearer JWT.
    await eventually(() => recipient.revocations.length === 1);
    const notice = recipient.revocations[0]!;
    expect(notice.contentType).toBe('application/x-www-form-urlencoded');
    const keys = createLocalJWKSet((await (await bank.request(server.jwksUri)).json()) as JSONWebKeySet);
    const expected = { issuer: 'sandbox-bank', subject: 'sandbox-bank', audience: `${recipient.recipientBaseUri}/arrangements/revoke`, algorithms: ['PS256'], requiredClaims: ['iat', 'exp', 'jti'] };
    const bearer = await jwtVerify(/^Bearer (.+)$/.exec(notice.authorization ?? '')![1]!, keys, expected);
    expect(bearer.payload.exp! - bearer.payload.iat!).toBeLessThanOrEqual(300);
    const form = new URLSearchParams(notice.body);
    expect([...form.keys()]).toEqual(['cdr_arrangement_jwt']);
    const arrangementJwt = await jwtVerify(form.get('cdr_arrangement_jwt')!, keys, expected);
    expect(arrangementJwt.payload.cdr_arrangement_id).toBe(mine.id);
    expect(arrangementJwt.payload.jti).not.toBe(bearer.payload.jti);
    await eventually(() => noticeOutcomes.length === 1);
    expect(noticeOutcomes[0]).toMatchObject({ arrangementId: mine.id, delivered: true, status: 204, attempts: 1 });

    // Stopped once is stopped: the button is gone, and a replayed form finds nothing.
    expect((await customer.stop(mine.id, csrfOf(after))).status).toBe(404);
  });

  it('retries a notice the recipient answers with 5xx, with fresh JWTs; a 4xx is final', async () => {
    const customer = await signedIn('jsmith');
    const retried = await arrangement();
    recipient.answerRevocationsWith(503, 502);
    const before = recipient.revocations.length;
    await customer.stop(retried.id);
    await eventually(() => noticeOutcomes.some((o) => o.arrangementId === retried.id));
    expect(noticeOutcomes.find((o) => o.arrangementId === retried.id)).toMatchObject({ delivered: true, status: 204, attempts: 3 });
    const jtis = recipient.revocations.slice(before).map((r) => decodeJwt(r.authorization!.slice('Bearer '.length)).jti);
    expect(new Set(jtis).size).toBe(3);

    const refused = await arrangement();
    recipient.answerRevocationsWith(400);
    await customer.stop(refused.id);
    await eventually(() => noticeOutcomes.some((o) => o.arrangementId === refused.id));
    expect(noticeOutcomes.find((o) => o.arrangementId === refused.id)).toMatchObject({ delivered: false, status: 400, attempts: 1 });
  });

  it('refuses another customer\'s arrangement, a form without the session\'s CSRF token, and a browser without a session', async () => {
    const mine = await arrangement();
    const stranger = await signedIn('jwilson');
    expect((await stranger.stop(mine.id)).status).toBe(404);
    const customer = await signedIn('jsmith');
    const wrongToken = await customer.stop(mine.id, 'not-the-token');
    expect(wrongToken.status).toBe(403);
    expect(await wrongToken.text()).toContain('This form has expired.');
    const anonymous = browser(register.caCert);
    customers.push(anonymous);
    expect((await anonymous.request(`${server.issuer}/consumer/arrangements/${mine.id}/stop`, { form: { csrf: 'x' } })).status).toBe(403);
    expect(await access(mine.tokens.access_token)).toBeDefined();
  });

  it('signs in with customer id and one-time password, in a Strict, Secure, host-only cookie session; three wrong passwords end it', async () => {
    const b = browser(register.caCert);
    customers.push(b);
    const url = `${server.issuer}/consumer`;
    const first = await b.request(url);
    const cookie = first.headers.getSetCookie()[0]!.toLowerCase().split('; ');
    expect(cookie[0]).toMatch(/^__host-dh-consumer=[\w-]{43}$/);
    expect(cookie.slice(1).sort()).toEqual(['httponly', 'path=/', 'samesite=strict', 'secure']);
    const page = await first.text();
    expect(page).toContain('<label for="login-id">Customer ID</label>');
    expect(page).toContain('id="login-id"');
    const unknown = await b.request(`${url}/login`, { form: { loginId: 'nobody', csrf: csrfOf(page) } });
    expect([unknown.status, await unknown.text()]).toEqual([400, expect.stringContaining('We do not recognise that customer ID.')]);
    await b.request(`${url}/login`, { form: { loginId: 'jsmith', csrf: csrfOf(page) } });
    for (const attempt of [1, 2]) {
      const wrong = await b.request(`${url}/otp`, { form: { otp: '111111', csrf: csrfOf(page) } });
      expect([attempt, wrong.status, await wrong.text()]).toEqual([attempt, 400, expect.stringContaining('That one-time password is not right.')]);
    }
    const third = await b.request(`${url}/otp`, { form: { otp: '111111', csrf: csrfOf(page) } });
    expect(await third.text()).toContain('Too many incorrect one-time passwords.');
    // The session is gone: the right password now finds nothing to sign in to.
    expect((await b.request(`${url}/otp`, { form: { otp: '000789', csrf: csrfOf(page) } })).status).toBe(403);
    expect(await (await b.request(url)).text()).toContain('Customer ID');
  });
});
