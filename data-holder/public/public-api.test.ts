import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxDataHolder, type SandboxDataHolder } from '../sandbox.js';
import { foregroundFor, monogramLetters } from './monogram.js';

let holder: SandboxDataHolder;
let agent: Agent;
const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers, dispatcher: agent });

beforeAll(async () => {
  holder = await startSandboxDataHolder();
  agent = new Agent({ connect: { ca: holder.caCert } });
});
afterAll(async () => {
  await agent?.close();
  await holder?.close();
});

/** What the Register publishes for a brand. */
async function summary(brandId: string) {
  const res = await get(`${holder.registerUri}/v1/banking/data-holders/brands/summary`, { 'x-v': '1' });
  const { data } = (await res.json()) as { data: { dataHolderBrandId: string; publicBaseUri: string; logoUri: string }[] };
  return data.find((b) => b.dataHolderBrandId === brandId)!;
}

describe('brand logos', () => {
  it('are SVG monograms at the Register\'s logoUri, inert and loadable from other origins', async () => {
    const res = await get((await summary('cba')).logoUri);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>Commonwealth Bank</title>');
    expect(svg).toContain('>CB</text>');
    expect((await get((await summary('cba')).logoUri, { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
    expect((await get(`${holder.issuer}/brands/no-such-bank/logo.svg`)).status).toBe(404);
  });

  it('take letters and a contrasting colour from the catalogue', () => {
    expect(['CommBank', 'ANZ', 'St.George', "People's Choice", 'Sandbox CU'].map(monogramLetters)).toEqual(['CB', 'ANZ', 'SG', 'PC', 'SC']);
    expect([foregroundFor('#FFCC00'), foregroundFor('#004165')]).toEqual(['#130F26', '#FFFFFF']);
  });
});

describe('Get Status (CDS Common, version 1) under each brand\'s publicBaseUri', () => {
  const status = async (brandId: string, headers: Record<string, string> = { 'x-v': '1' }) => {
    const res = await get(`${(await summary(brandId)).publicBaseUri}/cds-au/v1/discovery/status`, headers);
    return { res, body: (await res.json()) as { data: Record<string, string>; links: { self: string }; meta: object } };
  };

  it('is OK for most brands, and answers the seeded outages with their explanation', async () => {
    const ok = await status('sandbox-bank');
    expect([ok.res.status, ok.res.headers.get('x-v')]).toEqual([200, '1']);
    expect(ok.body).toEqual({ data: { status: 'OK', updateTime: expect.stringMatching(/Z$/) }, links: { self: `${holder.issuer}/brands/sandbox-bank/cds-au/v1/discovery/status` }, meta: {} });
    expect((await status('westpac')).body.data.status).toBe('OK');

    expect((await status('sandbox-credit-union')).body.data).toEqual({
      status: 'PARTIAL_FAILURE', explanation: 'Connections are slower than usual: the data holder is answering slowly.', detectionTime: expect.any(String), updateTime: expect.any(String),
    });
    const offline = (await status('sandbox-offline-bank')).body.data;
    expect(offline).toEqual({ status: 'SCHEDULED_OUTAGE', explanation: 'The data holder is unavailable for scheduled maintenance.', expectedResolutionTime: expect.any(String), updateTime: expect.any(String) });
    expect(Date.parse(offline.expectedResolutionTime!)).toBeGreaterThan(Date.now());
  });

  it('needs x-v, knows only the Register\'s brands, and is not served on the mutual-TLS listener', async () => {
    const missing = await status('sandbox-bank', {});
    expect([missing.res.status, (missing.body as unknown as { errors: { code: string }[] }).errors[0]!.code]).toEqual([400, 'urn:au-cds:error:cds-all:Header/Missing']);
    const unknown = await get(`${holder.issuer}/brands/no-such-bank/cds-au/v1/discovery/status`, { 'x-v': '1' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get(`${holder.mtlsOrigin}/brands/sandbox-bank/cds-au/v1/discovery/status`, { 'x-v': '1' })).status).toBe(404);
  });
});
