import { expect } from '@open-wc/testing';
import { STEPS } from '../events.js';
import { stepsFor } from './field-steps.js';

/** What widget/steps/*.ts render each field on; "Shows on" and its preview jump follow this. */
describe('stepsFor', () => {
  it('puts the exit button\'s reference name on every step (journey-frame header)', () => {
    expect(stepsFor('flow.referenceName')).to.deep.equal(STEPS);
  });

  it('puts the brand name on intro, consent and the bank step\'s password notice', () => {
    expect(stepsFor('consent.brandName')).to.deep.equal(['intro', 'consent', 'authenticate']);
  });

  it('puts the duration and the permissions on consent and the success summary', () => {
    expect(stepsFor('consent.durationDays')).to.deep.equal(['consent', 'success']);
    expect(stepsFor('consent.permissions')).to.deep.equal(['consent', 'success']);
    expect(stepsFor('consent.permissions.0.cluster')).to.deep.equal(['consent', 'success']);
    expect(stepsFor('consent.retrievalSpanDays')).to.deep.equal(['consent']);
  });

  it('puts the header image on intro, or on every step when it is always displayed', () => {
    expect(stepsFor('appearance.headerImage.url')).to.deep.equal(['intro']);
    expect(stepsFor('appearance.headerImage.url', true)).to.deep.equal(STEPS);
    expect(stepsFor('appearance.headerImage.alwaysDisplay')).to.deep.equal(STEPS);
  });

  it('puts the consent management link on the consent step, where it is rendered', () => {
    expect(stepsFor('flow.manageConsentUrl')).to.deep.equal(['consent']);
    expect(stepsFor('consent.title')).to.deep.equal(['intro']);
    expect(stepsFor('institutions.selected')).to.deep.equal(['institution']);
  });
});
