import { expect } from '@open-wc/testing';
import { act, journey } from '../testing/journey-fixtures.js';
import '../index.js';

type Entry = Record<string, unknown>;
const layer = () => ((window as unknown as { dataLayer?: Entry[] }).dataLayer ??= []);

describe('Google Tag Manager data layer', () => {
  beforeEach(() => {
    delete (window as unknown as { dataLayer?: Entry[] }).dataLayer;
  });

  it('receives journey events when flow.gtmId is set, with no personal data', async () => {
    const el = await journey({ flow: { gtmId: 'GTM-AB12CD3' } }, { attrs: { session: 'secret-session-token', institution: 'cba' } });
    await act(el, 'continue');
    await act(el, 'agree');
    await act(el, 'handoff');
    await act(el, 'done');
    const entries = layer();
    expect(entries.map((e) => e.event)).to.include.members(['consent-ready', 'consent-step', 'consent-granted', 'consent-complete']);
    expect(entries.find((e) => e.event === 'consent-step')).to.deep.equal({ event: 'consent-step', consentUiContainer: 'GTM-AB12CD3', consentUiStep: 'intro' });
    const all = JSON.stringify(entries);
    expect(all).not.to.contain('secret-session-token');
    expect(all, 'no consent ids').not.to.contain('preview-cba');
  });

  it('receives nothing when flow.gtmId is empty', async () => {
    const el = await journey({});
    await act(el, 'continue');
    expect((window as unknown as { dataLayer?: Entry[] }).dataLayer).to.equal(undefined);
  });
});
