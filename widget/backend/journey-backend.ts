import type { Institution } from '../../schema/api/institution.js';

/** How the bank's own page is shown: in this page (redirect) or in a window beside it (popup). */
export type HandoffMode = 'redirect' | 'popup';

/** What the journey asks the data holder to authorise. */
export interface AuthorisationRequest {
  readonly institutionId: string;
  /** Every scope to request: the required clusters plus the optional ones the end user ticked. */
  readonly clusters: readonly string[];
  readonly mode: HandoffMode;
  /** Where the service sends the end user back to after the bank (redirect mode): the page they started on. */
  readonly returnUrl: string;
  /** An existing consent at this bank to change instead of creating another. */
  readonly amend?: string | undefined;
}

/**
 * Where `startAuthorisation` sends the end user. With `url`, the bank's page; without one, nothing
 * leaves the page (a preview says what would happen and lets the user go on).
 */
export type Handoff =
  | { readonly authorisationId: string; readonly url?: string }
  /** The user already shares data from this bank through `existing`: nothing was started. */
  | { readonly existing: string };

export type ProgressTaskId = 'connect' | 'consent' | 'data';
export type ProgressTaskStatus = 'pending' | 'active' | 'done' | 'failed';

/** A live snapshot of a connection's steps, in order. */
export interface ProgressUpdate {
  readonly tasks: readonly { readonly id: ProgressTaskId; readonly status: ProgressTaskStatus }[];
}

/** The consent an `extend` session renews or amends (Rule 4.12C): what it shares now. */
export interface Amendment {
  readonly consentId: string;
  readonly institutionId: string;
  readonly clusters: readonly string[];
  readonly sharingEnd: string;
}

/** A consent the data holder confirmed. */
export interface Grant {
  readonly consentId: string;
  readonly institutionId: string;
  /** The CDR receipt's stable address (Rule 4.18), where the service issued one. */
  readonly receiptUrl?: string;
  /** The accounts the end user chose at the bank, as the bank names them. */
  readonly accounts?: readonly { readonly name: string; readonly number?: string }[];
  /** False when the consent is in place but its data could not be collected yet. */
  readonly collected?: false;
  /** The consent's own terms, where the service gave them: what the success step states. */
  readonly clusters?: readonly string[];
  readonly sharingEnd?: string;
  readonly timeZone?: string;
}

/** What finishing the journey yields: the consents, and the partner's `state` for the redirect. */
export interface Completion {
  readonly consentIds: readonly string[];
  readonly state?: string;
}

/** What went wrong, for the partner (`consent-error`) and for the end user's explanation (the catalogue). */
export type JourneyErrorCode =
  | 'bank-unavailable'
  | 'timeout'
  | 'denied'
  | 'cancelled'
  | 'otp-failed'
  | 'code-expired'
  | 'code-replayed'
  | 'network'
  | 'unknown'
  | 'institutions-unavailable'
  | 'session-expired';

/**
 * A failure the journey explains. `message` is for developers (the `consent-error` detail, logs): the
 * end user is shown the catalogue's explanation of `code`, in their language.
 */
export class JourneyError extends Error {
  constructor(
    readonly code: JourneyErrorCode,
    message: string,
    /** Whether trying the same thing again can help (the step offers "Try again"). */
    readonly retryable = true,
    /** The service's problem, where the caller needs more than the code (e.g. the existing consent's id). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'JourneyError';
  }
}

/**
 * Everything the journey's steps need from the outside world. The steps talk only to this, so a live
 * implementation (real sessions and the sandbox bank, issue 5) replaces the preview one without
 * touching a step. Every method takes an AbortSignal: removing the element aborts it, and an
 * implementation must then stop its timers and requests.
 */
export interface JourneyBackend {
  /** `preview` never creates anything: no session use, no consent, no navigation. */
  readonly kind: 'preview' | 'live';

  /** The institutions the application's config shows, with their current status. */
  listInstitutions(signal: AbortSignal): Promise<Institution[]>;

  /** Starts an authorisation at the institution and says where the end user goes for it. */
  startAuthorisation(request: AuthorisationRequest, signal: AbortSignal): Promise<Handoff>;

  /**
   * The result reference this page load came back from the bank with (redirect mode: the service's
   * callback sends the end user back with it, never with the bank's code), or undefined.
   */
  returnedResult(): string | undefined;

  /** Takes the result reference out of the address bar once the journey has moved on from it. */
  forgetResult(): void;

  /** The authorisation a result reference stands for, and its bank. */
  resolveResult(result: string, signal: AbortSignal): Promise<{ readonly authorisationId: string; readonly institutionId: string }>;

  /** Whether the end user is still at the bank for this authorisation (it has no answer yet). */
  authorisationPending(authorisationId: string, signal: AbortSignal): Promise<boolean>;

  /**
   * Popup mode: resolves when the data holder has finished with the end user (they came back in the
   * popup). The journey then closes the popup and watches progress.
   */
  awaitAuthorisation(authorisationId: string, signal: AbortSignal): Promise<void>;

  /**
   * Follows the connection after the bank: calls `onUpdate` with each snapshot; resolves with the
   * grant when the consent is in place, rejects with a JourneyError the step explains (a bank cancel or
   * failure included). Asks the service each time, so any page, tab or instance can follow it.
   */
  watchProgress(authorisationId: string, onUpdate: (update: ProgressUpdate) => void, signal: AbortSignal): Promise<Grant>;

  /** For a session that extends a consent: that consent, so the journey can pre-select and mark changes. */
  amendment?(signal: AbortSignal): Promise<Amendment | undefined>;

  /** Ends the journey (a connect session is spent) and returns what the partner's redirect carries. */
  complete(grants: readonly Grant[], signal: AbortSignal): Promise<Completion>;
}
