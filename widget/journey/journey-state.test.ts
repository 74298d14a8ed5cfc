import { expect } from '@open-wc/testing';
import { INITIAL, type JourneyState } from './journey-machine.js';
import { journeyKey, journeyOwner, loadJourney, saveJourney } from './journey-state.js';

const atBank: JourneyState = { ...INITIAL, step: 'authenticate', phase: 'at-bank', authorisationId: 'auth_1', via: 'redirect', chosen: ['bank:transactions:read'], institutionId: 'cba' };

describe('journey state across a reload', () => {
  afterEach(() => sessionStorage.clear());

  it('keys a live journey by its page, and keeps only a hash of the session as its owner', () => {
    const token = 'cus_k3Y9sEcReT-token-value';
    const key = journeyKey({ session: token, preview: false })!;
    expect(key).to.equal(`page:${location.pathname}`);
    expect(journeyKey({ session: `${token}x`, preview: false }), 'a new session on the same page finds the journey').to.equal(key);
    const owner = journeyOwner(token)!;
    expect(owner).not.to.contain('sEcReT');
    expect(journeyOwner(`${token}x`), 'another session, another owner').not.to.equal(owner);
    saveJourney(key, { state: atBank, owner });
    expect(JSON.stringify({ ...sessionStorage })).not.to.contain(token);
    expect(loadJourney(key)).to.deep.equal({ state: atBank, owner });
  });

  it('keys a preview by its app, and keeps nothing for a journey with neither', () => {
    expect(journeyKey({ app: 'demo', session: 'cus_x', preview: true })).to.equal('preview:demo');
    expect(journeyKey({ preview: true })).to.equal(undefined);
    saveJourney(undefined, { state: INITIAL, owner: undefined });
    expect(sessionStorage.length).to.equal(0);
  });

  it('ignores a saved journey it cannot trust (an unknown step, wrong types, an older shape)', () => {
    for (const saved of [{ state: { ...INITIAL, step: 'pwned' } }, { state: { ...INITIAL, chosen: 'x' } }, { step: 'consent', chosen: [], grants: [] }, 'not json']) {
      sessionStorage.setItem('consent-ui:journey:preview:demo', typeof saved === 'string' ? saved : JSON.stringify(saved));
      expect(loadJourney('preview:demo'), JSON.stringify(saved)).to.equal(undefined);
    }
  });
});
