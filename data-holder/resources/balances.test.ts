import { describe, expect, it } from 'vitest';
import { buildApi, getJson, headers } from './test-support.js';

const ACCOUNTS = 'http://holder.test/cds-au/v1/banking/accounts';

describe('Get Bulk Balances and Get Account Balance', () => {
  const app = buildApi();

  it('lists the balances of the arrangement’s accounts, paged like Get Accounts', async () => {
    const { status, headers: h, body } = await getJson(app, `${ACCOUNTS}/balances?page-size=2`, headers('jsmith-token', '2'));
    expect(status).toBe(200);
    expect(h.get('x-v')).toBe('2');
    expect(body.data.balances.map((b: { accountId: string }) => b.accountId)).toEqual(['jsmith-everyday', 'jsmith-savings']);
    expect(body.meta).toEqual({ totalRecords: 3, totalPages: 2 });
    expect(body.links.next).toBe(`${ACCOUNTS}/balances?page-size=2&page=2`);
    const cards = await getJson(app, `${ACCOUNTS}/balances?product-category=CRED_AND_CHRG_CARDS`, headers('jsmith-token', '1'));
    expect(cards.body.data.balances).toHaveLength(1);
  });

  it('gives a card’s balance as owed, its limit, and the unused limit (never below zero) as available', async () => {
    const { status, body } = await getJson(app, `${ACCOUNTS}/jsmith-card/balance`, headers('jsmith-token', '1'));
    expect(status).toBe(200);
    const { currentBalance, availableBalance, creditLimit, currency } = body.data;
    expect(currentBalance).toMatch(/^-?\d+\.\d{2}$/);
    expect(creditLimit).toBe('8000.00');
    expect(currency).toBe('AUD');
    expect(Number(availableBalance)).toBeCloseTo(Math.max(8000 + Number(currentBalance), 0), 2);
    expect(body.links).toEqual({ self: `${ACCOUNTS}/jsmith-card/balance` });
  });

  it('answers Invalid and Unavailable Banking Account like the other account endpoints', async () => {
    const outside = await getJson(app, `${ACCOUNTS}/jsmith-home-loan/balance`, headers('jsmith-token', '1'));
    expect(outside.status).toBe(404);
    expect(outside.body.errors[0].code).toBe('urn:au-cds:error:cds-banking:Authorisation/InvalidBankingAccount');
    const joint = await getJson(app, `${ACCOUNTS}/jwilson-joint/balance`, headers('jwilson-token', '1'));
    expect(joint.body.errors[0].code).toBe('urn:au-cds:error:cds-banking:Authorisation/UnavailableBankingAccount');
  });

  it('serves the DSB data set’s balances as derived', async () => {
    const { body } = await getJson(app, `${ACCOUNTS}/9f812da9-de61-406c-bd67-33994afc2dc6/balance`, headers('janedoe-token', '1'));
    expect(body.data).toMatchObject({ accountId: '9f812da9-de61-406c-bd67-33994afc2dc6', currentBalance: '-36991.05', availableBalance: '13008.95' });
  });
});
