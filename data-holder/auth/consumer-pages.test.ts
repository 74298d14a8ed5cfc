import { decodeJwt } from 'jose';
import * as client from 'openid-client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browser, type TestRecipient } from './test-recipient.js';
import { recipients, register, server, useAuthorisationServer } from './test-server.js';

useAuthorisationServer();
let recipient: TestRecipient;
const browsers: ReturnType<typeof browser>[] = [];

beforeAll(() => {
  recipient = recipients[0]!;
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
});

function customer() {
  const b = browser(register.caCert);
  browsers.push(b);
  return b;
}

/** A pushed authorisation request, opened in the customer's browser: the interaction's address. */
async function interaction(b: ReturnType<typeof browser>): Promise<string> {
  const verifier = client.randomPKCECodeVerifier();
  const jar = await client.buildAuthorizationUrlWithJAR(recipient.config, {
    redirect_uri: recipient.redirectUri, scope: 'openid bank:accounts.basic:read', response_type: 'code', response_mode: 'jwt', state: 's', nonce: 'n',
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  }, recipient.privateKey);
  const url = await client.buildAuthorizationUrlWithPAR(recipient.config, jar.searchParams);
  return new URL((await b.request(url.toString())).headers.get('location')!, url).toString();
}

/** Follows redirects from `res` until one leaves for the recipient; the JARM response's payload. */
async function backAtRecipient(b: ReturnType<typeof browser>, res: Response | Awaited<ReturnType<ReturnType<typeof browser>['request']>>) {
  let location = res.headers.get('location')!;
  for (let hop = 0; !location.startsWith(recipient.redirectUri); hop++) {
    if (hop > 5) throw new Error('too many redirects');
    location = (await b.request(new URL(location, server.issuer).toString())).headers.get('location')!;
  }
  return decodeJwt(new URL(location).searchParams.get('response')!);
}

const text = (value: string) => new TextEncoder().encode(value);
const multipart = (boundary: string, fields: Record<string, string>) =>
  text(Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`);

/** Bodies a browser would never send, each with the status it must get. */
const MALFORMED: [string, { body: Uint8Array; contentType?: string }, 400 | 413][] = [
  ['JSON', { body: text('{"loginId":"jsmith"}'), contentType: 'application/json' }, 400],
  ['text/plain', { body: text('loginId=jsmith'), contentType: 'text/plain' }, 400],
  ['no content type', { body: text('loginId=jsmith') }, 400],
  ['multipart without a boundary', { body: text('loginId=jsmith'), contentType: 'multipart/form-data' }, 400],
  ['multipart not matching its boundary', { body: text('--other\r\n\r\njunk'), contentType: 'multipart/form-data; boundary=abc' }, 400],
  ['truncated multipart', { body: text('--abc\r\nContent-Disposition: form-data; name="loginId"\r\n\r\njsm'), contentType: 'multipart/form-data; boundary=abc' }, 400],
  ['a 20 KB form', { body: text(`loginId=${'j'.repeat(20_000)}`), contentType: 'application/x-www-form-urlencoded' }, 413],
];

/** Urlencoded bodies that are read leniently, as browsers read them: garbled values, not errors. */
const GARBLED: [string, { body: Uint8Array; contentType: string }][] = [
  ['bad percent-encoding', { body: text('loginId=%E0%A4%A&%%%=%zz'), contentType: 'application/x-www-form-urlencoded' }],
  ['invalid UTF-8', { body: new Uint8Array([0x6c, 0x6f, 0x67, 0x69, 0x6e, 0x49, 0x64, 0x3d, 0xff, 0xfe, 0xc3]), contentType: 'application/x-www-form-urlencoded' }],
];

async function expectPage(res: Awaited<ReturnType<ReturnType<typeof browser>['request']>>, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(await res.text()).toContain('<h1>');
}

describe('the consumer pages\' limits', () => {
  it('count one-time password attempts per authorisation: signing in again does not start them over', async () => {
    const b = customer();
    const url = await interaction(b);
    expect((await b.request(`${url}/login`, { form: { loginId: 'jsmith' } })).status).toBe(303);
    for (const _ of [1, 2]) expect((await b.request(`${url}/otp`, { form: { otp: '111111' } })).status).toBe(400);
    expect((await b.request(`${url}/login`, { form: { loginId: 'jsmith' } })).status).toBe(303);
    const third = await b.request(`${url}/otp`, { form: { otp: '111111' } });
    expect(third.status).toBe(303);
    expect(await backAtRecipient(b, third)).toMatchObject({ error: 'access_denied', error_description: 'Too many incorrect one-time passwords.' });
  });

  it('cap sign-ins per authorisation, each of which would send a one-time password', async () => {
    const b = customer();
    const url = await interaction(b);
    for (const loginId of ['jsmith', 'nobody', 'jsmith', 'jwilson', 'jsmith']) expect([303, 400]).toContain((await b.request(`${url}/login`, { form: { loginId } })).status);
    const sixth = await b.request(`${url}/login`, { form: { loginId: 'jsmith' } });
    expect(await backAtRecipient(b, sixth)).toMatchObject({ error: 'access_denied', error_description: 'Too many sign-in attempts.' });
  });
});

describe('malformed form bodies', () => {
  it('get a 400 (or 413) page on every consent page\'s POST, never a 500; garbled values are just wrong values', async () => {
    const b = customer();
    const url = await interaction(b);
    for (const step of ['login', 'otp', 'accounts', 'confirm', 'cancel']) {
      for (const [name, body, status] of MALFORMED) {
        const res = await b.request(`${url}/${step}`, body);
        expect([step, name, res.status]).toEqual([step, name, status]);
        await expectPage(res, status);
      }
    }
    for (const [, body] of GARBLED) {
      const res = await b.request(`${url}/login`, body);
      await expectPage(res, 400);
    }
    // The interaction is still there, and a well-formed multipart form is read.
    expect((await b.request(`${url}/login`, { body: multipart('xyz', { loginId: 'jsmith' }), contentType: 'multipart/form-data; boundary=xyz' })).status).toBe(303);
    expect(await (await b.request(url)).text()).toContain('One-time password');
  });

  it('get a 400 (or 413) page on the dashboard\'s POSTs too', async () => {
    const b = customer();
    await (await b.request(`${server.issuer}/consumer`)).text();
    for (const path of ['login', 'otp', 'sign-out', 'arrangements/x/stop']) {
      for (const [, body, status] of MALFORMED) await expectPage(await b.request(`${server.issuer}/consumer/${path}`, body), status);
      // Read, but without the session's CSRF token: the form has expired.
      for (const [, body] of GARBLED) await expectPage(await b.request(`${server.issuer}/consumer/${path}`, body), 403);
    }
  });
});

describe('every response of the data holder', () => {
  it('carries X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer, whoever answers', async () => {
    const b = customer();
    const responses = [
      await b.request(await interaction(b)),
      await b.request(`${server.issuer}/assets/bank.css`),
      await b.request(`${server.issuer}/consumer`),
      await b.request(`${server.issuer}/consumer/nowhere`),
      await b.request(`${server.issuer}/.well-known/openid-configuration`),
      await b.request(server.jwksUri),
      // oidc-provider's own error page.
      await b.request(`${server.issuer}/authorise?client_id=nobody`),
      await recipient.mtlsFetch(`${server.mtlsOrigin}/token`, { method: 'POST' }),
    ];
    for (const res of responses) {
      expect([res.url, res.headers.get('x-content-type-options'), res.headers.get('referrer-policy')]).toEqual([res.url, 'nosniff', 'no-referrer']);
      await res.arrayBuffer();
    }
    expect(responses[3]!.status).toBe(404);
    // The provider's error page is the bank's too, under the same policy.
    const errorPage = await b.request(`${server.issuer}/authorise?client_id=nobody`);
    expect(errorPage.status).toBe(400);
    expect(errorPage.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await errorPage.text()).toMatch(/<h1>Something went wrong<\/h1>[\s\S]*This request could not be completed/);
  });
});
