import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Config } from '../../schema/index.js';
import type { Institution } from '../../schema/api/institution.js';
import { JourneyError, type Amendment, type Grant, type HandoffMode, type JourneyBackend, type ProgressUpdate } from '../backend/journey-backend.js';
import type { ConsentEventDetails, ConsentEventName, Step } from '../events.js';
import { navigateTo, openPopup, redirectTarget, showInPopup, watchPopup } from './handoff.js';
import { clearJourney, loadJourney, saveJourney } from './journey-state.js';
import { sleep } from './timers.js';

/** How long a closed bank popup waits for the bank's answer before the step counts as abandoned. */
const BANK_CLOSED_GRACE_MS = 1200;

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
  readonly preselected: () => string | undefined;
  readonly handoffMode: () => HandoffMode;
  readonly emit: <N extends ConsentEventName>(name: N, detail: ConsentEventDetails[N], cancelable?: boolean) => boolean;
  readonly stepChanged: (step: Step) => void;
}

/** A signal that aborts when `parent` does, or when the returned controller is aborted. */
function childOf(parent: AbortSignal): AbortController {
  const child = new AbortController();
  const onAbort = () => child.abort(parent.reason);
  if (parent.aborted) child.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  child.signal.addEventListener('abort', () => parent.removeEventListener('abort', onAbort), { once: true });
  return child;
}

const asJourneyError = (error: unknown) =>
  error instanceof JourneyError ? error : new JourneyError('unknown', error instanceof Error ? error.message : String(error));

/**
 * The journey's state machine: which step, what the end user chose, and every call to the backend.
 * Steps render from it and call its actions; it never renders. All async work is tied to the host's
 * connection: disconnecting aborts requests, clears timers and closes a bank popup.
 */
export class JourneyController implements ReactiveController {
  step: Step = 'intro';
  chosen: ReadonlySet<string> = new Set();
  institutionId: string | undefined;
  grants: readonly Grant[] = [];
  #loaded: InstitutionsState = { status: 'idle', list: [] };
  #shown: { from: readonly Institution[]; key: string; list: Institution[] } | undefined;

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
  progress: ProgressUpdate | undefined;
  error: JourneyError | undefined;
  notice: Notice | undefined;
  /** Set when the journey ended without leaving the page (a preview, or no redirect URL). */
  finished: { redirect?: string } | undefined;
  exited = false;
  /** Set for an `extend` session: the consent being renewed (its clusters start ticked, Rule 4.12C). */
  amendment: Amendment | undefined;

  #authorisationId: string | undefined;
  #life = new AbortController();
  #work: AbortController | undefined;
  #pendingUrl: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: JourneyHostOptions,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.#life = new AbortController();
    const saved = loadJourney(this.options.storageKey());
    if (saved && !this.exited && !this.finished) {
      this.step = saved.step;
      this.chosen = new Set(saved.chosen);
      this.institutionId = saved.institutionId;
      this.#authorisationId = saved.authorisationId;
      this.grants = saved.grants;
    }
    if (this.step !== 'intro' && this.step !== 'consent') void this.loadInstitutions();
    void this.#resume();
    void this.#loadAmendment(!saved);
  }

  hostDisconnected() {
    this.#life.abort(new DOMException('The journey element was removed', 'AbortError'));
    this.#work = undefined;
  }

  /** The scopes to request: every required cluster plus the optional ones ticked (Rule 4.11(2)). */
  get clusters(): string[] {
    const permissions = this.options.config()?.consent.permissions ?? [];
    return permissions.filter((p) => p.required || this.chosen.has(p.cluster)).map((p) => p.cluster);
  }

  get institution(): Institution | undefined {
    return this.institutions.list.find((i) => i.id === this.institutionId);
  }

  /** Whether Back leads anywhere from the current step. */
  get canGoBack(): boolean {
    return this.step !== 'intro' && this.step !== 'success' && !this.exited && !this.finished;
  }

  toggleCluster(scope: string, on: boolean) {
    const next = new Set(this.chosen);
    if (on) next.add(scope);
    else next.delete(scope);
    this.chosen = next;
    this.#changed();
  }

  next() {
    if (this.step === 'intro') this.#goTo('consent');
  }

  async #loadAmendment(fresh: boolean) {
    try {
      this.amendment = await this.options.backend().amendment?.(this.#life.signal);
    } catch {
      return; // the journey still works; it just cannot show what changes
    }
    if (!this.amendment) return;
    // Rule 4.12C: an amendment may show the current selections pre-selected.
    if (fresh) this.chosen = new Set(this.amendment.clusters);
    this.host.requestUpdate();
  }

  /** The institution to skip to: the `institution` attribute, or the consent being extended. */
  #preselected(): string | undefined {
    return this.options.preselected() ?? this.amendment?.institutionId;
  }

  /** The one explicit agreement on the consent step. */
  async agree() {
    const preselected = this.#preselected();
    if (!preselected) return this.#goTo('institution', () => void this.loadInstitutions());
    await this.loadInstitutions();
    const found = this.institutions.list.find((i) => i.id === preselected);
    if (found && found.status !== 'down') {
      this.institutionId = found.id;
      this.#goTo('authenticate');
    } else {
      this.#goTo('institution');
      this.notice = 'preselected-unavailable';
      this.#changed();
    }
  }

  selectInstitution(id: string) {
    const institution = this.institutions.list.find((i) => i.id === id);
    if (!institution || institution.status === 'down') return;
    this.institutionId = id;
    this.#goTo('authenticate');
  }

  back() {
    if (!this.canGoBack) return;
    const previous: Partial<Record<Step, Step>> = {
      consent: 'intro',
      institution: 'consent',
      authenticate: this.#preselected() && this.notice !== 'preselected-unavailable' ? 'consent' : 'institution',
      progress: 'authenticate',
    };
    this.#goTo(previous[this.step]!);
  }

  /**
   * Preview only (the editor's step picker, issue 6): shows `step` with stand-ins for what the end user
   * would have chosen (the first institution, a connection half done), without calling the backend.
   */
  async showStep(step: Step) {
    if (step !== 'intro' && step !== 'consent') await this.loadInstitutions();
    const stand = this.institutions.list[0]?.id;
    if (step === 'authenticate' || step === 'progress' || step === 'success') this.institutionId ??= stand;
    this.#cancelWork();
    Object.assign(this, { exited: false, finished: undefined, error: undefined, notice: undefined });
    if (step === 'progress') this.progress = { tasks: [{ id: 'connect', status: 'done' }, { id: 'consent', status: 'active' }, { id: 'data', status: 'pending' }] };
    if (step === 'success' && this.grants.length === 0 && this.institutionId) this.grants = [{ consentId: `preview-${this.institutionId}`, institutionId: this.institutionId }];
    if (step === this.step) return this.#changed();
    this.step = step;
    this.#changed();
    this.options.stepChanged(step);
  }

  /** Leaves the journey from any step: the host hears where and why. */
  exit(reason = 'user-exit') {
    const step = this.step;
    this.#cancelWork();
    clearJourney(this.options.storageKey());
    this.exited = true;
    this.#changed();
    this.options.emit('consent-exit', { step, reason });
  }

  restart() {
    this.#cancelWork();
    clearJourney(this.options.storageKey());
    Object.assign(this, { exited: false, finished: undefined, grants: [], chosen: new Set(), institutionId: undefined, notice: undefined, error: undefined });
    this.#authorisationId = undefined;
    this.step = 'intro';
    this.#changed();
    this.options.stepChanged('intro');
  }

  async loadInstitutions() {
    if (this.institutions.status === 'loading' || this.institutions.status === 'ready') return;
    this.#loaded = { status: 'loading', list: [] };
    this.#changed();
    try {
      const list = await this.options.backend().listInstitutions(this.#life.signal);
      // The service already filters by the published config; a `config` property (the editor's draft) may
      // differ, and the `institutions` getter applies it.
      this.#loaded = { status: 'ready', list };
    } catch (error) {
      if (this.#life.signal.aborted) return;
      this.#loaded = { status: 'error', list: [], error: asJourneyError(error) };
    }
    this.#changed();
  }

  retryInstitutions() {
    this.#loaded = { status: 'idle', list: [] };
    void this.loadInstitutions();
  }

  /** Leaves for the bank's page (or, in a preview, goes straight on). */
  async handoff() {
    const institutionId = this.institutionId;
    if (!institutionId) return this.#goTo('institution');
    const work = this.#startWork();
    this.error = undefined;
    this.notice = undefined;
    this.#changed();
    const backend = this.options.backend();
    // A popup is opened now, in the click's own task, and pointed at the bank once the service answers:
    // opened after an await, browsers treat it as unrequested and block it (Safari always does).
    const wanted = this.options.handoffMode();
    const popup = wanted === 'popup' && backend.kind === 'live' ? openPopup() : undefined;
    // A blocked popup becomes a redirect before the authorisation starts, so the bank sends the end user
    // back to this page (popup authorisations return to the service's callback page instead).
    const blocked = wanted === 'popup' && backend.kind === 'live' && !popup;
    const mode = blocked ? 'redirect' : wanted;
    try {
      const handoff = await backend.startAuthorisation({ institutionId, clusters: this.clusters, mode, returnUrl: location.href }, work.signal);
      if (work.signal.aborted) throw work.signal.reason;
      this.#authorisationId = handoff.authorisationId;
      this.#save();
      if (!handoff.url) {
        popup?.close();
        return this.#goTo('progress', () => void this.#watchProgress());
      }
      // The host may open the bank page itself (a mobile web view) by cancelling the event.
      if (!this.options.emit('consent-handoff', { url: handoff.url }, true)) {
        popup?.close();
        this.notice = 'handoff-cancelled';
        this.#changed();
        return this.#afterBank(handoff.authorisationId, work.signal);
      }
      if (blocked) {
        // Says so rather than failing silently; "Continue in this page" then leaves for the bank.
        this.#pendingUrl = handoff.url;
        this.notice = 'popup-blocked';
        return this.#changed();
      }
      if (!popup) return navigateTo(handoff.url);
      showInPopup(popup, handoff.url);
      this.notice = 'popup-open';
      this.#changed();
      watchPopup(popup, work.signal, () => {
        // Closed just as the bank finished, the service's answer may be a poll away: moving on to progress
        // ends this work (and this wait) first; only a bank that stays unfinished means the user gave up.
        sleep(BANK_CLOSED_GRACE_MS, work.signal).then(() => {
          work.abort();
          this.notice = 'bank-closed';
          this.#changed();
          this.options.emit('consent-exit', { step: 'authenticate', reason: 'bank-closed' });
        }, () => {});
      });
      this.#focusPopup = () => popup.focus();
      await this.#afterBank(handoff.authorisationId, work.signal);
    } catch (error) {
      popup?.close();
      if (work.signal.aborted) return;
      this.#fail(asJourneyError(error));
    }
  }

  /** Brings the bank popup to the front ("Show the bank window"). */
  #focusPopup: (() => void) | undefined;
  focusPopup() {
    this.#focusPopup?.();
  }

  /** After a blocked popup: continue to the bank in this page. */
  continueHere() {
    if (!this.#pendingUrl) return;
    this.#save();
    navigateTo(this.#pendingUrl);
  }

  /** Success: offer another bank (`flow.allowMultipleConnections`). */
  connectAnother() {
    this.institutionId = undefined;
    this.#authorisationId = undefined;
    this.#goTo('institution', () => void this.loadInstitutions());
  }

  /** Ends the journey: consent-complete, then the partner's redirect (never in a preview). */
  async complete() {
    const backend = this.options.backend();
    const work = this.#startWork();
    try {
      const completion = await backend.complete(this.grants, work.signal);
      clearJourney(this.options.storageKey());
      this.options.emit('consent-complete', { consentIds: [...completion.consentIds] });
      const redirectUrl = this.options.config()?.flow.redirectUrl;
      const target = redirectUrl ? redirectTarget(redirectUrl, completion.consentIds, completion.state) : undefined;
      if (target && backend.kind === 'live') return navigateTo(target);
      this.finished = target ? { redirect: target } : {};
      this.#changed();
    } catch (error) {
      if (!work.signal.aborted) this.#fail(asJourneyError(error));
    }
  }

  async #resume() {
    try {
      const returned = await this.options.backend().resume(this.#life.signal);
      if (returned) {
        this.#authorisationId = returned.authorisationId;
        return this.#goTo('progress', () => void this.#watchProgress());
      }
    } catch (error) {
      if (this.#life.signal.aborted) return;
      return this.#fail(asJourneyError(error));
    }
    if (this.step === 'progress') void this.#watchProgress();
  }

  async #afterBank(authorisationId: string, signal: AbortSignal) {
    await this.options.backend().awaitAuthorisation(authorisationId, signal);
    if (signal.aborted) return;
    this.#goTo('progress', () => void this.#watchProgress());
  }

  async #watchProgress() {
    const authorisationId = this.#authorisationId;
    if (!authorisationId) return this.#goTo('institution');
    const work = this.#startWork();
    this.error = undefined;
    try {
      const grant = await this.options.backend().watchProgress(authorisationId, (update) => {
        this.progress = update;
        this.#changed();
      }, work.signal);
      this.grants = [...this.grants, grant];
      this.options.emit('consent-granted', { consentId: grant.consentId, institutionId: grant.institutionId });
      if (this.options.config()?.flow.skipSuccessScreen) return void (await this.complete());
      this.#goTo('success');
    } catch (error) {
      if (!work.signal.aborted) this.#fail(asJourneyError(error));
    }
  }

  #fail(error: JourneyError) {
    this.error = error;
    this.#changed();
    this.options.emit('consent-error', { code: error.code, message: error.message });
  }

  #startWork(): AbortController {
    this.#cancelWork();
    this.#work = childOf(this.#life.signal);
    return this.#work;
  }

  #cancelWork() {
    this.#work?.abort(new DOMException('The step ended', 'AbortError'));
    this.#work = undefined;
    this.#focusPopup = undefined;
  }

  #goTo(step: Step, then?: () => void) {
    if (step !== this.step) {
      this.#cancelWork();
      this.error = undefined;
      this.notice = undefined;
      this.progress = undefined;
      this.step = step;
      this.#changed();
      this.options.stepChanged(step);
    }
    then?.();
  }

  #save() {
    saveJourney(this.options.storageKey(), {
      step: this.step,
      chosen: [...this.chosen],
      institutionId: this.institutionId,
      authorisationId: this.#authorisationId,
      grants: this.grants,
    });
  }

  #changed() {
    if (!this.exited && !this.finished) this.#save();
    this.host.requestUpdate();
  }
}
