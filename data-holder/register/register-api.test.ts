import { X509Certificate } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRecipient } from '../auth/test-recipient.js';
import { startSandboxDataHolder, type SandboxCredentials, type SandboxDataHolder } from '../sandbox.js';

let holder: SandboxDataHolder;
let product: SandboxCredentials;
const agents: Agent[] = [];

/** fetch trusting the Register's CA, presenting `credentials`' client certificate when given. */
function caller(credentials?: SandboxCredentials) {
  const agent = new Agent({ connect: { ca: holder.caCert, ...(credentials?.clientCertificate ?? {}) } });
  agents.push(agent);
  return (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => fetch(url, { ...init, dispatcher: agent });
}
let anonymous: ReturnType<typeof caller>;
let asProduct: ReturnType<typeof caller>;

beforeAll(async () => {
  holder = await startSandboxDataHolder();
  product = await holder.sandboxCredentials('sp-register-test', 'brand-register-test');
  anonymous = caller();
  asProduct = caller(product);
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
  await holder?.close();
});

const enrolment = (overrides: Record<string, unknown> = {}) => ({
  brandId: 'brand-register-test', brandName: 'Budget Buddy', legalEntityId: 'le-budget-buddy', legalEntityName: 'Budget Buddy Pty Ltd',
  redirectUris: ['https://recipient.example/callback'], jwksUri: 'https://recipient.example/jwks', recipientBaseUri: 'https://recipient.example/cdr', scope: 'openid bank:accounts.basic:read',
  ...overrides,
});
const enrol = (fetchAs: ReturnType<typeof caller>, id: string, body: unknown) =>
  fetchAs(`${holder.registerMtlsUri}/v1/sandbox/software-products/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const ssaUrl = (brandId: string, productId: string) => `${holder.registerMtlsUri}/v1/banking/data-recipients/brands/${brandId}/software-products/${productId}/ssa`;

describe('startSandboxDataHolder', () => {
  it('names the Register on both listeners and issues client certificates the mutual-TLS listener accepts', async () => {
    expect(holder.registerUri).toBe(`${holder.issuer}/cdr-register`);
    expect(holder.registerMtlsUri).toBe(`${holder.mtlsOrigin}/cdr-register`);
    expect(product).toMatchObject({ registerUri: holder.registerUri, registerMtlsUri: holder.registerMtlsUri, caCert: holder.caCert, softwareProductId: 'sp-register-test', brandId: 'brand-register-test' });
    const cert = new X509Certificate(product.clientCertificate.cert);
    expect(cert.subject).toContain('CN=sp-register-test');
    expect(cert.checkIssued(new X509Certificate(holder.caCert))).toBe(true);
    expect((await holder.sandboxCredentials('other')).brandId).toBe('other-brand');
    // The resource APIs answer on the same listener, with their own errors.
    expect((await asProduct(`${holder.mtlsOrigin}/cds-au/v1/banking/accounts`, { headers: { 'x-v': '2' } })).status).toBe(401);
  });
});

describe('the Register\'s public APIs (plain TLS)', () => {
  it('serve its JWKS, which verifies its software statements', async () => {
    const jwks = (await (await anonymous(`${holder.registerUri}/v1/jwks`)).json()) as JSONWebKeySet;
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'PS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('serve Get Data Holder Brands Summary with an entity tag', async () => {
    const res = await anonymous(`${holder.registerUri}/v1/banking/data-holders/brands/summary`, { headers: { 'x-v': '1' } });
    expect([res.status, res.headers.get('x-v')]).toEqual([200, '1']);
    const body = (await res.json()) as { data: Record<string, unknown>[]; links: { self: string }; meta: object };
    expect(body.links.self).toBe(`${holder.registerUri}/v1/banking/data-holders/brands/summary`);
    expect(body.meta).toEqual({});
    expect(body.data).toHaveLength(47);
    expect(body.data[0]).toEqual({
      dataHolderBrandId: 'sandbox-bank', brandName: 'Sandbox Bank', publicBaseUri: `${holder.issuer}/brands/sandbox-bank`,
      logoUri: `${holder.issuer}/brands/sandbox-bank/logo.svg`, industries: ['banking'], lastUpdated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(body.data.map((b) => b.dataHolderBrandId)).toContain('cba');
    const again = await anonymous(`${holder.registerUri}/v1/banking/data-holders/brands/summary`, { headers: { 'x-v': '1', 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('negotiate versions and industries as the Register does', async () => {
    const summary = (headers: Record<string, string>, industry = 'banking') => anonymous(`${holder.registerUri}/v1/${industry}/data-holders/brands/summary`, { headers });
    const error = async (res: Awaited<ReturnType<typeof summary>>) => [res.status, ((await res.json()) as { errors: { code: string }[] }).errors[0]!.code];
    expect(await error(await summary({}))).toEqual([400, 'urn:au-cds:error:cds-all:Header/Missing']);
    expect(await error(await summary({ 'x-v': '5', 'x-min-v': '3' }))).toEqual([406, 'urn:au-cds:error:cds-all:Header/UnsupportedVersion']);
    expect((await summary({ 'x-v': '3', 'x-min-v': '1' })).headers.get('x-v')).toBe('2');
    expect(await error(await summary({ 'x-v': '1' }, 'fishing'))).toEqual([404, 'urn:au-cds:error:cds-register:Field/InvalidIndustry']);
    expect(((await (await summary({ 'x-v': '1' }, 'energy')).json()) as { data: unknown[] }).data).toEqual([]);
  });
});

describe('the Register\'s authenticated APIs (mutual TLS)', () => {
  it('refuse Get Data Holder Brands without a Register-issued client certificate, and on the plain listener', async () => {
    for (const res of [await anonymous(`${holder.registerMtlsUri}/v1/banking/data-holders/brands`, { headers: { 'x-v': '2' } }), await asProduct(`${holder.registerUri}/v1/banking/data-holders/brands`, { headers: { 'x-v': '2' } })]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ errors: [{ code: 'urn:au-cds:error:cds-all:GeneralError/Expected', title: 'Expected Error Encountered', detail: expect.stringContaining('client certificate') }] });
    }
  });

  it('serve Get Data Holder Brands (version 2): every brand on the one sandbox authorisation server, paged', async () => {
    const res = await asProduct(`${holder.registerMtlsUri}/v1/banking/data-holders/brands?page-size=20`, { headers: { 'x-v': '2' } });
    expect([res.status, res.headers.get('x-v')]).toEqual([200, '2']);
    const body = (await res.json()) as { data: Record<string, unknown>[]; links: Record<string, string>; meta: object };
    expect(body.meta).toEqual({ totalRecords: 47, totalPages: 3 });
    expect(body.links.next).toContain('page=2');
    expect(body.data).toHaveLength(20);
    expect(body.data[1]).toEqual({
      dataHolderBrandId: 'sandbox-credit-union', brandName: 'Sandbox Credit Union', industries: ['banking'], logoUri: `${holder.issuer}/brands/sandbox-credit-union/logo.svg`,
      legalEntity: { legalEntityId: 'le-sandbox-credit-union', legalEntityName: 'Sandbox Credit Union', logoUri: `${holder.issuer}/brands/sandbox-credit-union/logo.svg`, status: 'ACTIVE' },
      status: 'ACTIVE',
      endpointDetail: {
        version: '1', publicBaseUri: `${holder.issuer}/brands/sandbox-credit-union`, resourceBaseUri: holder.mtlsOrigin, infosecBaseUri: holder.issuer,
        extensionBaseUri: '', websiteUri: `${holder.issuer}/brands/sandbox-credit-union`,
      },
      authDetails: [{ registerUType: 'SIGNED-JWT', jwksEndpoint: `${holder.issuer}/jwks` }],
      lastUpdated: expect.any(String),
    });
    const late = await asProduct(`${holder.registerMtlsUri}/v1/banking/data-holders/brands?updated-since=2999-01-01T00:00:00Z`, { headers: { 'x-v': '2' } });
    expect(((await late.json()) as { meta: object }).meta).toEqual({ totalRecords: 0, totalPages: 0 });
    expect((await asProduct(`${holder.registerMtlsUri}/v1/banking/data-holders/brands?page=4&page-size=20`, { headers: { 'x-v': '2' } })).status).toBe(422);
    expect((await asProduct(`${holder.registerMtlsUri}/v1/banking/data-holders/brands?updated-since=yesterday`, { headers: { 'x-v': '2' } })).status).toBe(400);
  });

  it('enrol a software product only for its own certificate, validating every field', async () => {
    expect((await enrol(asProduct, 'sp-someone-else', enrolment())).status).toBe(403);
    expect((await enrol(anonymous, 'sp-register-test', enrolment())).status).toBe(401);
    const refused = async (body: unknown) => {
      const res = await enrol(asProduct, 'sp-register-test', body);
      expect(res.status).toBe(400);
      return ((await res.json()) as { errors: { code: string; detail: string }[] }).errors.map((e) => e.detail.split(':')[0]);
    };
    expect(await refused('{not json')).toEqual(['body']);
    expect(await refused({})).toEqual(['brandId', 'brandName', 'legalEntityId', 'legalEntityName', 'redirectUris', 'jwksUri', 'recipientBaseUri', 'scope']);
    expect(await refused(enrolment({ redirectUris: ['https://ok.example/cb', 'http://evil.example/cb', 'https://x.example/#f'] }))).toEqual(['redirectUris.1', 'redirectUris.2']);
    expect(await refused(enrolment({ redirectUris: [] }))).toEqual(['redirectUris']);
    expect(await refused(enrolment({ jwksUri: 'not a url', scope: 'bank:accounts.basic:read', brandId: 'a b', extra: 1 }))).toEqual(['brandId', 'jwksUri', 'scope', 'extra']);
    const wrongType = await asProduct(`${holder.registerMtlsUri}/v1/sandbox/software-products/sp-register-test`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(enrolment()) });
    expect(wrongType.status).toBe(400);

    const loopback = enrolment({ redirectUris: ['http://127.0.0.1:3000/callback'], recipientBaseUri: 'http://localhost:3000/cdr' });
    const res = await enrol(asProduct, 'sp-register-test', loopback);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ softwareProductId: 'sp-register-test', ...loopback });
  });

  it('issue the enrolled product\'s SSA (version 3) as a JSON string, signed by the Register', async () => {
    expect((await asProduct(ssaUrl('brand-register-test', 'sp-someone-else'), { headers: { 'x-v': '3' } })).status).toBe(403);
    const stranger = await holder.sandboxCredentials('sp-never-enrolled');
    const neverEnrolled = await caller(stranger)(ssaUrl('x', 'sp-never-enrolled'), { headers: { 'x-v': '3' } });
    expect([neverEnrolled.status, await neverEnrolled.json()]).toEqual([404, { errors: [{ code: 'urn:au-cds:error:cds-register:Field/InvalidSoftwareProduct', title: 'Invalid Software Product', detail: 'sp-never-enrolled' }] }]);

    expect((await enrol(asProduct, 'sp-register-test', enrolment())).status).toBe(200);
    const wrongBrand = await asProduct(ssaUrl('another-brand', 'sp-register-test'), { headers: { 'x-v': '3' } });
    expect([wrongBrand.status, ((await wrongBrand.json()) as { errors: { code: string }[] }).errors[0]!.code]).toEqual([403, 'urn:au-cds:error:cds-register:Field/InvalidBrand']);

    const res = await asProduct(ssaUrl('brand-register-test', 'sp-register-test'), { headers: { 'x-v': '3' } });
    expect([res.status, res.headers.get('content-type'), res.headers.get('x-v')]).toEqual([200, 'application/json', '3']);
    const ssa = (await res.json()) as string;
    const jwks = (await (await anonymous(`${holder.registerUri}/v1/jwks`)).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(ssa, createLocalJWKSet(jwks), { issuer: 'cdr-register', algorithms: ['PS256'] });
    expect(payload).toMatchObject({
      software_id: 'sp-register-test', software_roles: 'data-recipient-software-product', org_id: 'brand-register-test', org_name: 'Budget Buddy',
      legal_entity_id: 'le-budget-buddy', client_name: 'Budget Buddy', redirect_uris: ['https://recipient.example/callback'], jwks_uri: 'https://recipient.example/jwks',
      recipient_base_uri: 'https://recipient.example/cdr', revocation_uri: 'https://recipient.example/cdr/arrangements/revoke', scope: 'openid bank:accounts.basic:read',
    });
  });

  it('issue SSAs the data holder registers a recipient with', async () => {
    const recipient = await createTestRecipient(holder.register, holder.issuer);
    try {
      const asRecipient = caller({ ...product, clientCertificate: recipient.clientCertificate });
      const base = recipient.recipientBaseUri;
      const enrolled = await enrol(asRecipient, recipient.softwareProductId, enrolment({ redirectUris: [recipient.redirectUri], jwksUri: `${base}/jwks`, recipientBaseUri: base, scope: 'openid bank:accounts.basic:read cdr:registration' }));
      expect(enrolled.status).toBe(200);
      const ssa = (await (await asRecipient(ssaUrl('brand-register-test', recipient.softwareProductId), { headers: { 'x-v': '3' } })).json()) as string;
      const registered = await recipient.mtlsFetch(`${holder.mtlsOrigin}/register`, { method: 'POST', headers: { 'content-type': 'application/jwt' }, body: await recipient.signRegistration(ssa) });
      expect(registered.status).toBe(201);
      expect(await registered.json()).toMatchObject({ software_id: recipient.softwareProductId, org_id: 'brand-register-test', recipient_base_uri: base, redirect_uris: [recipient.redirectUri] });
      expect(decodeJwt(ssa).scope).toBe('openid bank:accounts.basic:read cdr:registration');
    } finally {
      await recipient.close();
    }
  });
});
