import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister, type Register } from '../register/register.js';
import { createAuthorisationServer, type AuthorisationServer } from './authorisation-server.js';
import { createTestRecipient, type TestRecipient } from './test-recipient.js';

let register: Register;
let server: AuthorisationServer;
let recipient: TestRecipient;

beforeAll(async () => {
  register = await createRegister();
  server = await createAuthorisationServer({ register, serverCertificate: await register.issueServerCertificate(['127.0.0.1']) });
  recipient = await createTestRecipient(register, server.issuer);
});

afterAll(async () => {
  await recipient?.close();
  await server?.close();
});

const post = async (body: string, contentType = 'application/jwt') => {
  const res = await recipient.mtlsFetch(`${server.mtlsOrigin}/register`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('dynamic client registration (Client Registration; Dynamic Client Registration)', () => {
  it('takes keys, redirect URIs and scope from the Register-signed software statement', async () => {
    const request = await recipient.signRegistration(await recipient.issueSsa());
    const { status, body } = await post(request);
    expect(status).toBe(201);
    expect(await post(request)).toMatchObject({ status: 400, body: { error: 'invalid_client_metadata', error_description: 'registration request already used' } });
    expect(body).toMatchObject({ software_id: recipient.softwareProductId, token_endpoint_auth_method: 'private_key_jwt', redirect_uris: [recipient.redirectUri], response_types: ['code'], tls_client_certificate_bound_access_tokens: true });
    expect(body.client_id).not.toBe(recipient.clientId);
  });

  it('refuses a software statement another register signed, JSON requests and unsigned ones', async () => {
    const stranger = await createRegister();
    const foreign = await stranger.issueSoftwareStatement({ softwareProductId: recipient.softwareProductId, brandName: 'X', legalEntityId: 'x', legalEntityName: 'X', redirectUris: [recipient.redirectUri], jwksUri: 'https://127.0.0.1:1/jwks', recipientBaseUri: 'https://127.0.0.1:1', scope: 'openid' });
    expect(await post(await recipient.signRegistration(foreign))).toMatchObject({ status: 400, body: { error: 'invalid_software_statement' } });
    expect(await post(JSON.stringify({ software_statement: await recipient.issueSsa() }), 'application/json')).toMatchObject({ status: 400, body: { error: 'invalid_client_metadata' } });
    const [header, payload] = (await recipient.signRegistration(await recipient.issueSsa())).split('.');
    expect(await post(`${header}.${payload}.`)).toMatchObject({ status: 400, body: { error: 'invalid_client_metadata' } });
  });

  it('lets the client read, update and delete its registration with a cdr:registration token', async () => {
    const { access_token: token } = await client.clientCredentialsGrant(recipient.config, { scope: 'cdr:registration' });
    const url = `${server.mtlsOrigin}/register/${recipient.clientId}`;
    const auth = { authorization: `Bearer ${token}` };
    expect((await recipient.mtlsFetch(url)).status).toBe(401);
    const read = await recipient.mtlsFetch(url, { headers: auth });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ client_id: recipient.clientId, software_id: recipient.softwareProductId });
    const updated = await recipient.mtlsFetch(url, { method: 'PUT', headers: { ...auth, 'content-type': 'application/jwt' }, body: await recipient.signRegistration(await recipient.issueSsa()) });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ client_id: recipient.clientId });
    expect((await recipient.mtlsFetch(url, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await recipient.mtlsFetch(url, { headers: auth })).status).toBe(401);
    await expect(client.clientCredentialsGrant(recipient.config, { scope: 'cdr:registration' })).rejects.toMatchObject({ error: 'invalid_client' });
  });
});
