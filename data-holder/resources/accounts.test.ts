import { describe, expect, it } from 'vitest';
import { buildApi, getJson, headers } from './test-support.js';

const ACCOUNTS = 'http://holder.test/cds-au/v1/banking/accounts';

describe('Get Accounts', () => {
  const app = buildApi();

  it('lists only the accounts the arrangement covers, in the CDS envelope', async () => {
    const { status, headers: h, body } = await getJson(app, ACCOUNTS, headers('jsmith-token', '3'));
    expect(status).toBe(200);
    expect(h.get('x-v')).toBe('3');
    expect(body.data.accounts.map((a: { accountId: string }) => a.accountId)).toEqual(['jsmith-everyday', 'jsmith-savings', 'jsmith-card']);
    expect(body.data.accounts[0]).toEqual({
      accountId: 'jsmith-everyday', creationDate: '2019-03-14', displayName: 'Everyday Account', openStatus: 'OPEN', isOwned: true,
      accountOwnership: 'ONE_PARTY', maskedNumber: 'xxx-xxx xxxx5678', productCategory: 'TRANS_AND_SAVINGS_ACCOUNTS',
      productName: 'Everyday Transaction Account', isInstalmentDetailAvailable: false,
    });
    expect(body.data.accounts[2].maskedNumber).toBe('xxxx xxxx xxxx 3210');
    expect(body.links).toEqual({ self: ACCOUNTS });
    expect(body.meta).toEqual({ totalRecords: 3, totalPages: 1 });
  });

  it('serves v2 without the v3 instalment flag', async () => {
    const { headers: h, body } = await getJson(app, ACCOUNTS, headers('jsmith-token', '2'));
    expect(h.get('x-v')).toBe('2');
    expect(body.data.accounts[0]).not.toHaveProperty('isInstalmentDetailAvailable');
  });

  it('pages with first/prev/next/last links that keep the other query parameters', async () => {
    const url = `${ACCOUNTS}?open-status=OPEN&page=2&page-size=1`;
    const { body } = await getJson(app, url, headers('jsmith-token', '3'));
    expect(body.data.accounts.map((a: { accountId: string }) => a.accountId)).toEqual(['jsmith-savings']);
    expect(body.meta).toEqual({ totalRecords: 3, totalPages: 3 });
    expect(body.links).toEqual({
      self: url,
      first: `${ACCOUNTS}?open-status=OPEN&page=1&page-size=1`,
      prev: `${ACCOUNTS}?open-status=OPEN&page=1&page-size=1`,
      next: `${ACCOUNTS}?open-status=OPEN&page=3&page-size=1`,
      last: `${ACCOUNTS}?open-status=OPEN&page=3&page-size=1`,
    });
    const first = await getJson(app, `${ACCOUNTS}?page-size=2`, headers('jsmith-token', '3'));
    expect(Object.keys(first.body.links).sort()).toEqual(['last', 'next', 'self']);
    const last = await getJson(app, `${ACCOUNTS}?page=2&page-size=2`, headers('jsmith-token', '3'));
    expect(Object.keys(last.body.links).sort()).toEqual(['first', 'prev', 'self']);
  });

  it('refuses bad paging: Invalid Field, Invalid Page Size (over 1000), Invalid Page (out of range)', async () => {
    const notInteger = await getJson(app, `${ACCOUNTS}?page=0`, headers('jsmith-token', '3'));
    expect(notInteger.status).toBe(400);
    expect(notInteger.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Field/Invalid', detail: 'page' });
    const tooBig = await getJson(app, `${ACCOUNTS}?page-size=1001`, headers('jsmith-token', '3'));
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors[0].code).toBe('urn:au-cds:error:cds-all:Field/InvalidPageSize');
    const outOfRange = await getJson(app, `${ACCOUNTS}?page=4&page-size=1`, headers('jsmith-token', '3'));
    expect(outOfRange.status).toBe(422);
    expect(outOfRange.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Field/InvalidPage', detail: '3' });
  });

  it('filters by product-category, open-status and is-owned, refusing unknown values', async () => {
    const cards = await getJson(app, `${ACCOUNTS}?product-category=CRED_AND_CHRG_CARDS`, headers('jsmith-token', '3'));
    expect(cards.body.data.accounts.map((a: { accountId: string }) => a.accountId)).toEqual(['jsmith-card']);
    const closed = await getJson(app, `${ACCOUNTS}?open-status=CLOSED`, headers('jsmith-token', '3'));
    expect(closed.body).toMatchObject({ data: { accounts: [] }, meta: { totalRecords: 0, totalPages: 0 } });
    const notOwned = await getJson(app, `${ACCOUNTS}?is-owned=false`, headers('jsmith-token', '3'));
    expect(notOwned.body.data.accounts).toEqual([]);
    const bad = await getJson(app, `${ACCOUNTS}?is-owned=2007-05-01`, headers('jsmith-token', '3'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Field/Invalid', detail: 'is-owned' });
  });

  it('leaves out a shared account that cannot be shared now (joint account without approval)', async () => {
    const { body } = await getJson(app, ACCOUNTS, headers('jwilson-token', '3'));
    expect(body.data.accounts.map((a: { accountId: string }) => a.accountId)).toEqual(['jwilson-everyday']);
  });
});

describe('Get Account Detail', () => {
  const app = buildApi();

  it('gives the account numbers, rates and card details (v5)', async () => {
    const { status, headers: h, body } = await getJson(app, `${ACCOUNTS}/jsmith-card`, headers('jsmith-token', '5'));
    expect(status).toBe(200);
    expect(h.get('x-v')).toBe('5');
    expect(body.data).toMatchObject({ accountId: 'jsmith-card', bsb: '062000', accountNumber: '45643210', lendingRate: '0.1299', specificAccountUType: 'creditCard', isInstalmentDetailAvailable: false });
    expect(body.data.creditCard).toMatchObject({ paymentDueDate: '2026-12-15', paymentCurrency: 'AUD' });
    expect(body.data.creditCard.paymentDueAmount).toMatch(/^\d+\.\d{2}$/);
    expect(body.links).toEqual({ self: `${ACCOUNTS}/jsmith-card` });
    const savings = await getJson(app, `${ACCOUNTS}/jsmith-savings`, headers('jsmith-token', '5'));
    expect(savings.body.data.depositRate).toBe('0.0475');
  });

  it('serves v4 without the instalment fields', async () => {
    const { headers: h, body } = await getJson(app, `${ACCOUNTS}/jsmith-card`, headers('jsmith-token', '4'));
    expect(h.get('x-v')).toBe('4');
    expect(body.data).not.toHaveProperty('isInstalmentDetailAvailable');
  });

  it('answers Invalid Banking Account for an account outside the arrangement, even the same customer’s', async () => {
    for (const id of ['jsmith-home-loan', 'jwilson-everyday', 'no-such-account']) {
      const { status, body } = await getJson(app, `${ACCOUNTS}/${id}`, headers('jsmith-token', '5'));
      expect(status, id).toBe(404);
      expect(body.errors[0]).toEqual({ code: 'urn:au-cds:error:cds-banking:Authorisation/InvalidBankingAccount', title: 'Invalid Banking Account', detail: id });
    }
  });

  it('answers Unavailable Banking Account for a shared joint account awaiting the other holder', async () => {
    const { status, body } = await getJson(app, `${ACCOUNTS}/jwilson-joint`, headers('jwilson-token', '5'));
    expect(status).toBe(404);
    expect(body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-banking:Authorisation/UnavailableBankingAccount', detail: 'jwilson-joint' });
  });

  it('serves a DSB data set customer’s account in the same shape', async () => {
    const { status, body } = await getJson(app, `${ACCOUNTS}/9f812da9-de61-406c-bd67-33994afc2dc6`, headers('janedoe-token', '5'));
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ productCategory: 'TERM_DEPOSITS', bsb: '534062', accountNumber: '13067798', accountOwnership: 'ONE_PARTY' });
  });
});
