import type { Grant, JourneyErrorCode } from '../backend/journey-backend.js';
import type { Step } from '../events.js';

/** A failure as the state keeps it: plain data, so it survives a reload (JourneyError is rebuilt from it). */
export interface Failure {
  readonly code: JourneyErrorCode;
  readonly message: string;
  readonly retryable: boolean;
}

/** Where the authenticate step stands: before, while and after handing over to the bank. */
export type BankPhase =
  | 'ready'
  /** Asked the service for the bank's page: busy, repeat clicks ignored (one authorisation per intent). */
  | 'starting'
  /** The end user is at the bank (popup open, page left, or the host opened it: `via`). */
  | 'at-bank'
  /** The popup was blocked: the bank's page waits for "Continue in this page" (`url`). */
  | 'popup-blocked'
  /** The popup was closed before the bank finished. */
  | 'bank-closed'
  /** The user already shares data from this bank (`existing`): offer to change that consent instead. */
  | 'existing'
  /** The bank step failed or was cancelled (`failure`): shown as the step's heading. */
  | 'failed';

interface Choices {
  /** Optional clusters ticked (required ones are always asked for). */
  readonly chosen: readonly string[];
  readonly institutionId?: string | undefined;
  /** The bank search, kept when coming back to the list. */
  readonly query: string;
  /** Consents granted in this journey, in order. */
  readonly grants: readonly Grant[];
  /** The consent this journey changes instead of creating another (an existing one at the same bank). */
  readonly amend?: string | undefined;
  /** "Leave" was pressed past the consent step: the journey asks before throwing progress away. */
  readonly leaving?: boolean;
  /**
   * The last result reference followed: the same reference, read again from the address bar by a
   * remount or a second instance, is not a new return from the bank.
   */
  readonly returnedFrom?: string | undefined;
}

export type JourneyState = Choices &
  (
    | { readonly step: 'intro' | 'consent' }
    /** `failure`: finishing the journey failed (the consents stand). */
    | { readonly step: 'success'; readonly failure?: Failure | undefined }
    | { readonly step: 'institution'; readonly preselectedUnavailable?: boolean }
    | {
        readonly step: 'authenticate';
        readonly phase: BankPhase;
        readonly authorisationId?: string | undefined;
        readonly via?: 'popup' | 'redirect' | 'host' | undefined;
        readonly url?: string | undefined;
        readonly existing?: string | undefined;
        readonly failure?: Failure | undefined;
      }
    | {
        /** Back from the bank: `result` (a reference the service sent back) until it names the authorisation. */
        readonly step: 'progress';
        readonly authorisationId?: string | undefined;
        readonly result?: string | undefined;
        readonly failure?: Failure | undefined;
      }
    | { readonly step: 'exited'; readonly from: Step; readonly reason: string }
    | { readonly step: 'finished'; readonly redirect?: string | undefined }
  );

export type JourneyEvent =
  | { readonly type: 'next' }
  | { readonly type: 'toggle'; readonly cluster: string; readonly on: boolean }
  | { readonly type: 'choose'; readonly clusters: readonly string[] }
  /** The one agreement: on to the bank list, or straight to `institutionId` when one is pre-selected. */
  | { readonly type: 'agree'; readonly institutionId?: string | undefined; readonly preselectedUnavailable?: boolean }
  | { readonly type: 'search'; readonly query: string }
  | { readonly type: 'select'; readonly institutionId: string }
  /** Back to `to` (the widget's Back button, or the browser's). */
  | { readonly type: 'back'; readonly to: Step }
  | { readonly type: 'handoff' }
  | { readonly type: 'at-bank'; readonly authorisationId: string; readonly via: 'popup' | 'redirect' | 'host' }
  | { readonly type: 'popup-blocked'; readonly authorisationId: string; readonly url: string }
  | { readonly type: 'consent-exists'; readonly consentId: string }
  | { readonly type: 'bank-closed' }
  /** Back on the page with the bank still waiting (the browser's Back from the bank's page). */
  | { readonly type: 'bank-left' }
  /** After a blocked popup: the end user goes to the bank in this page. */
  | { readonly type: 'continue-here' }
  /** The bank is done with the end user (the popup's authorisation left `pending`, or a host said so). */
  | { readonly type: 'bank-done'; readonly authorisationId: string }
  /** This page load came back from the bank with a result reference. */
  | { readonly type: 'returned'; readonly result: string }
  | { readonly type: 'resolved'; readonly authorisationId: string; readonly institutionId: string }
  | { readonly type: 'granted'; readonly grant: Grant }
  | { readonly type: 'failed'; readonly failure: Failure }
  | { readonly type: 'retry' }
  | { readonly type: 'connect-another' }
  | { readonly type: 'leave' }
  | { readonly type: 'stay' }
  | { readonly type: 'exit'; readonly reason: string }
  | { readonly type: 'finished'; readonly redirect?: string | undefined }
  | { readonly type: 'restart' }
  /** Preview only (the editor's step picker): any step, with stand-ins. */
  | { readonly type: 'show'; readonly step: Step; readonly institutionId?: string | undefined };

export const INITIAL: JourneyState = { step: 'intro', chosen: [], query: '', grants: [] };

/** Failures of the bank step itself: shown on the authenticate step, whose heading says what happened. */
const BANK_STEP_FAILURES: readonly JourneyErrorCode[] = ['cancelled', 'denied', 'otp-failed', 'timeout', 'code-expired', 'code-replayed'];

/** The steps the user moves through, in order; Back may only go to an earlier one. */
const ORDER: readonly Step[] = ['intro', 'consent', 'institution', 'authenticate', 'progress', 'success'];
export const stepIndex = (step: Step | 'exited' | 'finished') => ORDER.indexOf(step as Step);

/** The state's choices, without what belongs to one step. */
function choices(state: JourneyState): Choices {
  const { chosen, institutionId, query, grants, amend, returnedFrom } = state;
  return { chosen, institutionId, query, grants, amend, returnedFrom };
}

/** Whether the end user can go back from here (the widget's Back, the browser's Back). */
export function canGoBack(state: JourneyState): boolean {
  switch (state.step) {
    case 'consent':
    case 'institution':
      return true;
    case 'authenticate':
      // Once the bank has the request, going back would hide an authorisation that may still finish.
      return state.phase !== 'starting' && state.phase !== 'at-bank';
    case 'progress':
      return !!state.failure;
    default:
      return false;
  }
}

/** Whether "Leave" throws away something worth asking about (choices past the consent step). */
export const leavingLosesProgress = (state: JourneyState) => stepIndex(state.step) >= stepIndex('institution') && state.step !== 'success';

/**
 * A saved state as a new page (or element) takes it up: a request that was being started may or may not
 * have reached the service, so "Continue" is offered again; a pending "Leave?" question is dropped.
 */
export function restored(state: JourneyState): JourneyState {
  const settled = state.step === 'authenticate' && state.phase === 'starting' ? { ...state, phase: 'ready' as const } : state;
  return settled.leaving ? { ...settled, leaving: false } : settled;
}

/**
 * A saved state of another session on this page (a partner's page mints one per visit; or another
 * user on a shared device): only the authorisation in flight is taken up, for the service to confirm
 * it is this user's. Choices, the search and consents already announced are not.
 */
export function fromAnotherSession(state: JourneyState): JourneyState {
  return { ...state, chosen: [], query: '', grants: [], amend: undefined, returnedFrom: undefined };
}

/** The authorisation this state is waiting on, if any: a reload must ask the service about it. */
export function inFlight(state: JourneyState): { authorisationId?: string; result?: string } | undefined {
  if (state.step === 'authenticate' && (state.phase === 'at-bank' || state.phase === 'popup-blocked' || state.phase === 'bank-closed') && state.authorisationId) return { authorisationId: state.authorisationId };
  if (state.step === 'progress' && !state.failure && (state.authorisationId || state.result)) return { authorisationId: state.authorisationId, result: state.result } as { authorisationId?: string; result?: string };
  return undefined;
}

/**
 * The journey as a pure function: the next state for an event, or the same object when the event does
 * not apply where the journey stands (a second click on "Continue", a late answer for an old request).
 * No I/O: the controller does the work each state asks for and reports back with events.
 */
export function transition(state: JourneyState, event: JourneyEvent): JourneyState {
  const kept = choices(state);
  switch (event.type) {
    case 'next':
      return state.step === 'intro' ? { ...kept, step: 'consent' } : state;
    case 'toggle': {
      if (state.step !== 'consent') return state;
      const chosen = state.chosen.filter((c) => c !== event.cluster);
      return { ...state, chosen: event.on ? [...chosen, event.cluster] : chosen };
    }
    case 'choose':
      return state.step === 'consent' || state.step === 'intro' ? { ...state, chosen: [...event.clusters] } : state;
    case 'agree':
      if (state.step !== 'consent') return state;
      if (event.institutionId) return { ...kept, step: 'authenticate', phase: 'ready', institutionId: event.institutionId };
      return { ...kept, step: 'institution', query: '', ...(event.preselectedUnavailable ? { preselectedUnavailable: true } : {}) };
    case 'search':
      return state.step === 'institution' ? { ...state, query: event.query } : state;
    case 'select':
      return state.step === 'institution' ? { ...kept, step: 'authenticate', phase: 'ready', institutionId: event.institutionId, amend: undefined } : state;
    case 'back':
      if (!canGoBack(state) || stepIndex(event.to) < 0 || stepIndex(event.to) >= stepIndex(state.step)) return state;
      if (event.to === 'authenticate') return { ...kept, step: 'authenticate', phase: 'ready' };
      return { ...kept, step: event.to } as JourneyState;
    case 'handoff':
      // Nothing to hand over without a bank (a state rebuilt from a result before it named one).
      if (!state.institutionId) return state;
      if (state.step === 'authenticate' && state.phase !== 'starting' && state.phase !== 'at-bank') return { ...kept, step: 'authenticate', phase: 'starting', ...(state.phase === 'existing' ? { amend: state.existing } : {}) };
      // "Try again" after a failed connection starts a new authorisation at the same bank.
      if (state.step === 'progress' && state.failure) return { ...kept, step: 'authenticate', phase: 'starting' };
      return state;
    case 'at-bank':
      return state.step === 'authenticate' && state.phase === 'starting' ? { ...kept, step: 'authenticate', phase: 'at-bank', authorisationId: event.authorisationId, via: event.via } : state;
    case 'popup-blocked':
      return state.step === 'authenticate' && state.phase === 'starting' ? { ...kept, step: 'authenticate', phase: 'popup-blocked', authorisationId: event.authorisationId, url: event.url } : state;
    case 'consent-exists':
      return state.step === 'authenticate' && state.phase === 'starting' ? { ...kept, step: 'authenticate', phase: 'existing', existing: event.consentId } : state;
    case 'bank-closed':
      return state.step === 'authenticate' && state.phase === 'at-bank' ? { ...kept, step: 'authenticate', phase: 'bank-closed', authorisationId: state.authorisationId } : state;
    case 'bank-left':
      return state.step === 'authenticate' && state.phase === 'at-bank' ? { ...kept, step: 'authenticate', phase: 'ready' } : state;
    case 'continue-here':
      return state.step === 'authenticate' && state.phase === 'popup-blocked' ? { ...state, phase: 'at-bank', via: 'redirect' } : state;
    case 'bank-done':
      return state.step === 'authenticate' && state.authorisationId === event.authorisationId ? { ...kept, step: 'progress', authorisationId: event.authorisationId } : state;
    case 'returned':
      // A result already followed (a remount, a second instance) is not a new return.
      if (state.returnedFrom === event.result || (state.step === 'progress' && state.result === event.result)) return state;
      return { ...kept, leaving: false, step: 'progress', result: event.result };
    case 'resolved':
      return state.step === 'progress' && !state.authorisationId ? { ...state, authorisationId: event.authorisationId, institutionId: event.institutionId } : state;
    case 'granted': {
      if (state.step !== 'progress' && state.step !== 'authenticate') return state;
      const grants = state.grants.some((g) => g.consentId === event.grant.consentId) ? state.grants : [...state.grants, event.grant];
      return { ...kept, step: 'success', grants, amend: undefined, returnedFrom: followed(state) };
    }
    case 'failed': {
      if (state.step === 'success') return { ...state, failure: event.failure };
      if (state.step !== 'progress' && state.step !== 'authenticate') return state;
      if (BANK_STEP_FAILURES.includes(event.failure.code)) return { ...kept, step: 'authenticate', phase: 'failed', failure: event.failure, returnedFrom: followed(state) };
      if (state.step === 'authenticate') return { ...state, phase: 'failed', failure: event.failure };
      return { ...state, failure: event.failure };
    }
    case 'retry':
      // Following the same authorisation again (the service could not be reached): it may have granted.
      if (state.step === 'progress' && state.failure) return { ...state, failure: undefined };
      return state.step === 'authenticate' && (state.phase === 'failed' || state.phase === 'bank-closed') ? { ...kept, step: 'authenticate', phase: 'ready' } : state;
    case 'connect-another':
      return state.step === 'success' || state.step === 'progress' || state.step === 'authenticate' ? { ...kept, step: 'institution', institutionId: undefined, amend: undefined } : state;
    case 'leave':
      if (state.step === 'exited' || state.step === 'finished') return state;
      return { ...state, leaving: true };
    case 'stay':
      return state.leaving ? { ...state, leaving: false } : state;
    case 'exit':
      if (state.step === 'exited' || state.step === 'finished') return state;
      return { ...kept, leaving: false, step: 'exited', from: state.step, reason: event.reason };
    case 'finished':
      return state.step === 'success' ? { ...kept, step: 'finished', redirect: event.redirect } : state;
    case 'restart':
      return INITIAL;
    case 'show':
      if (event.step === 'authenticate') return { ...kept, step: 'authenticate', phase: 'ready', institutionId: event.institutionId ?? state.institutionId };
      return { ...kept, step: event.step, institutionId: event.institutionId ?? state.institutionId } as JourneyState;
  }
}

/** The result reference this state came back with, once its outcome is known. */
const followed = (state: JourneyState) => (state.step === 'progress' && state.result) || state.returnedFrom;
