import { expect } from '@open-wc/testing';
import { DEFAULT_CONFIG } from '../../../schema/defaults.js';
import { editorEnAU as m } from '../i18n/en-AU.js';
import { configDiff } from './config-diff.js';
import { fieldLabel } from './field-label.js';

describe('fieldLabel: the publish diff speaks the tabs’ names', () => {
  it('names a field by its tab and the label it has there, never its config path', () => {
    expect(fieldLabel(m, 'appearance.colors.primary')).to.deep.equal({ tab: 'Appearance', field: 'Primary colour' });
    expect(fieldLabel(m, 'consent.accreditation.number')).to.deep.equal({ tab: 'Consent', field: 'Accreditation number' });
    expect(fieldLabel(m, 'flow.gtmId')).to.deep.equal({ tab: 'Flow', field: 'Google Tag Manager id' });
    expect(fieldLabel(m, 'institutions.selected')).to.deep.equal({ tab: 'Institutions', field: 'Institutions' });
  });

  it('names a per-locale text by its field and locale', () => {
    expect(fieldLabel(m, 'consent.title.en-AU')).to.deep.equal({ tab: 'Consent', field: 'Title' });
    expect(fieldLabel(m, 'consent.subtitle.zh-CN')).to.deep.equal({ tab: 'Consent', field: 'Subtitle in Chinese (Simplified)' });
  });

  it('names list items by position as the Consent tab shows them', () => {
    expect(fieldLabel(m, 'consent.purposes.1.title')).to.deep.equal({ tab: 'Consent', field: 'Purpose 2 › Title' });
    expect(fieldLabel(m, 'consent.permissions.0.required')).to.deep.equal({ tab: 'Consent', field: 'Permission 1 › Required' });
    expect(fieldLabel(m, 'consent.permissions.3.cluster')).to.deep.equal({ tab: 'Consent', field: 'Permission 4 › Data cluster' });
  });

  it('gives every field of the default config a label with no dot in it', () => {
    const everyField = configDiff({}, DEFAULT_CONFIG).map((c) => c.path);
    expect(everyField.length).to.be.greaterThan(40);
    const unnamed = everyField.filter((path) => fieldLabel(m, path).field.includes('.') || !fieldLabel(m, path).tab.match(/^[A-Z]/));
    expect(unnamed).to.deep.equal([]);
  });
});

describe('configDiff', () => {
  it('diffs a list of plain values (the selected institutions) as one field', () => {
    const before = { institutions: { mode: 'selected', selected: ['anz', 'cba'] } };
    const after = { institutions: { mode: 'selected', selected: ['anz', 'westpac', 'nab'] } };
    expect(configDiff(before, after)).to.deep.equal([{ path: 'institutions.selected', before: 'anz, cba', after: 'anz, westpac, nab' }]);
  });
});
