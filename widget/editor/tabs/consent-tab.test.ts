import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { clusterLabels } from '../../../schema/cdr/data-language.js';
import type { FieldContext } from '../fields/field-context.js';
import { editorEnAU } from '../i18n/en-AU.js';
import { consentTab } from './consent-tab.js';

/** The tab over a plain config object, re-rendered on every change as the editor does. */
async function tab(permissions: { cluster: string; required?: boolean }[]) {
  const config: Record<string, unknown> = { 'consent.permissions': permissions, 'consent.purposes': [{ id: 'budgeting', title: 'Budgeting', description: 'x' }] };
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const ctx: FieldContext = {
    messages: editorEnAU,
    value: (path) => config[path],
    problem: () => undefined,
    set: (path, value) => {
      config[path] = value;
      render(consentTab(ctx), host);
    },
    showStep() {},
  };
  render(consentTab(ctx), host);
  return host;
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
});
