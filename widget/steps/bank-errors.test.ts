import { expect } from '@open-wc/testing';
import { JourneyError } from '../backend/journey-backend.js';
import { $, act, instantPreview, journey, settle, text } from '../testing/journey-fixtures.js';
import '../index.js';

/** Each way the bank can say no, as the live backend reports it, and what the end user reads. */
const CASES: [JourneyError['code'], RegExp][] = [
  ['cancelled', /You cancelled at your bank/],
  ['otp-failed', /one-time password was entered incorrectly too many times/],
  ['code-expired', /arrived too late to be used/],
  ['code-replayed', /already used/],
];

describe('bank failures in the widget', () => {
  afterEach(() => sessionStorage.clear());
  for (const [code, message] of CASES) {
    it(`explains "${code}" in plain words as the step's heading, offers a retry, and tells the host`, async () => {
      const el = await journey({}, { backend: instantPreview({ watchProgress: () => Promise.reject(new JourneyError(code, `bank said ${code}`)) }) });
      const errors: string[] = [];
      const exits: string[] = [];
      el.addEventListener('consent-error', (e) => errors.push(e.detail.code));
      el.addEventListener('consent-exit', (e) => exits.push(e.detail.reason));
      await act(el, 'continue');
      await act(el, 'agree');
      $(el, '.institution[data-id="sandbox-bank"]')!.click();
      await settle(el);
      await act(el, 'handoff');
      expect(el.currentStep).to.equal('authenticate');
      expect(text(el, '[part=title]')).to.match(message);
      expect($(el, '[data-action=retry]')).to.not.equal(null);
      // Cancelling at the bank is the end user's choice: an exit with its reason, not an error.
      expect(errors).to.deep.equal(code === 'cancelled' ? [] : [code]);
      expect(exits).to.deep.equal(code === 'cancelled' ? ['bank-cancelled'] : []);
      await expect(el).to.be.accessible();
    });
  }

  it('explains a bank list that cannot be loaded in the catalogue\'s words, and retries', async () => {
    let attempts = 0;
    const listInstitutions = async () => {
      attempts++;
      throw new JourneyError('institutions-unavailable', 'The service answered 503 for the institutions of "demo".');
    };
    const el = await journey({}, { backend: instantPreview({ listInstitutions }) });
    await act(el, 'continue');
    await act(el, 'agree');
    expect(text(el, '[role=alert]')).to.contain('The list of banks could not be loaded');
    expect(text(el, '[role=alert]')).not.to.contain('503');
    await act(el, 'retry');
    expect(attempts).to.equal(2);
    await expect(el).to.be.accessible();
  });
});
