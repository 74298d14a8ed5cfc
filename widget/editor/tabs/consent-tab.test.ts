import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { clusterLabels } from '../../../schema/cdr/data-language.js';
import { getAt, setAt } from '../config-paths.js';
import type { FieldContext } from '../fields/field-context.js';
import { editorEnAU } from '../i18n/en-AU.js';
import { consentTab } from './consent-tab.js';

/**
 * The tab over a config object, re-rendered on every change; with `deferRender`, only when the test
 * says, as the editor re-renders its form only after the edit's frame is painted.
 */
async function tab(permissions: { cluster: string; required?: boolean; purpose?: string }[], { deferRender = false } = {}) {
  const config: Record<string, unknown> = {
    consent: { permissions, purposes: [{ id: 'budgeting', title: 'Budgeting', description: 'x' }, { id: 'savings', title: 'Savings', description: 'y' }] },
  };
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const rerender = () => render(consentTab(ctx), host);
  const ctx: FieldContext = {
    messages: editorEnAU,
    value: (path) => getAt(config, path),
    problem: () => undefined,
    set: (path, value) => {
      Object.assign(config, setAt(config, path, value));
      if (!deferRender) rerender();
    },
    showStep() {},
  };
  rerender();
  return Object.assign(host, { config, rerender });
}
const labelOf = (host: Element, scope: string) => host.querySelector(`li.cluster[data-scope="${scope}"] > label`)!.textContent!.trim();

describe('the editor’s data cluster checkboxes', () => {
  it('label each scope exactly as the consent step will show it, following the other boxes', async () => {
    const host = await tab([{ cluster: 'bank:accounts.basic:read' }, { cluster: 'bank:accounts.detail:read' }]);
    const shown = clusterLabels(['bank:accounts.basic:read', 'bank:accounts.detail:read']);
    expect(labelOf(host, 'bank:accounts.basic:read')).to.equal(shown[0]!.label);
    expect(labelOf(host, 'bank:accounts.detail:read')).to.equal('Account numbers and features');
    expect(labelOf(host, 'bank:accounts.detail:read')).to.equal(shown[1]!.label);
    // Without its basic scope the consumer reads the merged row: so does the designer.
    host.querySelector<HTMLInputElement>('#perm-bank-accounts-basic-read')!.click();
    expect(labelOf(host, 'bank:accounts.detail:read')).to.equal('Account balance and details');
    expect(labelOf(host, 'bank:accounts.detail:read')).to.equal(clusterLabels(['bank:accounts.detail:read'])[0]!.label);
    expect(host.textContent).not.to.match(/[†‡;]/);
    await expect(host).to.be.accessible();
  });

  it('applies edits made before the tab re-rendered on top of each other, none undoing the one before', async () => {
    const host = await tab([{ cluster: 'bank:accounts.basic:read', required: true }], { deferRender: true });
    const input = (id: string) => host.querySelector<HTMLInputElement>(`#${id}`)!;
    // Make it optional, then pick a purpose, before the form has re-rendered with the first change.
    input('perm-bank-accounts-basic-read-required').click();
    const purpose = host.querySelector<HTMLSelectElement>('#perm-bank-accounts-basic-read-purpose')!;
    purpose.value = 'savings';
    purpose.dispatchEvent(new Event('change'));
    // Two more boxes ticked within the same frame.
    input('perm-bank-payees-read').click();
    input('perm-bank-transactions-read').click();
    expect(getAt(host.config, 'consent.permissions')).to.deep.equal([
      { cluster: 'bank:accounts.basic:read', required: false, purpose: 'savings' },
      { cluster: 'bank:transactions:read', required: true },
      { cluster: 'bank:payees:read', required: true },
    ]);
    host.rerender();
    purpose.value = '';
    purpose.dispatchEvent(new Event('change'));
    expect(getAt(host.config, 'consent.permissions.0')).to.deep.equal({ cluster: 'bank:accounts.basic:read', required: false });
  });
});

describe('the editor’s per-locale text', () => {
  it('edits the title in en-AU and, optionally, zh-CN: a string until zh-CN is given, a map while it is', async () => {
    const host = await tab([{ cluster: 'bank:accounts.basic:read' }]);
    const en = host.querySelector<HTMLInputElement>('#f-consent-title')!;
    const zh = host.querySelector<HTMLInputElement>('#f-consent-title-zh-CN')!;
    expect(host.querySelector('label[for="f-consent-title-zh-CN"]')!.textContent!.trim()).to.equal('Title in Chinese (Simplified), optional');
    en.value = 'Link your bank';
    en.dispatchEvent(new Event('input'));
    expect(getAt(host.config, 'consent.title')).to.equal('Link your bank');
    zh.value = '连接您的银行';
    zh.dispatchEvent(new Event('input'));
    expect(getAt(host.config, 'consent.title')).to.deep.equal({ 'en-AU': 'Link your bank', 'zh-CN': '连接您的银行' });
    zh.value = '';
    zh.dispatchEvent(new Event('input'));
    expect(getAt(host.config, 'consent.title')).to.equal('Link your bank');
    await expect(host).to.be.accessible();
  });

  it('shows a map the config already holds as its words, never "[object Object]", and keeps its other locales', async () => {
    const host = await tab([{ cluster: 'bank:accounts.basic:read' }]);
    Object.assign(host.config, setAt(host.config, 'consent.subtitle', { 'en-AU': 'Share safely', 'zh-CN': '安全共享', zh: '安全' }));
    host.rerender();
    expect(host.querySelector<HTMLTextAreaElement>('#f-consent-subtitle')!.value).to.equal('Share safely');
    expect(host.querySelector<HTMLTextAreaElement>('#f-consent-subtitle-zh-CN')!.value).to.equal('安全共享');
    expect(host.textContent).not.to.contain('[object Object]');
    const en = host.querySelector<HTMLTextAreaElement>('#f-consent-subtitle')!;
    en.value = 'Share it safely';
    en.dispatchEvent(new Event('input'));
    expect(getAt(host.config, 'consent.subtitle')).to.deep.equal({ 'en-AU': 'Share it safely', 'zh-CN': '安全共享', zh: '安全' });
  });
});
