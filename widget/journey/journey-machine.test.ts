import { expect } from '@open-wc/testing';
import { canGoBack, INITIAL, inFlight, restored, transition, type JourneyEvent, type JourneyState } from './journey-machine.js';

const run = (events: JourneyEvent[], from: JourneyState = INITIAL) => events.reduce(transition, from);
const toBank: JourneyEvent[] = [{ type: 'next' }, { type: 'agree' }, { type: 'search', query: 'comm' }, { type: 'select', institutionId: 'cba' }];
const grant = { consentId: 'cns_1', institutionId: 'cba' };

describe('the journey as a pure transition function', () => {
  it('walks intro → consent → institution → authenticate → progress → success', () => {
    const atBank = run([...toBank, { type: 'handoff' }, { type: 'at-bank', authorisationId: 'auth_1', via: 'popup' }]);
    expect(atBank).to.deep.include({ step: 'authenticate', phase: 'at-bank', authorisationId: 'auth_1', institutionId: 'cba' });
    const done = run([{ type: 'bank-done', authorisationId: 'auth_1' }, { type: 'granted', grant }], atBank);
    expect(done).to.deep.include({ step: 'success', grants: [grant] });
  });

  it('one authorisation per intent: "Continue" while one is being started changes nothing', () => {
    const starting = run([...toBank, { type: 'handoff' }]);
    expect(starting).to.deep.include({ step: 'authenticate', phase: 'starting' });
    expect(transition(starting, { type: 'handoff' })).to.equal(starting);
    const atBank = transition(starting, { type: 'at-bank', authorisationId: 'auth_1', via: 'redirect' });
    expect(transition(atBank, { type: 'handoff' })).to.equal(atBank);
    // A late answer for a request the user has left is not applied.
    const left = transition(starting, { type: 'exit', reason: 'user-exit' });
    expect(transition(left, { type: 'at-bank', authorisationId: 'auth_1', via: 'redirect' })).to.equal(left);
  });

  it('a result reference is followed once, whatever reads it again (a remount, a second instance)', () => {
    const back = transition(INITIAL, { type: 'returned', result: 'res_1' });
    expect(back).to.deep.include({ step: 'progress', result: 'res_1' });
    expect(inFlight(back)).to.deep.equal({ authorisationId: undefined, result: 'res_1' });
    expect(transition(back, { type: 'returned', result: 'res_1' })).to.equal(back);
    const done = run([{ type: 'resolved', authorisationId: 'auth_1', institutionId: 'cba' }, { type: 'granted', grant }], back);
    expect(done).to.deep.include({ step: 'success', returnedFrom: 'res_1', institutionId: 'cba' });
    expect(transition(back, { type: 'handoff' }), 'no hand-over before the result names its bank').to.equal(back);
    expect(transition(done, { type: 'returned', result: 'res_1' }), 'the same reference after success').to.equal(done);
    expect(transition(done, { type: 'granted', grant }).grants, 'a grant is kept once').to.have.length(1);
    expect(transition(done, { type: 'returned', result: 'res_2' })).to.deep.include({ step: 'progress', result: 'res_2' });
  });

  it('a failed or cancelled bank step lands on the authenticate step, with its failure; a data failure stays on progress', () => {
    const watching = run([{ type: 'returned', result: 'res_1' }, { type: 'resolved', authorisationId: 'auth_1', institutionId: 'cba' }]);
    for (const code of ['cancelled', 'denied', 'otp-failed', 'timeout', 'code-expired', 'code-replayed'] as const) {
      expect(transition(watching, { type: 'failed', failure: { code, message: code, retryable: true } }), code).to.deep.include({ step: 'authenticate', phase: 'failed' });
    }
    const failed = transition(watching, { type: 'failed', failure: { code: 'bank-unavailable', message: 'down', retryable: true } });
    expect(failed).to.deep.include({ step: 'progress' });
    expect(inFlight(failed), 'a failed connection is no longer in flight').to.equal(undefined);
    expect(transition(failed, { type: 'handoff' })).to.deep.include({ step: 'authenticate', phase: 'starting' });
    // "Try again" after losing the service follows the same authorisation again.
    const lost = transition(watching, { type: 'failed', failure: { code: 'network', message: 'offline', retryable: true } });
    expect(transition(lost, { type: 'retry' })).to.deep.include({ step: 'progress', authorisationId: 'auth_1', failure: undefined });
  });

  it('Back goes only to an earlier step, and never away from a bank visit in flight', () => {
    const atInstitution = run(toBank.slice(0, 3));
    expect(transition(atInstitution, { type: 'back', to: 'consent' })).to.deep.include({ step: 'consent', query: 'comm' });
    expect(transition(atInstitution, { type: 'back', to: 'authenticate' }), 'not forward').to.equal(atInstitution);
    const atBank = run([...toBank, { type: 'handoff' }, { type: 'at-bank', authorisationId: 'auth_1', via: 'popup' }]);
    expect(canGoBack(atBank)).to.equal(false);
    expect(transition(atBank, { type: 'back', to: 'institution' })).to.equal(atBank);
    const closed = transition(atBank, { type: 'bank-closed' });
    expect(transition(closed, { type: 'back', to: 'institution' })).to.deep.include({ step: 'institution', query: 'comm' });
    expect(canGoBack(run([{ type: 'returned', result: 'r' }]))).to.equal(false);
  });

  it('"Leave" asks first past the consent step; "Stay" keeps everything', () => {
    const atInstitution = run(toBank.slice(0, 3));
    const asking = transition(atInstitution, { type: 'leave' });
    expect(asking.leaving).to.equal(true);
    expect(transition(asking, { type: 'stay' })).to.deep.include({ step: 'institution', query: 'comm', leaving: false });
    expect(transition(asking, { type: 'exit', reason: 'user-exit' })).to.deep.include({ step: 'exited', from: 'institution', reason: 'user-exit' });
  });

  it('an existing consent at the bank is offered for change; continuing amends it', () => {
    const exists = run([...toBank, { type: 'handoff' }, { type: 'consent-exists', consentId: 'cns_0' }]);
    expect(exists).to.deep.include({ step: 'authenticate', phase: 'existing', existing: 'cns_0' });
    expect(transition(exists, { type: 'handoff' })).to.deep.include({ phase: 'starting', amend: 'cns_0' });
  });

  it('a restored state never stays busy, and never keeps a pending question', () => {
    const starting = run([...toBank, { type: 'handoff' }]);
    expect(restored(starting)).to.deep.include({ phase: 'ready' });
    expect(restored(transition(starting, { type: 'leave' }))).to.deep.include({ leaving: false });
    const atBank = transition(starting, { type: 'at-bank', authorisationId: 'auth_1', via: 'redirect' });
    expect(restored(atBank)).to.equal(atBank);
    expect(transition(atBank, { type: 'bank-left' })).to.deep.include({ phase: 'ready' });
  });
});
