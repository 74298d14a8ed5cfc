import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import { createTestApp } from '../testing/test-app.js';
import { syncInstitutionsFromRegister } from './register-sync.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const row = (id: string) => t.db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('institutions from the CDR Register', () => {
  it('records where each brand is: its authorisation server, its resource APIs, its public APIs', async () => {
    const bank = await row('sandbox-bank');
    expect(bank).toMatchObject({ issuer: t.dataHolder.issuer, resource_base_uri: t.dataHolder.mtlsOrigin, public_base_uri: `${t.dataHolder.issuer}/brands/sandbox-bank`, status: 'operational' });
  });

  it('takes each brand’s status from its Get Status, with the holder’s explanation', async () => {
    expect(await row('sandbox-credit-union')).toMatchObject({ status: 'degraded', status_reason: expect.stringMatching(/\S/) });
    expect(await row('sandbox-offline-bank')).toMatchObject({ status: 'down', status_reason: expect.stringMatching(/maintenance/) });
  });

  it('serves the brand’s own logo from the service’s origin, as the holder publishes it', async () => {
    const agent = new Agent({ connect: { ca: t.dataHolder.caCert } });
    const published = await (await undiciFetch(`${t.dataHolder.issuer}/brands/sandbox-bank/logo.svg`, { dispatcher: agent })).text();
    await agent.close();
    const served = await t.app.request('/logos/sandbox-bank.svg');
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(served.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await served.text()).toBe(published);
  });

  it('keeps a brand the Register no longer lists, as unavailable and not connectable', async () => {
    await t.db
      .insertInto('institutions')
      .values({ id: 'gone-bank', name: 'Gone Bank', short_name: 'Gone', country: 'AU', type: 'cdr', tier: 3, sandbox: 0, brand_color: '#123456', status: 'operational', status_reason: null, status_since: '2026-01-01T00:00:00.000Z', issuer: t.dataHolder.issuer, resource_base_uri: t.dataHolder.mtlsOrigin, public_base_uri: null, logo_uri: null, logo: null, logo_type: null })
      .execute();
    await syncInstitutionsFromRegister({ db: t.db, clock: t.clock, log: silentLogger, recipient: t.recipient });
    expect(await row('gone-bank')).toMatchObject({ issuer: null, resource_base_uri: null, status: 'down', status_reason: 'No longer listed by the CDR Register.' });
    expect((await row('sandbox-bank')).issuer).toBe(t.dataHolder.issuer);
  });
});
