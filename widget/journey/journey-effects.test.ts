import { expect } from '@open-wc/testing';
import { effectsOf } from './journey-effects.js';
import { INITIAL, transition, type JourneyEvent, type JourneyState } from './journey-machine.js';

const run = (events: JourneyEvent[], from: JourneyState = INITIAL) => events.reduce(transition, from);
const atBank = run([{ type: 'next' }, { type: 'agree' }, { type: 'select', institutionId: 'cba' }, { type: 'handoff' }, { type: 'at-bank', authorisationId: 'auth_1', via: 'popup' }]);
const plain = { skipSuccessScreen: false };

describe('what a change of state means outside it', () => {
  it('a step forward gets a history entry and is announced; a connection’s steps replace the entry', () => {
    expect(effectsOf(INITIAL, transition(INITIAL, { type: 'next' }), plain).step).to.deep.equal({ step: 'consent', newEntry: true });
    const progress = transition(atBank, { type: 'bank-done', authorisationId: 'auth_1' });
    expect(effectsOf(atBank, progress, plain).step).to.deep.equal({ step: 'progress', newEntry: false });
    expect(effectsOf(progress, progress, plain), 'no change, no effect').to.deep.include({ viewChanged: false, forgetResult: false, clearSaved: false, complete: false });
  });

  it('a cancel at the bank is an exit with its reason; another failure an error; both take the result out of the address', () => {
    const cancelled = transition(atBank, { type: 'failed', failure: { code: 'cancelled', message: 'Cancelled at the bank.', retryable: true } });
    expect(effectsOf(atBank, cancelled, plain)).to.deep.include({ exit: { step: 'authenticate', reason: 'bank-cancelled' }, viewChanged: true, forgetResult: true });
    expect(effectsOf(atBank, cancelled, plain).error).to.equal(undefined);
    const denied = transition(atBank, { type: 'failed', failure: { code: 'otp-failed', message: 'OTP', retryable: true } });
    expect(effectsOf(atBank, denied, plain)).to.deep.include({ error: { code: 'otp-failed', message: 'OTP' } });
    expect(effectsOf(atBank, denied, plain).exit).to.equal(undefined);
  });

  it('a closed popup ends the step with bank-closed; leaving ends the journey and clears what was saved', () => {
    expect(effectsOf(atBank, transition(atBank, { type: 'bank-closed' }), plain).exit).to.deep.equal({ step: 'authenticate', reason: 'bank-closed' });
    const left = transition(atBank, { type: 'exit', reason: 'user-exit' });
    expect(effectsOf(atBank, left, plain)).to.deep.include({ exit: { step: 'authenticate', reason: 'user-exit' }, clearSaved: true });
    expect(effectsOf(atBank, left, plain).step, 'no consent-step for an ended journey').to.equal(undefined);
  });

  it('success with skipSuccessScreen finishes at once, without announcing the skipped step', () => {
    const progress = transition(atBank, { type: 'bank-done', authorisationId: 'auth_1' });
    const success = transition(progress, { type: 'granted', grant: { consentId: 'c', institutionId: 'cba' } });
    expect(effectsOf(progress, success, { skipSuccessScreen: true })).to.deep.include({ complete: true });
    expect(effectsOf(progress, success, { skipSuccessScreen: true }).step).to.equal(undefined);
    expect(effectsOf(progress, success, plain)).to.deep.include({ complete: false, step: { step: 'success', newEntry: false } });
  });
});
