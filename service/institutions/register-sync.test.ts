import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// Where each brand is, its status and a brand the Register drops: institutions.test.ts.
describe('brand logos from the CDR Register', () => {
  it('serves the brand’s own logo from the service’s origin, as the holder publishes it', async () => {
    const agent = new Agent({ connect: { ca: t.dataHolder.caCert } });
    const published = await (await undiciFetch(`${t.dataHolder.issuer}/brands/sandbox-bank/logo.svg`, { dispatcher: agent })).text();
    await agent.close();
    const served = await t.app.request('/logos/sandbox-bank.svg');
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(served.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await served.text()).toBe(published);
  });
});
