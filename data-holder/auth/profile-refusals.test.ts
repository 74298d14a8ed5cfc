import { randomUUID } from 'node:crypto';
import { decodeJwt, SignJWT, UnsecuredJWT } from 'jose';
import * as client from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegisterCa } from '../register/register-ca.js';
import { certificateThumbprint } from './mtls.js';
import { authorise, SCOPE, type TestRecipient } from './test-recipient.js';
import { bank, recipients, register, server, useAuthorisationServer } from './test-server.js';

useAuthorisationServer();
let recipient: TestRecipient;

beforeAll(() => {
  recipient = recipients[0]!;
});


const now = () => Math.floor(Date.now() / 1000);

function requestClaims(overrides: Record<string, unknown> = {}) {
  return {
    iss: recipient.clientId, aud: server.issuer, client_id: recipient.clientId, jti: randomUUID(),
    response_type: 'code', response_mode: 'jwt', redirect_uri: recipient.redirectUri, scope: SCOPE, state: 'st', nonce: 'n',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
    nbf: now(), exp: now() + 300, ...overrides,
  };
}

const sign = (claims: object) => new SignJWT({ ...claims }).setProtectedHeader({ alg: 'PS256' }).sign(recipient.privateKey);

/** POST to the PAR end point (mutual TLS, private_key_jwt) with a request object. */
async function par(request: string, origin = server.mtlsOrigin) {
  const assertion = await new SignJWT({}).setProtectedHeader({ alg: 'PS256' })
    .setIssuer(recipient.clientId).setSubject(recipient.clientId).setAudience(server.issuer).setIssuedAt().setExpirationTime('1m').setJti(randomUUID())
    .sign(recipient.privateKey);
  const res = await recipient.mtlsFetch(`${origin}/par`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: recipient.clientId, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion, request }).toString(),
  });
  return { status: res.status, body: (await res.json()) as { error?: string; error_description?: string; request_uri?: string } };
}

const authorisedCode = () => authorise(recipient, bank, { sharing_duration: '3600' });

describe('the CDS security profile refuses', () => {
  it('an authorisation request that did not come through PAR (Request Object: Data Holders)', async () => {
    const url = new URL(`${server.issuer}/authorise`);
    const claims = requestClaims();
    for (const key of ['client_id', 'response_type', 'response_mode', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method'] as const) url.searchParams.set(key, String(claims[key]));
    url.searchParams.set('request', await sign(claims));
    const res = await bank.request(url.toString());
    // The redirect URI is registered, so the refusal goes back to it as a JARM response.
    expect(res.status).toBe(303);
    const refusal = decodeJwt(new URL(res.headers.get('location')!).searchParams.get('response')!);
    expect(refusal).toMatchObject({ error: 'invalid_request', error_description: 'Pushed Authorization Request must be used', iss: server.issuer, aud: recipient.clientId });
  });

  it('an unsigned request object', async () => {
    const { status, body } = await par(new UnsecuredJWT(requestClaims()).encode());
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request_object');
  });

  it('an expired request object', async () => {
    const { status, body } = await par(await sign(requestClaims({ nbf: now() - 600, exp: now() - 300 })));
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request_object');
  });

  it('a request object whose exp is more than 60 minutes after nbf', async () => {
    const { status, body } = await par(await sign(requestClaims({ nbf: now(), exp: now() + 3601 })));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_request_object' });
  });

  it('a request object without a PKCE challenge (PKCE S256 is required at PAR)', async () => {
    const { code_challenge: _, code_challenge_method: __, ...claims } = requestClaims();
    const { status, body } = await par(await sign(claims));
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });

  it('a negative sharing_duration', async () => {
    const { status, body } = await par(await sign(requestClaims({ sharing_duration: -1 })));
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });

  it('an unknown cdr_arrangement_id', async () => {
    const { status, body } = await par(await sign(requestClaims({ cdr_arrangement_id: randomUUID() })));
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });

  it('PAR on the plain-TLS listener (Transport Security: mutual TLS for the back channel)', async () => {
    const { status, body } = await par(await sign(requestClaims()), server.issuer);
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });

  it('a token request without the PKCE verifier', async () => {
    const { callback, checks } = await authorisedCode();
    await expect(client.authorizationCodeGrant(recipient.config, callback, { ...checks, pkceCodeVerifier: undefined })).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('a token request without a client certificate, with one the Register did not issue, or with one of another software product', async () => {
    const { callback, checks } = await authorisedCode();
    const none = await recipient.withCertificate(undefined);
    await expect(client.authorizationCodeGrant(none, callback, checks)).rejects.toMatchObject({ error: 'invalid_client', status: 401 });
    const stranger = await (await createRegisterCa('Another CA')).issueClientCertificate(recipient.softwareProductId);
    const wrong = await recipient.withCertificate(stranger);
    await expect(client.authorizationCodeGrant(wrong, callback, checks)).rejects.toMatchObject({ error: 'invalid_client', status: 401 });
    // One the Register issued, but to another software product.
    const anotherProduct = await recipient.withCertificate(await register.issueClientCertificate(`sp-${randomUUID()}`));
    await expect(client.authorizationCodeGrant(anotherProduct, callback, checks)).rejects.toMatchObject({ error: 'invalid_client', status: 401 });
    // The code was never spent: the right certificate still redeems it, and only it refreshes.
    const tokens = await client.authorizationCodeGrant(recipient.config, callback, checks);
    await expect(client.refreshTokenGrant(anotherProduct, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_client', status: 401 });
    expect((await client.refreshTokenGrant(recipient.config, tokens.refresh_token!)).access_token).toBeTruthy();
  });

  it('a replayed authorisation code, revoking what the first use issued (Tokens: Access Token)', async () => {
    const { callback, checks } = await authorisedCode();
    const first = await client.authorizationCodeGrant(recipient.config, callback, checks);
    const thumbprint = certificateThumbprint(recipient.clientCertificate.cert);
    expect(await server.verifyAccess({ accessToken: first.access_token, clientCertificateThumbprint: thumbprint })).toBeDefined();
    await expect(client.authorizationCodeGrant(recipient.config, callback, checks)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await server.verifyAccess({ accessToken: first.access_token, clientCertificateThumbprint: thumbprint })).toBeUndefined();
  });

  it('a reused request_uri (Request Object: Data Holders)', async () => {
    const { authoriseUrl } = await authorisedCode();
    const res = await bank.request(authoriseUrl.toString());
    // The request object is gone, so the error cannot come as JARM: plain query parameters, with iss.
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(recipient.redirectUri);
    expect(back.searchParams.get('error')).toBe('invalid_request_uri');
    expect(back.searchParams.get('iss')).toBe(server.issuer);
  });
});
