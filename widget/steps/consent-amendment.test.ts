import { expect } from '@open-wc/testing';
import type { PartialConfig } from '../config/complete-config.js';
import { $, act, instantPreview, journey, shadow, text } from '../testing/journey-fixtures.js';
import '../index.js';

const POLICY: PartialConfig = {
  consent: {
    durationDays: 365,
    permissions: [
      { cluster: 'bank:accounts.basic:read', required: true },
      { cluster: 'bank:transactions:read', required: false },
      { cluster: 'bank:payees:read', required: false },
    ],
  },
};

/** An extend session: the consent shares accounts and transactions today, until 10 December 2026. */
const extendBackend = () =>
  instantPreview({
    amendment: async () => ({ consentId: 'cns_1', institutionId: 'anz', clusters: ['bank:accounts.basic:read', 'bank:transactions:read'], sharingEnd: '2026-12-10T00:00:00.000Z' }),
  });

describe('renewing a consent (Rule 4.12C)', () => {
  afterEach(() => sessionStorage.clear());
  it('pre-selects what is shared now, marks every change, and goes back to the same bank', async () => {
    const el = await journey(POLICY, { backend: extendBackend() });
    await act(el, 'continue');
    expect(text(el, '.amending')).to.contain('renewing a consent');
    const boxes = [...shadow(el).querySelectorAll<HTMLInputElement>('.cluster input[type=checkbox]')];
    expect(boxes.map((b) => b.checked)).to.deep.equal([true, false]); // transactions shared now; payees not
    const badges = [...shadow(el).querySelectorAll('.cluster')].map((c) => [...c.querySelectorAll('.badge')].map((b) => b.textContent!.trim()));
    expect(badges).to.deep.equal([['Required', 'Shared now'], ['Optional', 'Shared now'], ['Optional', 'New']]);
    expect(text(el, '.change')).to.contain('10 December 2026');
    await expect(el).to.be.accessible();
    await act(el, 'agree');
    // The bank of the consent being renewed: no picker.
    expect(el.currentStep).to.equal('authenticate');
    expect($(el, '[part=title]')!.textContent).to.contain('Australia and New Zealand Banking Group');
  });

  it('leaves an ordinary journey unmarked and unticked', async () => {
    const el = await journey(POLICY);
    await act(el, 'continue');
    expect($(el, '.amending')).to.equal(null);
    expect([...shadow(el).querySelectorAll<HTMLInputElement>('.cluster input[type=checkbox]')].some((b) => b.checked)).to.equal(false);
  });
});
