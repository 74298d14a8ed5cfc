import { expect } from '@open-wc/testing';
import { journeyKey, loadJourney, saveJourney } from './journey-state.js';

describe('journey state across a reload', () => {
  afterEach(() => sessionStorage.clear());

  it('keys a live journey by its session without storing the token', () => {
    const token = 'cus_k3Y9sEcReT-token-value';
    const key = journeyKey({ session: token, preview: false })!;
    expect(key).to.match(/^session:/);
    expect(key).not.to.contain(token);
    expect(key).not.to.contain('sEcReT');
    expect(journeyKey({ session: `${token}x`, preview: false }), 'another session, another journey').not.to.equal(key);
    saveJourney(key, { step: 'authenticate', chosen: ['bank:transactions:read'], institutionId: 'cba', grants: [] });
    expect(JSON.stringify({ ...sessionStorage })).not.to.contain(token);
    expect(loadJourney(key)).to.deep.include({ step: 'authenticate', institutionId: 'cba' });
  });

  it('keys a preview by its app, and keeps nothing for a journey with neither', () => {
    expect(journeyKey({ app: 'demo', session: 'cus_x', preview: true })).to.equal('preview:demo');
    expect(journeyKey({ preview: true })).to.equal(undefined);
    saveJourney(undefined, { step: 'consent', chosen: [], grants: [] });
    expect(sessionStorage.length).to.equal(0);
  });

  it('ignores a saved journey it cannot trust (an unknown step, wrong types)', () => {
    sessionStorage.setItem('consent-ui:journey:preview:demo', JSON.stringify({ step: 'pwned', chosen: 'x' }));
    expect(loadJourney('preview:demo')).to.equal(undefined);
    sessionStorage.setItem('consent-ui:journey:preview:demo', JSON.stringify({ step: 'consent', chosen: ['a', 1], institutionId: 5 }));
    expect(loadJourney('preview:demo')).to.deep.equal({ step: 'consent', chosen: ['a'], institutionId: undefined, authorisationId: undefined, grants: [] });
  });
});
