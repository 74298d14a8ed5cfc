import type { ConsentEventDetails, Step } from '../events.js';
import { stepIndex, type Failure, type JourneyState } from './journey-machine.js';

type Exit = ConsentEventDetails['consent-exit'];
type Error = ConsentEventDetails['consent-error'];

/** What a change of state means outside the state: for the host page, the address bar and storage. */
export interface Effects {
  /** The heading on screen changed (a step, "Leave?", a failure): focus goes to it. */
  readonly viewChanged: boolean;
  /** The step the host hears of (`consent-step`), and whether it gets a history entry of its own. */
  readonly step?: { readonly step: Step; readonly newEntry: boolean };
  readonly exit?: Exit;
  readonly error?: Error;
  /** The result reference has served: out of the address, so a reload does not report it again. */
  readonly forgetResult: boolean;
  /** The journey ended here: nothing to resume. */
  readonly clearSaved: boolean;
  /** Success with `flow.skipSuccessScreen`: finish at once. */
  readonly complete: boolean;
}

const failureOf = (state: JourneyState): Failure | undefined => (state.step === 'authenticate' || state.step === 'progress' || state.step === 'success' ? state.failure : undefined);
const viewOf = (state: JourneyState) => `${state.step}:${!!state.leaving}:${state.step === 'authenticate' && state.phase === 'failed'}`;

/**
 * The effects of going from `before` to `after`, each derived from the change itself, so each happens
 * once per change and never on a state merely restored (a reload, a remount). Pure: no I/O.
 */
export function effectsOf(before: JourneyState, after: JourneyState, options: { readonly skipSuccessScreen: boolean }): Effects {
  const skipSuccess = after.step === 'success' && options.skipSuccessScreen;
  const moved = after.step !== before.step && after.step !== 'exited' && after.step !== 'finished' && !skipSuccess ? after.step : undefined;
  const failed = failureOf(after);
  const newFailure = failed && failed !== failureOf(before) ? failed : undefined;
  const closed = after.step === 'authenticate' && after.phase === 'bank-closed' && !(before.step === 'authenticate' && before.phase === 'bank-closed');
  const exited = after.step === 'exited' && before.step !== 'exited' ? after : undefined;
  // Cancelling at the bank is the end user's choice, not an error.
  const exit: Exit | undefined = exited
    ? { step: exited.from, reason: exited.reason }
    : newFailure?.code === 'cancelled'
      ? { step: 'authenticate', reason: 'bank-cancelled' }
      : closed
        ? { step: 'authenticate', reason: 'bank-closed' }
        : undefined;
  return {
    viewChanged: viewOf(after) !== viewOf(before),
    // Steps the end user can come back to get history entries; a connection's steps replace them.
    ...(moved ? { step: { step: moved, newEntry: stepIndex(moved) > stepIndex(before.step) && stepIndex(moved) <= stepIndex('authenticate') } } : {}),
    ...(exit ? { exit } : {}),
    ...(newFailure && newFailure.code !== 'cancelled' ? { error: { code: newFailure.code, message: newFailure.message } } : {}),
    forgetResult: !!newFailure || !!exited,
    clearSaved: !!exited,
    complete: skipSuccess && before.step !== 'success',
  };
}
