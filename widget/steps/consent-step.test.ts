import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { completeConfig, type PartialConfig } from '../config/complete-config.js';
import { loadLocale, messagesFor } from '../i18n/catalogue.js';
import type { JourneyController } from '../journey/journey-controller.js';
import { act, journey, shadow, text } from '../testing/journey-fixtures.js';
import { consentStep } from './consent-step.js';
import '../index.js';

const POLICY_URL = 'https://acme.example/cdr-policy';

/** The step on its own, at a fixed "now", so the calendar day it states is known. */
async function stepAt(now: string, config: PartialConfig, locale = 'en-AU') {
  await loadLocale(locale);
  const { messages } = messagesFor(locale);
  const journeyState = { amendment: undefined, chosen: new Set<string>(), canGoBack: false, toggleCluster() {}, agree() {}, back() {} } as unknown as JourneyController;
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  render(consentStep({ config: completeConfig(config), messages, locale, now: new Date(now), preview: true, journey: journeyState, query: '', setQuery() {} }), host);
  return host;
}
const squash = (el: Element | null) => el!.textContent!.replace(/\s+/g, ' ').trim();

describe('the consent step', () => {
  it('links the recipient’s CDR policy when set, in a new tab (Rule 7.2), and not otherwise', async () => {
    const el = await journey({ consent: { cdrPolicyUrl: POLICY_URL } });
    await act(el, 'continue');
    const link = shadow(el).querySelector<HTMLAnchorElement>('a.cdr-policy')!;
    expect(link.href).to.equal(POLICY_URL);
    expect([link.target, link.rel, link.textContent]).to.deep.equal(['_blank', 'noopener noreferrer', 'Read our CDR policy']);
    await expect(el).to.be.accessible();
    const without = await journey({});
    await act(without, 'continue');
    expect(shadow(without).querySelector('a.cdr-policy')).to.equal(null);
  });

  it('states every date in the consent’s zone and names the zone once: 14:00 UTC is the next day in Sydney, not in Perth', async () => {
    const at = '2026-12-03T14:00:00.000Z';
    const permissions = [{ cluster: 'bank:transactions:read' as const, required: true }];
    const sydney = await stepAt(at, { consent: { permissions, durationDays: 365, retrievalSpanDays: 30 } });
    expect(squash(sydney.querySelector('.sharing-period'))).to.equal('We will collect your data for 365 days, from 4 December 2026 until 4 December 2027 (Australian Eastern Time).');
    expect(squash(sydney.querySelector('.historical-range'))).to.equal('We will collect data back to 4 November 2026 (30 days of history).');
    const perth = await stepAt(at, { consent: { permissions, durationDays: 365, retrievalSpanDays: 30, timeZone: 'Australia/Perth' } });
    expect(squash(perth.querySelector('.sharing-period'))).to.equal('We will collect your data for 365 days, from 3 December 2026 until 3 December 2027 (Australian Western Standard Time).');
    expect(squash(perth.querySelector('.historical-range'))).to.contain('3 November 2026');
    expect(perth.textContent!.match(/Australian Western Standard Time/g)).to.have.length(1);
    const chinese = await stepAt(at, { consent: { permissions, timeZone: 'Australia/Perth' } }, 'zh-CN');
    expect(squash(chinese.querySelector('.sharing-period'))).to.contain('2027年12月3日（澳大利亚西部标准时间）');
  });

  it('shows the data language without the tables’ markers or punctuation', async () => {
    const el = await journey({ consent: { permissions: [{ cluster: 'bank:transactions:read', required: true }, { cluster: 'bank:payees:read', required: false }] } });
    await act(el, 'continue');
    const lines = [...shadow(el).querySelectorAll('.cluster__permissions li')].map((li) => li.textContent!.trim());
    expect(lines).to.include('Who you have sent money to and received money from (e.g. their name)');
    for (const line of lines) expect(line).not.to.match(/[†‡*;]/);
    expect(text(el, '.cluster__label')).to.equal('Transaction details');
  });

  it('in zh-CN, gives the cluster names and permission lists in Chinese', async () => {
    await loadLocale('zh-CN');
    const el = await journey({ consent: { permissions: [{ cluster: 'bank:transactions:read', required: true }, { cluster: 'bank:accounts.detail:read', required: false }] } }, { attrs: { locale: 'zh-CN' } });
    await act(el, 'continue');
    expect([...shadow(el).querySelectorAll('.cluster [id^=cluster-]')].map((l) => l.textContent!.trim())).to.deep.equal(['交易详情', '账户余额和详情']);
    const lines = [...shadow(el).querySelectorAll('.cluster__permissions li')].map((li) => li.textContent!.trim());
    expect(lines).to.include('您向谁付款以及从谁收款（例如对方姓名）');
    for (const line of lines) expect(line).to.match(/[\u4e00-\u9fff]/);
    expect(text(el, '.cluster__permissions summary')).to.equal('显示“交易详情”包含的内容');
    await expect(el).to.be.accessible();
  });
});
