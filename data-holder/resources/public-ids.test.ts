import { describe, expect, it } from 'vitest';
import { createSandboxHolderData } from '../data/holder-data.js';
import type { Access } from './access.js';
import { publicIdsFor } from './public-ids.js';
import { createResourceApi } from './resource-api.js';
import { getJson, headers, NOW } from './test-support.js';

const SECRET = 'test-id-secret';
const base: Access = { customerId: 'jsmith', accountIds: ['jsmith-everyday', 'jsmith-card'], scopes: ['bank:accounts.basic:read', 'bank:accounts.detail:read', 'bank:transactions:read'], arrangementId: 'arr-1', softwareProductId: 'product-a' };

describe('public ids (ID Permanence)', () => {
  it('are stable across arrangements of one product, differ between products, and map back', () => {
    const a = publicIdsFor(base, SECRET);
    const again = publicIdsFor({ ...base, arrangementId: 'arr-2' }, SECRET);
    const other = publicIdsFor({ ...base, softwareProductId: 'product-b' }, SECRET);
    expect(a.account('jsmith-everyday')).toBe(again.account('jsmith-everyday'));
    expect(a.account('jsmith-everyday')).not.toBe(other.account('jsmith-everyday'));
    expect(a.account('jsmith-everyday')).not.toContain('jsmith');
    expect(a.holderAccount(a.account('jsmith-card'))).toBe('jsmith-card');
    expect(a.holderAccount('jsmith-card')).toBeUndefined();
    expect(a.holderAccount(a.account('jsmith-savings'))).toBeUndefined();
  });

  it('pass the holder ids through without a software product or a secret', () => {
    const { softwareProductId: _p, ...noProduct } = base;
    expect(publicIdsFor(noProduct, SECRET).account('jsmith-card')).toBe('jsmith-card');
    expect(publicIdsFor(base, undefined).holderAccount('jsmith-card')).toBe('jsmith-card');
  });

  it('over HTTP: lists, details and transactions speak only the product’s ids', async () => {
    const app = createResourceApi({ verifyAccess: async () => base, data: createSandboxHolderData(), clock: () => NOW, idSecret: SECRET });
    const ids = publicIdsFor(base, SECRET);
    const list = await getJson(app, '/cds-au/v1/banking/accounts', headers('t', '3'));
    expect(list.body.data.accounts.map((a: { accountId: string }) => a.accountId)).toEqual([ids.account('jsmith-everyday'), ids.account('jsmith-card')]);
    const detail = await getJson(app, `/cds-au/v1/banking/accounts/${ids.account('jsmith-card')}`, headers('t', '5'));
    expect(detail.body.data).toMatchObject({ accountId: ids.account('jsmith-card'), accountNumber: '45643210' });
    const byHolderId = await getJson(app, '/cds-au/v1/banking/accounts/jsmith-card', headers('t', '5'));
    expect(byHolderId.body.errors[0].code).toBe('urn:au-cds:error:cds-banking:Authorisation/InvalidBankingAccount');
    const transactions = await getJson(app, `/cds-au/v1/banking/accounts/${ids.account('jsmith-everyday')}/transactions?page-size=1`, headers('t', '2'));
    expect(transactions.body.data.transactions[0].accountId).toBe(ids.account('jsmith-everyday'));
    expect(transactions.body.data.transactions[0].transactionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const balance = await getJson(app, `/cds-au/v1/banking/accounts/${ids.account('jsmith-card')}/balance`, headers('t', '1'));
    expect(balance.body.data.accountId).toBe(ids.account('jsmith-card'));
  });
});
