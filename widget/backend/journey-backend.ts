import type { Institution } from '../../schema/api/institution.js';

/** How the bank's own page is shown: in this page (redirect) or in a window beside it (popup). */
export type HandoffMode = 'redirect' | 'popup';

/** What the journey asks the data holder to authorise. */
export interface AuthorisationRequest {
  readonly institutionId: string;
  /** Every scope to request: the required clusters plus the optional ones the end user ticked. */
  readonly clusters: readonly string[];
  readonly mode: HandoffMode;
  /** Where the data holder sends the end user back to (redirect mode): the page they started on. */
  readonly returnUrl: string;
}

/**
 * Where `startAuthorisation` sends the end user. With `url`, the bank's page; without one, nothing
 * leaves the page (a preview says what would happen and lets the user go on).
 */
export interface Handoff {
  readonly authorisationId: string;
  readonly url?: string;
}

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
}

/** What finishing the journey yields: the consents, and the partner's `state` for the redirect. */
export interface Completion {
  readonly consentIds: readonly string[];
  readonly state?: string;
}

/** A failure a step explains to the end user; `code` picks the plain-language message. */
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
   * Called when the element connects: if the end user has just come back from the bank (redirect mode,
   * a full page load), the authorisation they finished; otherwise undefined.
   */
  resume(signal: AbortSignal): Promise<{ readonly authorisationId: string } | undefined>;

  /**
   * Popup mode: resolves when the data holder has finished with the end user (they came back in the
   * popup). The journey then closes the popup and watches progress.
   */
  awaitAuthorisation(authorisationId: string, signal: AbortSignal): Promise<void>;

  /**
   * Follows the connection after the bank: calls `onUpdate` with each snapshot; resolves with the
   * grant when the consent is in place, rejects with a JourneyError the step explains.
   */
  watchProgress(authorisationId: string, onUpdate: (update: ProgressUpdate) => void, signal: AbortSignal): Promise<Grant>;

  /** For a session that extends a consent: that consent, so the journey can pre-select and mark changes. */
  amendment?(signal: AbortSignal): Promise<Amendment | undefined>;

  /** Ends the journey (a connect session is spent) and returns what the partner's redirect carries. */
  complete(grants: readonly Grant[], signal: AbortSignal): Promise<Completion>;
}
