import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Config } from '../../schema/index.js';
import type { Institution } from '../../schema/api/institution.js';
import { JourneyError, type Amendment, type Grant, type HandoffMode, type JourneyBackend, type ProgressUpdate } from '../backend/journey-backend.js';
import type { ConsentEventDetails, ConsentEventName, Step } from '../events.js';
import { BankPopup } from './bank-popup.js';
import { navigateTo, openPopup, redirectTarget, showInPopup } from './handoff.js';
import { canGoBack, fromAnotherSession, INITIAL, inFlight, leavingLosesProgress, restored, stepIndex, transition, type Failure, type JourneyEvent, type JourneyState } from './journey-machine.js';
import { clearJourney, loadJourney, saveJourney } from './journey-state.js';
import { stepHistory } from './step-history.js';
import { effectsOf } from './journey-effects.js';
import { isTransient, runPatiently, taskFor } from './journey-tasks.js';



/** The bank list as the steps see it. */
export interface InstitutionsState {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly list: Institution[];
  readonly error?: JourneyError;
}

export type Notice = 'popup-open' | 'popup-blocked' | 'bank-closed' | 'handoff-cancelled' | 'preselected-unavailable';

/** What the journey needs from its element. */
export interface JourneyHostOptions {
  readonly backend: () => JourneyBackend;
  readonly config: () => Config | undefined;
  readonly storageKey: () => string | undefined;
  /** Who the journey belongs to (an opaque hash of the session), kept with the saved state. */
  readonly owner: () => string | undefined;
  readonly preselected: () => string | undefined;
  readonly handoffMode: () => HandoffMode;
  readonly emit: <N extends ConsentEventName>(name: N, detail: ConsentEventDetails[N], cancelable?: boolean) => boolean;
  readonly stepChanged: (step: Step) => void;
  /** What the step shows changed its heading (a step, "Leave?", a failure): focus goes to it. */
  readonly viewChanged: () => void;
}

/**
 * Consents announced with `consent-granted` on this page: shared by every journey element (and every
 * copy of the bundle), so a remount or a second instance never announces one twice. Marked when the
 * event is really dispatched (`firstAnnouncement`), not when queued before `consent-ready`: an element
 * replaced before it was ready leaves the announcement to the next.
 */
const announced: Set<string> = ((globalThis as Record<symbol, Set<string>>)[Symbol.for('consent-ui.announced')] ??= new Set());

/** True the first time a live consent is announced on this page. */
export function firstAnnouncement(consentId: string): boolean {
  if (announced.has(consentId)) return false;
  announced.add(consentId);
  return true;
}

const asJourneyError = (error: unknown) =>
  error instanceof JourneyError ? error : new JourneyError('unknown', error instanceof Error ? error.message : String(error));
const asFailure = (error: unknown): Failure => {
  const { code, message, retryable } = asJourneyError(error);
  return { code, message, retryable };
};

/**
 * The shell around the journey's state machine (journey-machine.ts): it turns the steps' actions into
 * events, persists every state, and does the I/O each state asks for — one task at a time, started from
 * the state itself, so a reload or a remount picks up exactly where the last one was. It never renders.
 */
export class JourneyController implements ReactiveController {
  #state: JourneyState = INITIAL;
  #loaded: InstitutionsState = { status: 'idle', list: [] };
  #shown: { from: readonly Institution[]; key: string; list: Institution[] } | undefined;
  #life = new AbortController();
  /** The I/O the current state asked for, and the key it was started for. */
  #task: { key: string; work: AbortController } | undefined;
  readonly #popup = new BankPopup(() => this.options.storageKey() ?? '');
  readonly #announcedHere = new Set<string>();
  #history: ReturnType<typeof stepHistory> | undefined;
  progress: ProgressUpdate | undefined;
  /** Set for an `extend` session: the consent being renewed (its clusters start ticked, Rule 4.12C). */
  amendment: Amendment | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: JourneyHostOptions,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.#life = new AbortController();
    const backend = this.options.backend();
    const saved = loadJourney(this.options.storageKey());
    // Choices are kept for the same session only; an authorisation in flight is the service's to confirm
    // for whichever session of the same user asks (a partner page mints a new one on each visit).
    if (saved && saved.owner === this.options.owner()) this.#state = restored(saved.state);
    else if (saved && inFlight(saved.state)) this.#state = restored(fromAnotherSession(saved.state));
    const result = backend.kind === 'live' ? backend.returnedResult() : undefined;
    if (result) this.#state = transition(this.#state, { type: 'returned', result });
    // Previews (the editor, the demo) leave the page's history alone.
    this.#history =
      backend.kind === 'live'
        ? stepHistory(this.options.storageKey() ?? '', this.#life.signal, (to) => {
            this.#dispatch({ type: 'back', to });
            // Refused (a connection in flight, the browser's Forward): the entry says what is on screen.
            this.#history?.moved(this.step, false);
          })
        : undefined;
    const entry = this.#history?.entry();
    if (entry && stepIndex(entry) < stepIndex(this.#state.step)) this.#state = transition(this.#state, { type: 'back', to: entry });
    this.#history?.moved(this.step, false);
    // A page restored from the back-forward cache asks the service again, as a reload would.
    const onPageShow = (event: PageTransitionEvent) => event.persisted && this.#sync(true);
    addEventListener('pageshow', onPageShow);
    this.#life.signal.addEventListener('abort', () => removeEventListener('pageshow', onPageShow), { once: true });
    this.#save();
    this.#announce();
    const state = this.#state;
    if (state.step === 'authenticate' && state.phase === 'at-bank' && state.via === 'popup' && state.authorisationId) {
      this.#popup.takeOver(this.#life.signal, this.#onPopupAbandoned(state.authorisationId));
    }
    this.#sync(true);
    if (this.step !== 'intro' && this.step !== 'consent') void this.loadInstitutions();
    void this.#loadAmendment(!saved);
  }

  hostDisconnected() {
    this.#life.abort(new DOMException('The journey element was removed', 'AbortError'));
    this.#popup.release();
    this.#task = undefined;
  }

  // --- What the steps read -------------------------------------------------------------------------

  /** The step on screen (for an ended journey, the step it ended on). */
  get step(): Step {
    const state = this.#state;
    return state.step === 'exited' ? state.from : state.step === 'finished' ? 'success' : state.step;
  }
  get chosen(): ReadonlySet<string> {
    return new Set(this.#state.chosen);
  }
  get institutionId() {
    return this.#state.institutionId;
  }
  get grants(): readonly Grant[] {
    return this.#state.grants;
  }
  get query() {
    return this.#state.query;
  }
  get exited() {
    return this.#state.step === 'exited';
  }
  /** Set when the journey ended without leaving the page (a preview, or no redirect URL). */
  get finished(): { redirect?: string } | undefined {
    const state = this.#state;
    return state.step === 'finished' ? (state.redirect ? { redirect: state.redirect } : {}) : undefined;
  }
  /** "Leave" was pressed where it would throw progress away: the frame asks first. */
  get leaving() {
    return !!this.#state.leaving;
  }
  /** Asking the service for the bank's page: the button shows it is busy and ignores more clicks. */
  get busy() {
    const state = this.#state;
    return state.step === 'authenticate' && state.phase === 'starting';
  }
  /** An active consent at the chosen bank that continuing would change (instead of adding another). */
  get existing() {
    const state = this.#state;
    return state.step === 'authenticate' && state.phase === 'existing' ? state.existing : undefined;
  }
  /** The failure the step explains. */
  get error(): JourneyError | undefined {
    const state = this.#state;
    const failure = state.step === 'authenticate' || state.step === 'progress' || state.step === 'success' ? state.failure : undefined;
    return failure && new JourneyError(failure.code, failure.message, failure.retryable);
  }
  /** A bank step that failed or was cancelled: the authenticate step's heading says so. */
  get bankFailed() {
    const state = this.#state;
    return state.step === 'authenticate' && state.phase === 'failed';
  }
  get notice(): Notice | undefined {
    const state = this.#state;
    if (state.step === 'institution' && state.preselectedUnavailable) return 'preselected-unavailable';
    if (state.step !== 'authenticate') return undefined;
    if (state.phase === 'popup-blocked' || state.phase === 'bank-closed') return state.phase;
    if (state.phase === 'at-bank' && state.via !== 'redirect') return state.via === 'host' ? 'handoff-cancelled' : 'popup-open';
    return undefined;
  }

  /**
   * The institutions the config shows. Worked out from the loaded list on each read, not once on load:
   * the editor's preview changes the selection while the list stays loaded. The same array comes back
   * while neither changes (the bank search indexes it by identity).
   */
  get institutions(): InstitutionsState {
    const loaded = this.#loaded;
    const selection = this.options.config()?.institutions;
    if (loaded.status !== 'ready' || selection?.mode !== 'selected') return loaded;
    const key = selection.selected.join(',');
    if (this.#shown?.from !== loaded.list || this.#shown.key !== key) {
      this.#shown = { from: loaded.list, key, list: loaded.list.filter((i) => selection.selected.includes(i.id)) };
    }
    return { ...loaded, list: this.#shown.list };
  }

  /** The scopes to request: every required cluster plus the optional ones ticked (Rule 4.11(2)). */
  get clusters(): string[] {
    const permissions = this.options.config()?.consent.permissions ?? [];
    return permissions.filter((p) => p.required || this.#state.chosen.includes(p.cluster)).map((p) => p.cluster);
  }

  get institution(): Institution | undefined {
    return this.institutions.list.find((i) => i.id === this.institutionId);
  }

  /** Whether Back leads anywhere from the current step. */
  get canGoBack(): boolean {
    return canGoBack(this.#state);
  }

  // --- What the steps do ---------------------------------------------------------------------------

  toggleCluster(cluster: string, on: boolean) {
    this.#dispatch({ type: 'toggle', cluster, on });
  }

  next() {
    this.#dispatch({ type: 'next' });
  }

  search(query: string) {
    this.#dispatch({ type: 'search', query });
  }

  /** The one explicit agreement on the consent step. */
  async agree() {
    const preselected = this.options.preselected() ?? this.amendment?.institutionId;
    if (!preselected) {
      this.#dispatch({ type: 'agree' });
      return void this.loadInstitutions();
    }
    await this.loadInstitutions();
    const found = this.institutions.list.find((i) => i.id === preselected);
    const available = !!found && found.status !== 'down';
    this.#dispatch({ type: 'agree', ...(available ? { institutionId: preselected } : { preselectedUnavailable: true }) });
  }

  selectInstitution(id: string) {
    const institution = this.institutions.list.find((i) => i.id === id);
    if (institution && institution.status !== 'down') this.#dispatch({ type: 'select', institutionId: id });
  }

  back() {
    const state = this.#state;
    const skipPicker = state.step === 'authenticate' && !!(this.options.preselected() ?? this.amendment?.institutionId);
    const to: Record<string, Step> = { consent: 'intro', institution: 'consent', authenticate: skipPicker ? 'consent' : 'institution', progress: 'authenticate' };
    const target = to[state.step];
    if (target) this.#dispatch({ type: 'back', to: target });
  }

  /**
   * Preview only (the editor's step picker): shows `step` with stand-ins for what the end user
   * would have chosen (the first institution, a connection half done), without calling the backend.
   */
  async showStep(step: Step) {
    if (step !== 'intro' && step !== 'consent') await this.loadInstitutions();
    const stand = this.institutionId ?? this.institutions.list[0]?.id;
    const grant = step === 'success' && this.grants.length === 0 && stand ? [{ consentId: `preview-${stand}`, institutionId: stand }] : [];
    this.#cancelTask();
    const before = this.#state;
    this.#state = { ...transition(this.#state, { type: 'show', step, institutionId: stand }), ...(grant.length ? { grants: grant } : {}) };
    this.progress = step === 'progress' ? { tasks: [{ id: 'connect', status: 'done' }, { id: 'consent', status: 'active' }, { id: 'data', status: 'pending' }] } : undefined;
    this.host.requestUpdate();
    if (before.step !== this.#state.step) this.options.stepChanged(step);
  }

  /**
   * Whether "Leave" is offered: not while a connection the bank confirmed is being recorded (leaving
   * could not say truthfully whether anything was shared; it takes seconds).
   */
  get canLeave() {
    return !inFlight(this.#state) || this.#state.step !== 'progress';
  }

  /**
   * "Leave": asks first where choices past the consent step would be lost. On success the consent is
   * in place, so leaving finishes the journey, as "Done" does.
   */
  exit(reason = 'user-exit') {
    if (this.#state.step === 'success') return void this.complete();
    if (!this.canLeave) return;
    if (leavingLosesProgress(this.#state) && !this.#state.leaving) return this.#dispatch({ type: 'leave' });
    this.#dispatch({ type: 'exit', reason });
  }

  /** "Stay" in the leave confirmation. */
  stay() {
    this.#dispatch({ type: 'stay' });
  }

  restart() {
    this.options.backend().forgetResult();
    this.#dispatch({ type: 'restart' });
  }

  /**
   * "Try again". After a failed or cancelled bank step: back to "Continue to the bank". After losing
   * the service while following a connection: follow the same one again (it may have been granted
   * meanwhile, and a new authorisation would only find that consent). After any other failed
   * connection: a new authorisation at the same bank.
   */
  retry() {
    const state = this.#state;
    if (state.step === 'progress' && state.failure && !isTransient(state.failure)) return void this.handoff();
    this.#dispatch({ type: 'retry' });
  }

  async loadInstitutions() {
    if (this.#loaded.status === 'loading' || this.#loaded.status === 'ready') return;
    this.#loaded = { status: 'loading', list: [] };
    this.host.requestUpdate();
    try {
      // The service already filters by the published config; a `config` property (the editor's draft) may
      // differ, and the `institutions` getter applies it.
      this.#loaded = { status: 'ready', list: await this.options.backend().listInstitutions(this.#life.signal) };
    } catch (error) {
      if (this.#life.signal.aborted) return;
      this.#loaded = { status: 'error', list: [], error: asJourneyError(error) };
    }
    this.host.requestUpdate();
  }

  retryInstitutions() {
    this.#loaded = { status: 'idle', list: [] };
    void this.loadInstitutions();
  }

  /**
   * "Continue to the bank" (and "Try again"): one authorisation per intent — while one is being started,
   * more clicks change nothing.
   */
  async handoff() {
    const before = this.#state;
    this.#dispatch({ type: 'handoff' });
    const state = this.#state;
    if (state === before || state.step !== 'authenticate' || !state.institutionId) return;
    const work = this.#startTask('handoff');
    const backend = this.options.backend();
    const live = backend.kind === 'live';
    // A popup is opened now, in the click's own task, and pointed at the bank once the service answers:
    // opened after an await, browsers treat it as unrequested and block it (Safari always does).
    const wanted = this.options.handoffMode();
    const popup = wanted === 'popup' && live ? openPopup() : undefined;
    const blocked = wanted === 'popup' && live && !popup;
    try {
      const handoff = await backend.startAuthorisation(
        { institutionId: state.institutionId, clusters: this.clusters, mode: blocked ? 'redirect' : wanted, returnUrl: location.href, amend: state.amend },
        work.signal,
      );
      if ('existing' in handoff) {
        popup?.close();
        return this.#dispatch({ type: 'consent-exists', consentId: handoff.existing });
      }
      // Left meanwhile ("Leave", the element removed): nothing more happens for this click.
      if (work.signal.aborted || this.#state.step !== 'authenticate' || this.#state.phase !== 'starting') return popup?.close();
      const { authorisationId, url } = handoff;
      if (!url) {
        popup?.close();
        this.#dispatch({ type: 'at-bank', authorisationId, via: 'host' });
        return this.#dispatch({ type: 'bank-done', authorisationId });
      }
      // The host may open the bank page itself (a mobile web view) by cancelling the event.
      if (!this.options.emit('consent-handoff', { url }, true)) {
        popup?.close();
        return this.#dispatch({ type: 'at-bank', authorisationId, via: 'host' });
      }
      // Says so rather than failing silently; "Continue in this page" then leaves for the bank.
      if (blocked) return this.#dispatch({ type: 'popup-blocked', authorisationId, url });
      // The state is saved before the page is left: whatever happens next, a reload knows the authorisation.
      this.#dispatch({ type: 'at-bank', authorisationId, via: popup ? 'popup' : 'redirect' });
      if (!popup) return navigateTo(url);
      showInPopup(popup, url);
      this.#popup.watch(popup, this.#life.signal, this.#onPopupAbandoned(authorisationId));
    } catch (error) {
      popup?.close();
      if (!work.signal.aborted) this.#dispatch({ type: 'failed', failure: asFailure(error) });
    }
  }

  /** Whether this page holds the bank's popup (not after a reload): "Show the bank window" works. */
  get popupHeld() {
    return this.#popup.held;
  }

  /** Brings the bank popup to the front ("Show the bank window"). */
  focusPopup() {
    this.#popup.focus();
  }

  /**
   * Back at the bank in a new window: after a reload this page no longer holds the old one (it may
   * have been closed). The old request is left to finish or lapse; this one starts afresh.
   */
  bankAgain() {
    this.#dispatch({ type: 'bank-left' });
    void this.handoff();
  }

  /** After a blocked popup: continue to the bank in this page. */
  continueHere() {
    const state = this.#state;
    if (state.step !== 'authenticate' || state.phase !== 'popup-blocked' || !state.url) return;
    this.#dispatch({ type: 'continue-here' });
    navigateTo(state.url);
  }

  /** Success: offer another bank (`flow.allowMultipleConnections`). */
  connectAnother() {
    this.options.backend().forgetResult();
    this.#dispatch({ type: 'connect-another' });
    void this.loadInstitutions();
  }

  /** Ends the journey: consent-complete, then the partner's redirect (never in a preview). */
  async complete() {
    // A second click on Done while the first finishes would meet a spent session.
    if (this.#task?.key === 'complete') return;
    const backend = this.options.backend();
    const work = this.#startTask('complete');
    try {
      const completion = await backend.complete(this.grants, work.signal);
      backend.forgetResult();
      clearJourney(this.options.storageKey());
      this.options.emit('consent-complete', { consentIds: [...completion.consentIds] });
      const redirectUrl = this.options.config()?.flow.redirectUrl;
      const target = redirectUrl ? redirectTarget(redirectUrl, completion.consentIds, completion.state) : undefined;
      if (target && backend.kind === 'live') return navigateTo(target);
      this.#dispatch({ type: 'finished', redirect: target });
    } catch (error) {
      if (!work.signal.aborted) this.#dispatch({ type: 'failed', failure: asFailure(error) });
    }
  }

  // --- The shell -----------------------------------------------------------------------------------

  #dispatch(event: JourneyEvent) {
    const before = this.#state;
    const after = transition(before, event);
    if (after === before) return;
    this.#state = after;
    if (after.step !== before.step || (after.step === 'authenticate' && before.step === 'authenticate' && after.phase !== before.phase)) this.progress = undefined;
    this.#save();
    this.host.requestUpdate();
    this.#report(before, after);
    this.#sync(false);
  }

  /** What the change means outside the state (journey-effects.ts), carried out. */
  #report(before: JourneyState, after: JourneyState) {
    const effects = effectsOf(before, after, { skipSuccessScreen: !!this.options.config()?.flow.skipSuccessScreen });
    if (effects.viewChanged) this.options.viewChanged();
    if (effects.step) {
      this.options.stepChanged(effects.step.step);
      this.#history?.moved(effects.step.step, effects.step.newEntry);
    }
    this.#announce();
    if (effects.forgetResult) this.options.backend().forgetResult();
    if (effects.clearSaved) clearJourney(this.options.storageKey());
    if (effects.exit) this.options.emit('consent-exit', effects.exit);
    if (effects.error) this.options.emit('consent-error', effects.error);
    if (effects.complete) void this.complete();
  }

  /** `consent-granted` for each consent of this journey not yet announced on this page. */
  #announce() {
    for (const grant of this.#state.grants) {
      if (this.#announcedHere.has(grant.consentId)) continue;
      this.#announcedHere.add(grant.consentId);
      this.options.emit('consent-granted', { consentId: grant.consentId, institutionId: grant.institutionId });
    }
  }

  /** Starts the I/O the state asks for (see `taskFor`), unless it is already running. */
  #sync(restored: boolean) {
    const state = this.#state;
    if (state.step !== 'authenticate' || state.phase !== 'at-bank') this.#popup.close();
    const key = taskFor(state, restored);
    if (key === this.#task?.key && !restored) return;
    // A hand-over or a completion is started (and ended) by the action itself.
    if (key === 'handoff' || (key === 'complete' && this.#task?.key === 'complete')) return;
    this.#cancelTask();
    if (!key || key === 'complete') return;
    const work = this.#startTask(key);
    const onProgress = (update: ProgressUpdate) => {
      this.progress = update;
      this.host.requestUpdate();
    };
    runPatiently(key, this.options.backend(), work.signal, onProgress, asFailure).then(
      (event) => work.signal.aborted || this.#dispatch(event),
      (error: unknown) => work.signal.aborted || this.#dispatch({ type: 'failed', failure: asFailure(error) }),
    );
  }

  /** The end user closed the bank's popup and no answer followed: that step ends (not the journey). */
  #onPopupAbandoned(authorisationId: string) {
    return () => {
      const state = this.#state;
      if (state.step === 'authenticate' && state.authorisationId === authorisationId) this.#dispatch({ type: 'bank-closed' });
    };
  }

  #startTask(key: string): AbortController {
    this.#cancelTask();
    const work = new AbortController();
    const onLifeEnd = () => work.abort(this.#life.signal.reason);
    this.#life.signal.addEventListener('abort', onLifeEnd, { once: true, signal: work.signal });
    this.#task = { key, work };
    return work;
  }

  #cancelTask() {
    this.#task?.work.abort(new DOMException('The step ended', 'AbortError'));
    this.#task = undefined;
  }

  async #loadAmendment(fresh: boolean) {
    try {
      this.amendment = await this.options.backend().amendment?.(this.#life.signal);
    } catch {
      return; // the journey still works; it just cannot show what changes
    }
    if (!this.amendment) return;
    // Rule 4.12C: an amendment may show the current selections pre-selected.
    if (fresh) this.#dispatch({ type: 'choose', clusters: this.amendment.clusters });
    this.host.requestUpdate();
  }

  #save() {
    const state = this.#state;
    if (state.step === 'exited' || state.step === 'finished') return;
    saveJourney(this.options.storageKey(), { state, owner: this.options.owner() });
  }
}
