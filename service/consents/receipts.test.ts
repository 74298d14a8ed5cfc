import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../schema/index.js';
import { publishDraft, upsertDraft } from '../configs/configs.repository.js';
import { authoriseAtBank, grant } from '../testing/connect-flow.js';
import { addPartner } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { formatConsentDate, zoneName, zoneOf } from './consent-dates.js';
import { renewTerms, termsFromConfig, type ConsentTerms } from './consent-terms.js';
import { buildReceipt } from './consent-view.js';
import type { ConsentEvent, ConsentRecord } from './consents.repository.js';
import { receiptPage } from './receipts.routes.js';

// 14:00 UTC on 25 November: already the 26th in Sydney (UTC+11), still the 25th in Perth (UTC+8) and UTC.
const NEAR_MIDNIGHT = '2026-11-25T14:00:00.000Z';
const POLICY_URL = 'https://acme.example/cdr-policy';

/** What a consumer must never read on the receipt: internal names, rule citations, the tables' markers. */
const INTERNAL = [/data-deleted/, /data-deidentified/, /deidentify\b/, /\bRule \d/, /†/, />\s*(granted|revoked|amended|expired|active)\b/];

describe('one date helper, one zone per consent', () => {
  it('names a different day in Sydney, Perth and UTC for the same instant, and a stable zone name', () => {
    expect(formatConsentDate(NEAR_MIDNIGHT, 'Australia/Sydney')).toBe('26 November 2026');
    expect(formatConsentDate(NEAR_MIDNIGHT, 'Australia/Perth')).toBe('25 November 2026');
    expect(formatConsentDate(NEAR_MIDNIGHT, 'UTC')).toBe('25 November 2026');
    expect(zoneName('Australia/Sydney')).toBe('Australian Eastern Time');
    expect(zoneName('Australia/Perth')).toBe('Australian Western Standard Time');
  });

  it('keeps the zone and the CDR policy in the terms at grant; older records read as Sydney; an amendment keeps the zone', () => {
    const config = parseConfig({ consent: { timeZone: 'Australia/Perth', cdrPolicyUrl: POLICY_URL } });
    const terms = termsFromConfig({ config, configVersion: 1, chosenClusters: [], accountIds: ['a1'], now: new Date(NEAR_MIDNIGHT) });
    expect(terms).toMatchObject({ timeZone: 'Australia/Perth', cdrPolicyUrl: POLICY_URL });
    expect(termsFromConfig({ config: parseConfig({}), configVersion: 1, chosenClusters: [], accountIds: ['a1'], now: new Date() })).not.toHaveProperty('cdrPolicyUrl');
    const { timeZone: _zone, cdrPolicyUrl: _url, ...older } = terms;
    expect(zoneOf(older as ConsentTerms)).toBe('Australia/Sydney');
    const sydneyConfig = parseConfig({ consent: { timeZone: 'Australia/Sydney' } });
    const next = termsFromConfig({ config: sydneyConfig, configVersion: 2, chosenClusters: [], accountIds: ['a1'], now: new Date() });
    expect(renewTerms(terms, next).timeZone).toBe('Australia/Perth');
    expect(renewTerms(older as ConsentTerms, termsFromConfig({ config, configVersion: 2, chosenClusters: [], accountIds: ['a1'], now: new Date() })).timeZone).toBe('Australia/Sydney');
  });
});

describe('the receipt page (Rule 4.18)', () => {
  const terms = termsFromConfig({
    config: parseConfig({ consent: { timeZone: 'Australia/Perth', cdrPolicyUrl: POLICY_URL, onRevocation: 'deidentify', permissions: [{ cluster: 'bank:payees:read' }, { cluster: 'common:customer.basic:read' }] } }),
    configVersion: 1,
    chosenClusters: [],
    accountIds: ['a1'],
    now: new Date(NEAR_MIDNIGHT),
  });
  const record = (t: ConsentTerms, status: ConsentRecord['status'] = 'revoked'): ConsentRecord => ({
    id: 'c1', appId: 'app', userId: 'u1', institutionId: 'sandbox-bank', customerLogin: 'jsmith', receiptId: 'rcpt_x',
    createdAt: NEAR_MIDNIGHT, status, terms: t, warnedAt: null, dataHandled: 'deidentify', arrangementId: null, issuer: null,
  });
  const events: ConsentEvent[] = (['granted', 'amended', 'warned', 'revoked', 'data-deidentified', 'data-deleted', 'expired'] as const).map((type, i) => ({
    id: `e${i}`, type, at: NEAR_MIDNIGHT, actor: 'user', payload: {},
  }));
  const render = async (t: ConsentTerms, status?: ConsentRecord['status']) =>
    String(await receiptPage(buildReceipt(record(t, status), { institutionName: 'Sandbox Bank', base: 'http://localhost', now: new Date(NEAR_MIDNIGHT), events, manageUrl: null, brandName: 'Acme Money' })));

  it('states every date in the consent’s zone, names the zone once, and links the CDR policy', async () => {
    const page = await render(terms);
    expect(page).toContain('From 25 November 2026 until 25 November 2027 (Australian Western Standard Time)');
    expect(page).not.toContain('26 November');
    expect(page.match(/Australian Western Standard Time/g)).toHaveLength(1);
    expect(page).toMatch(new RegExp(`<a href="${POLICY_URL}" target="_blank" rel="noopener noreferrer">Read Acme Money’s CDR policy</a>`));
  });

  it('reads an older record (no zone, no policy) in Sydney time, without a policy link', async () => {
    const { timeZone: _zone, cdrPolicyUrl: _url, ...older } = terms;
    const page = await render(older as ConsentTerms);
    expect(page).toContain('From 26 November 2026 until 26 November 2027 (Australian Eastern Time)');
    expect(page).not.toContain('CDR policy');
  });

  it('shows no internal value, rule citation or table marker: status and history in plain words', async () => {
    const page = await render(terms);
    for (const pattern of INTERNAL) expect(page).not.toMatch(pattern);
    expect(page).toContain('Status: <strong>Stopped</strong>');
    for (const line of ['You gave your consent', 'Your consent was changed', 'Sharing was stopped', 'Your shared data was de-identified', 'Your shared data was deleted', 'Sharing ended: the consent expired']) {
      expect(page).toContain(`${line} on 25 November 2026`);
    }
    expect(page).toContain('<li>Names and details of accounts you have saved (e.g. their BSB and Account Number, BPAY CRN and Biller code, or NPP PayID)</li>');
    expect(page).not.toMatch(/;<\/li>/);
    expect(await render(terms, 'active')).toContain('Status: <strong>Active</strong>');
  });
});

describe('through the service: the bank’s confirmation and the receipt state the same term', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('Perth zone: the bank’s confirm page names the year the config asks for, and the receipt says 25 November in Perth', async () => {
    const partner = await addPartner(t);
    await upsertDraft(t.db, partner.appId, parseConfig({ consent: { timeZone: 'Australia/Perth', cdrPolicyUrl: POLICY_URL } }), t.clock.now().toISOString(), 'test');
    await publishDraft(t.db, partner.appId, t.clock.now().toISOString(), 'test');
    t.configCache.invalidate(partner.appId);
    t.clock.set(NEAR_MIDNIGHT);

    // The data holder's pages are another party's, on its own clock and in its own zone (Sydney): its
    // confirmation states the sharing duration the service asked for, a year from when it is shown.
    const yearFrom = (at: number) => new Date(at + 365 * 86_400_000).toLocaleDateString('en-AU', { dateStyle: 'long', timeZone: 'Australia/Sydney' });
    const before = Date.now();
    const flow = await authoriseAtBank(t, partner, { accounts: ['jsmith-everyday'] });
    const confirm = flow.bankPages.find((p) => p.step === 'confirm')!.html;
    expect([yearFrom(before), yearFrom(Date.now())].some((day) => confirm.includes(`Until ${day}.`))).toBe(true);
    expect(confirm).toContain('Everyday Account');
    const granted = await grant(t, flow);
    expect(granted.status, await granted.clone().text()).toBe(201);
    const { receiptUrl } = (await granted.json()) as { receiptUrl: string };

    const page = await (await t.app.request(new URL(receiptUrl).pathname)).text();
    expect(page).toContain('From 25 November 2026 until 25 November 2027 (Australian Western Standard Time)');
    expect(page).toContain(`href="${POLICY_URL}"`);
    for (const pattern of INTERNAL) expect(page).not.toMatch(pattern);
    const json = (await (await t.app.request(new URL(receiptUrl).pathname, { headers: { accept: 'application/json' } })).json()) as { consent: { timeZone: string }; recipient: { cdrPolicyUrl: string } };
    expect(json.consent.timeZone).toBe('Australia/Perth');
    expect(json.recipient.cdrPolicyUrl).toBe(POLICY_URL);
  });
});
