import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConsentById } from '../consents/consents.repository.js';
import { authoriseAtBank, grant } from '../testing/connect-flow.js';
import { addPartner } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { expireAccessToken } from './arrangement-tokens.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Counts refresh-token grants the holder honours for this test app's client. */
function watchRefreshes() {
  let count = 0;
  const listener = (ctx: { oidc?: { params?: { grant_type?: unknown } } }) => {
    if (ctx.oidc?.params?.grant_type === 'refresh_token') count += 1;
  };
  t.dataHolder.server.provider.on('grant.success', listener);
  return { get count() { return count; }, stop: () => void t.dataHolder.server.provider.off('grant.success', listener) };
}

describe('a consent’s tokens at its data holder', () => {
  it('are refreshed once a lapsed access token is needed, once however many calls need it at the same moment', async () => {
    const partner = await addPartner(t);
    const { consentId } = (await (await grant(t, await authoriseAtBank(t, partner))).json()) as { consentId: string };
    const consent = (await findConsentById(t.db, consentId))!;
    const institution = await t.db.selectFrom('institutions').select('resource_base_uri').where('id', '=', consent.institutionId).executeTakeFirstOrThrow();
    const before = await t.db.selectFrom('arrangement_tokens').selectAll().where('consent_id', '=', consentId).executeTakeFirstOrThrow();

    await expireAccessToken(t.db, consentId);
    const refreshes = watchRefreshes();
    const api = await t.recipient.cds({ id: consentId, issuer: consent.issuer!, resourceBaseUri: institution.resource_base_uri!, authTime: new Date() });
    const lists = await Promise.all([api.accounts(), api.accounts(), api.accounts()]);
    refreshes.stop();

    for (const accounts of lists) expect(accounts.map((a) => a.accountId).sort()).toEqual([...consent.terms.accountIds].sort());
    expect(refreshes.count, 'refresh grants at the holder').toBe(1);
    const after = await t.db.selectFrom('arrangement_tokens').selectAll().where('consent_id', '=', consentId).executeTakeFirstOrThrow();
    expect(after.version).toBe(before.version + 1);
    expect(Date.parse(after.access_expires_at)).toBeGreaterThan(Date.now() + 60_000);
    expect(after.access_token).not.toBe(before.access_token);
  });

  it('are kept no longer once the consent ends', async () => {
    const partner = await addPartner(t);
    const { consentId } = (await (await grant(t, await authoriseAtBank(t, partner))).json()) as { consentId: string };
    expect(await t.db.selectFrom('arrangement_tokens').select('consent_id').where('consent_id', '=', consentId).executeTakeFirst()).toBeDefined();
    expect((await partner.call(`/v1/consents/${consentId}`, { method: 'DELETE' })).status).toBe(200);
    expect(await t.db.selectFrom('arrangement_tokens').select('consent_id').where('consent_id', '=', consentId).executeTakeFirst()).toBeUndefined();
  });
});
