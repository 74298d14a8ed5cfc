import { describe, expect, it } from 'vitest';
import { buildApi, getJson, headers, NOW } from './test-support.js';

const EVERYDAY = 'http://holder.test/cds-au/v1/banking/accounts/jsmith-everyday/transactions';
const DAY_MS = 86_400_000;
type Tx = { postingDateTime: string; amount: string; description: string; accountId: string };

describe('Get Transactions For Account', () => {
  const app = buildApi();

  it('defaults to the 90 days up to now, newest first, in the CDS shape', async () => {
    const { status, headers: h, body } = await getJson(app, `${EVERYDAY}?page-size=1000`, headers('jsmith-token', '2'));
    expect(status).toBe(200);
    expect(h.get('x-v')).toBe('2');
    const list: Tx[] = body.data.transactions;
    const oldest = new Date(NOW.getTime() - 90 * DAY_MS).toISOString();
    expect(list.length).toBeGreaterThan(60);
    expect(list.every((t) => t.postingDateTime >= oldest && t.postingDateTime <= NOW.toISOString())).toBe(true);
    expect([...list].sort((a, b) => b.postingDateTime.localeCompare(a.postingDateTime))).toEqual(list);
    expect(list[0]).toMatchObject({ accountId: 'jsmith-everyday', isDetailAvailable: false, status: 'POSTED', currency: 'AUD', reference: '' });
    expect(list[0]).not.toHaveProperty('category');
    expect(body.meta.totalRecords).toBe(list.length);
  });

  it('honours oldest-time and newest-time, and pages through the result', async () => {
    const range = 'oldest-time=2026-10-01T00:00:00Z&newest-time=2026-10-31T23:59:59Z';
    const all = await getJson(app, `${EVERYDAY}?${range}&page-size=1000`, headers('jsmith-token', '2'));
    const list: Tx[] = all.body.data.transactions;
    expect(list.every((t) => t.postingDateTime.startsWith('2026-10'))).toBe(true);
    expect(list.filter((t) => t.description === 'TELSTRA DIRECT DEBIT')).toHaveLength(1);

    const second = await getJson(app, `${EVERYDAY}?${range}&page=2&page-size=10`, headers('jsmith-token', '2'));
    expect(second.body.data.transactions).toEqual(list.slice(10, 20));
    expect(second.body.meta).toEqual({ totalRecords: list.length, totalPages: Math.ceil(list.length / 10) });
    // Links keep the filters (URLSearchParams percent-encodes the colons: the same values).
    const query = (link: string) => Object.fromEntries(new URL(link).searchParams);
    expect(query(second.body.links.next)).toEqual({ 'oldest-time': '2026-10-01T00:00:00Z', 'newest-time': '2026-10-31T23:59:59Z', page: '3', 'page-size': '10' });
    expect(query(second.body.links.first)).toMatchObject({ page: '1', 'oldest-time': '2026-10-01T00:00:00Z' });
  });

  it('never shows the future, even when newest-time asks for it', async () => {
    const { body } = await getJson(app, `${EVERYDAY}?newest-time=2027-06-01T00:00:00Z&oldest-time=2026-11-20T00:00:00Z`, headers('jsmith-token', '2'));
    expect(body.data.transactions.every((t: Tx) => t.postingDateTime <= NOW.toISOString())).toBe(true);
  });

  it('filters by min-amount, max-amount and text', async () => {
    const debits = await getJson(app, `${EVERYDAY}?max-amount=-100&min-amount=-200&page-size=1000`, headers('jsmith-token', '2'));
    expect(debits.body.data.transactions.length).toBeGreaterThan(0);
    expect(debits.body.data.transactions.every((t: Tx) => Number(t.amount) <= -100 && Number(t.amount) >= -200)).toBe(true);
    const salary = await getJson(app, `${EVERYDAY}?text=northbridge&page-size=1000`, headers('jsmith-token', '2'));
    expect(salary.body.data.transactions.length).toBeGreaterThanOrEqual(6);
    expect(salary.body.data.transactions.every((t: Tx) => t.description.includes('NORTHBRIDGE'))).toBe(true);
  });

  it('refuses malformed filters (Invalid Field) and an inverted range (Invalid Date)', async () => {
    const notDate = await getJson(app, `${EVERYDAY}?oldest-time=yesterday`, headers('jsmith-token', '2'));
    expect(notDate.status).toBe(400);
    expect(notDate.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Field/Invalid', detail: 'oldest-time' });
    const noOffset = await getJson(app, `${EVERYDAY}?newest-time=2026-10-01T00:00:00`, headers('jsmith-token', '2'));
    expect(noOffset.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Field/Invalid', detail: 'newest-time' });
    const inverted = await getJson(app, `${EVERYDAY}?oldest-time=2026-11-01T00:00:00Z&newest-time=2026-10-01T00:00:00Z`, headers('jsmith-token', '2'));
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors[0].code).toBe('urn:au-cds:error:cds-all:Field/InvalidDateTime');
    const amount = await getJson(app, `${EVERYDAY}?min-amount=$5`, headers('jsmith-token', '2'));
    expect(amount.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Field/Invalid', detail: 'min-amount' });
  });

  it('answers Invalid Banking Account for an account outside the arrangement', async () => {
    const { status, body } = await getJson(app, 'http://holder.test/cds-au/v1/banking/accounts/jsmith-home-loan/transactions', headers('jsmith-token', '2'));
    expect(status).toBe(404);
    expect(body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-banking:Authorisation/InvalidBankingAccount', detail: 'jsmith-home-loan' });
  });

  it('serves v1 as well, and the DSB data set’s fixed history when asked for its dates', async () => {
    const v1 = await getJson(app, `${EVERYDAY}?page-size=1`, headers('jsmith-token', '1'));
    expect(v1.headers.get('x-v')).toBe('1');
    const dsb = await getJson(app, 'http://holder.test/cds-au/v1/banking/accounts/9f812da9-de61-406c-bd67-33994afc2dc6/transactions?oldest-time=2020-01-01T00:00:00Z', headers('janedoe-token', '2'));
    expect(dsb.body.meta.totalRecords).toBe(10);
    expect(dsb.body.data.transactions[0]).not.toHaveProperty('extendedData');
  });
});
