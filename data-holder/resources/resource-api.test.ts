import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSandboxHolderData } from '../data/holder-data.js';
import type { AccessRequest } from './access.js';
import { createResourceApi } from './resource-api.js';
import { ARRANGEMENTS, buildApi, getJson, headers } from './test-support.js';

const ACCOUNTS = '/cds-au/v1/banking/accounts';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('resource API: headers, access and errors common to every endpoint', () => {
  const app = buildApi();

  it('plays back x-fapi-interaction-id, or sends a new UUID, on success and on error', async () => {
    const id = '6ba7b814-9dad-11d1-80b4-00c04fd430c8';
    const played = await getJson(app, ACCOUNTS, headers('jsmith-token', '3', { 'x-fapi-interaction-id': id }));
    expect(played.headers.get('x-fapi-interaction-id')).toBe(id);
    const fresh = await getJson(app, ACCOUNTS, headers('jsmith-token', '3'));
    expect(fresh.headers.get('x-fapi-interaction-id')).toMatch(UUID);
    const failed = await getJson(app, ACCOUNTS, headers('nobody', '3', { 'x-fapi-interaction-id': id }));
    expect(failed.status).toBe(401);
    expect(failed.headers.get('x-fapi-interaction-id')).toBe(id);
    const invalid = await getJson(app, ACCOUNTS, headers('jsmith-token', '3', { 'x-fapi-interaction-id': 'not-a-uuid' }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Header/Invalid', detail: expect.stringContaining('x-fapi-interaction-id') });
    expect(invalid.headers.get('x-fapi-interaction-id')).toMatch(UUID);
  });

  it('answers 401 with WWW-Authenticate for a missing or unknown token', async () => {
    const none = await getJson(app, ACCOUNTS, { 'x-v': '3', 'x-fapi-auth-date': 'Tue, 24 Nov 2026 22:15:00 GMT' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.body.errors[0].code).toBe('urn:au-cds:error:cds-all:GeneralError/Expected');
    const unknown = await getJson(app, ACCOUNTS, headers('revoked-token', '3'));
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('hands verifyAccess the bearer token and the client certificate thumbprint, nothing else', async () => {
    const seen: AccessRequest[] = [];
    const spying = buildApi(async (request) => {
      seen.push(request);
      return ARRANGEMENTS['jsmith-token'];
    });
    await spying.request(ACCOUNTS, { headers: headers('abc.def', '3', { 'x-test-certificate-thumbprint': 'thumb-1' }) });
    expect(seen).toEqual([{ accessToken: 'abc.def', clientCertificateThumbprint: 'thumb-1' }]);
  });

  it('by default takes the thumbprint (x5t#S256) from the TLS socket’s peer certificate', async () => {
    const seen: AccessRequest[] = [];
    const api = createResourceApi({ data: createSandboxHolderData(), verifyAccess: async (request) => (seen.push(request), undefined) });
    const der = Buffer.from('a DER-encoded certificate');
    const env = { incoming: { socket: { getPeerCertificate: () => ({ raw: der }) } } };
    await api.request(ACCOUNTS, { headers: headers('t', '3') }, env);
    expect(seen[0]!.clientCertificateThumbprint).toBe(createHash('sha256').update(der).digest('base64url'));
  });

  it('requires x-fapi-auth-date as an HTTP-date on every resource call', async () => {
    const { 'x-fapi-auth-date': _omitted, ...without } = headers('jsmith-token', '3');
    const missing = await getJson(app, ACCOUNTS, without);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Header/Missing', detail: 'x-fapi-auth-date' });
    const invalid = await getJson(app, ACCOUNTS, headers('jsmith-token', '3', { 'x-fapi-auth-date': '2026-11-24T22:15:00Z' }));
    expect(invalid.body.errors[0].code).toBe('urn:au-cds:error:cds-all:Header/Invalid');
  });

  it('requires x-cds-client-headers (Base64) when x-fapi-customer-ip-address marks the customer present', async () => {
    const present = { 'x-fapi-customer-ip-address': '2001:db8::7334' };
    const missing = await getJson(app, ACCOUNTS, headers('jsmith-token', '3', present));
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Header/Missing', detail: 'x-cds-client-headers' });
    const ok = await getJson(app, ACCOUNTS, headers('jsmith-token', '3', { ...present, 'x-cds-client-headers': btoa('User-Agent: Mozilla/5.0') }));
    expect(ok.status).toBe(200);
    const badIp = await getJson(app, ACCOUNTS, headers('jsmith-token', '3', { 'x-fapi-customer-ip-address': 'localhost', 'x-cds-client-headers': btoa('x') }));
    expect(badIp.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Header/Invalid', detail: expect.stringContaining('x-fapi-customer-ip-address') });
  });

  it('answers 403 Consent Is Invalid when the arrangement lacks the scope', async () => {
    const detail = await getJson(app, `${ACCOUNTS}/jsmith-everyday`, headers('jsmith-basic-token', '5'));
    expect(detail.status).toBe(403);
    expect(detail.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Authorisation/InvalidConsent', detail: expect.stringContaining('bank:accounts.detail:read') });
    const transactions = await getJson(app, `${ACCOUNTS}/jsmith-everyday/transactions`, headers('jsmith-basic-token', '2'));
    expect(transactions.status).toBe(403);
    const customer = await getJson(app, '/cds-au/v1/common/customer', headers('jsmith-basic-token', '1'));
    expect(customer.status).toBe(403);
    const accounts = await getJson(app, ACCOUNTS, headers('acme-token', '3'));
    expect(accounts.status).toBe(403);
  });

  it('answers the standard’s endpoints it does not serve with 404 Resource Not Implemented', async () => {
    const detail = await getJson(app, '/cds-au/v1/common/customer/detail', headers('jsmith-token', '2'));
    expect(detail.status).toBe(404);
    expect(detail.body.errors[0].code).toBe('urn:au-cds:error:cds-all:Resource/NotImplemented');
    const debits = await getJson(app, '/cds-au/v1/banking/accounts/direct-debits', headers('jsmith-token', '2'));
    expect(debits.body.errors[0].code).toBe('urn:au-cds:error:cds-all:Resource/NotImplemented');
    // Product reference data is public: no token needed to learn it is not served.
    const products = await getJson(app, '/cds-au/v1/banking/products', { 'x-v': '4' });
    expect(products.body.errors[0].code).toBe('urn:au-cds:error:cds-all:Resource/NotImplemented');
  });

  it('answers 406 to an Accept that rules out JSON, and takes JSON with parameters or wildcards', async () => {
    const xml = await getJson(app, ACCOUNTS, headers('jsmith-token', '3', { accept: 'application/xml' }));
    expect(xml.status).toBe(406);
    expect(xml.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:GeneralError/Expected', detail: expect.stringContaining('application/json') });
    for (const accept of ['AppliCAtion/JSon;Charset=uTf-8', '*/*', 'text/html, application/*;q=0.8']) {
      expect((await app.request(ACCOUNTS, { headers: headers('jsmith-token', '3', { accept }) })).status, accept).toBe(200);
    }
  });

  it('answers an unknown endpoint with 404 Resource Not Found in the CDS error shape', async () => {
    const unknown = await getJson(app, '/cds-au/v1/banking/products-of-tomorrow/x', headers('jsmith-token', '1'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Resource/NotFound', title: 'Resource Not Found' });
  });
});
