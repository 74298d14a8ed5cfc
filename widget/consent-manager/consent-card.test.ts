import { expect, fixture } from '@open-wc/testing';
import { html, nothing, render } from 'lit';
import type { ConsentView } from '../../schema/api/consent.js';
import { consentCard } from './consent-card.js';
import { managerMessages } from './manager-messages.js';

// 14:00 UTC: already the next day in Sydney (UTC+11 in summer), still the same day in Perth and UTC.
const AT = '2026-12-03T14:00:00.000Z';
const consent = (overrides: Partial<ConsentView>): ConsentView => ({
  id: 'cns_1', userId: 'u1', institutionId: 'sandbox-bank', institutionName: 'Sandbox Bank', status: 'active', expiringSoon: false,
  grantedAt: AT, sharingStart: AT, sharingEnd: '2027-12-03T14:00:00.000Z', durationDays: 365, retrievalFrom: '2026-11-03T14:00:00.000Z', retrievalSpanDays: 30,
  clusters: [{ scope: 'bank:transactions:read', label: 'Transaction details', permissions: ['Amounts', 'Dates'] }],
  purposes: [{ id: 'budgeting', title: 'Budgeting insights', description: '' }], accountIds: ['a1'], onRevocation: 'delete', retainData: false,
  dataHandled: null, configVersion: 1, receiptUrl: 'https://service.example/receipts/rcpt_1', endedAt: null, timeZone: 'Australia/Sydney', ...overrides,
});

async function card(view: ConsentView, locale = 'en-AU') {
  const { locale: tag, messages } = managerMessages(locale);
  const host = await fixture<HTMLUListElement>(html`<ul></ul>`);
  render(consentCard({ html, nothing }, view, messages, tag, { stop() {}, renew() {} }), host);
  return host.querySelector('.dates')!.textContent!.replace(/\s+/g, ' ').trim();
}

describe('a consent on the dashboard', () => {
  it('gives its dates in its own zone, named once: Sydney and Perth read the same instant as different days', async () => {
    expect(await card(consent({}))).to.equal('Shared since 4 December 2026 · Until 4 December 2027 (Australian Eastern Time) Includes data back to 4 November 2026');
    expect(await card(consent({ timeZone: 'Australia/Perth' }))).to.equal('Shared since 3 December 2026 · Until 3 December 2027 (Australian Western Standard Time) Includes data back to 3 November 2026');
    expect(await card(consent({ timeZone: 'Australia/Perth', status: 'revoked', endedAt: AT }))).to.contain('Ended on 3 December 2026 (Australian Western Standard Time)');
    expect(await card(consent({ timeZone: 'Australia/Perth' }), 'zh-CN')).to.contain('至 2027年12月3日（澳大利亚西部标准时间）');
  });
});
