import { LitElement, html, type PropertyValues } from 'lit';
import type { Config } from '../../schema/index.js';
import type { HandoffMode, JourneyBackend } from '../backend/journey-backend.js';
import { selectBackend } from '../backend/select-backend.js';
import { ConfigLoader, ConfigLoadError, LoadStatus } from '../config/config-controller.js';
import type { PartialConfig } from '../config/complete-config.js';
import { emit, STEPS, type ConsentEventDetails, type ConsentEventName, type Step } from '../events.js';
import { messagesFor } from '../i18n/catalogue.js';
import { trackEvent } from '../journey/analytics.js';
import { firstAnnouncement, JourneyController } from '../journey/journey-controller.js';
import { journeyKey, journeyOwner } from '../journey/journey-state.js';
import { SCRIPT_ORIGIN } from '../shared/script-origin.js';
import { journeyFrame } from '../steps/journey-frame.js';
import type { StepContext } from '../steps/step-context.js';
import { themeCss } from '../theme/theme.js';
import { useWebFont } from '../theme/web-font.js';
import { stepStyles } from '../steps/steps.styles.js';
import { journeyStyles } from './consent-journey.styles.js';

/**
 * @summary The CDR consent journey, rendered from an application's config: intro → consent →
 * institution → authenticate → progress → success.
 *
 * @fires consent-ready - Exactly once per element, when the first step is on screen.
 * @fires consent-step - Each time the journey moves to a step; detail {step}.
 * @fires consent-handoff - Cancelable, before leaving for the bank; detail {url}. Cancel it to open the URL yourself.
 * @fires consent-granted - A bank confirmed a consent; detail {consentId, institutionId}.
 * @fires consent-exit - The end user left, or closed the bank window; detail {step, reason}.
 * @fires consent-error - The config could not be loaded, or a step failed; detail {code, message}.
 * @fires consent-complete - The journey ended with these consents; detail {consentIds}.
 *
 * @csspart header - The bar above every step: step count and the leave button.
 * @csspart title - Each step's heading.
 * @csspart card - The bordered sections of a step.
 * @csspart button-primary - The main action.
 * @csspart button-secondary - Back and other secondary actions.
 * @csspart exit - The leave button.
 * @csspart institution - Each bank in the picker.
 * @csspart search - The bank search box.
 * @csspart progress - The connection's step list.
 *
 * @cssproperty --consent-color-primary - Set from `appearance.colors.primary`; every `--consent-*`
 * property can be overridden from outside.
 */
export class ConsentJourney extends LitElement {
  static override styles = [journeyStyles, stepStyles];

  static override properties = {
    app: { type: String },
    service: { type: String },
    session: { type: String },
    preview: { type: Boolean },
    locale: { type: String },
    institution: { type: String },
    handoff: { type: String },
    layout: { type: String },
    config: { attribute: false },
    backend: { attribute: false },
  };

  /** The application whose published config to render. */
  declare app: string | undefined;
  /** The service's base URL; defaults to the origin that served the script. */
  declare service: string;
  /** A session token from the partner's server. */
  declare session: string | undefined;
  /** Render with no side effects (the editor preview, the demo page). */
  declare preview: boolean;
  declare locale: string | undefined;
  /**
   * `auto` (default): the mobile layout below `appearance.wrapper.desktopWidth` of viewport width.
   * `mobile` or `desktop` force one, for a host that knows better than the viewport: the editor's
   * phone-sized preview on a wide screen, or a narrow sidebar.
   */
  declare layout: 'auto' | 'mobile' | 'desktop';
  /** An institution id to pre-select, skipping the picker. */
  declare institution: string | undefined;
  /** How the bank's page opens: `redirect` (default) or `popup`. */
  declare handoff: HandoffMode;
  /** A config object; overrides the fetched config. */
  declare config: PartialConfig | undefined;
  /** Replaces the backend chosen from the attributes (tests, hosts with their own transport). */
  declare backend: JourneyBackend | undefined;

  readonly #themeSheet = new CSSStyleSheet();
  readonly #config = new ConfigLoader(this, () => ({ config: this.config, app: this.app, service: this.service, locale: this.locale, session: this.session }));
  readonly #journey = new JourneyController(this, {
    backend: () => this.#backend(),
    config: () => this.#config.value,
    storageKey: () => (this.config && !this.app ? undefined : journeyKey(this)),
    owner: () => journeyOwner(this.session),
    preselected: () => this.institution || undefined,
    handoffMode: () => (this.handoff === 'popup' ? 'popup' : 'redirect'),
    emit: (name, detail, cancelable) => this.#emit(name, detail, cancelable),
    stepChanged: (step) => this.#emit('consent-step', { step }),
    viewChanged: () => (this.#moveFocus = true),
  });
  #defaultBackend: { key: string; backend: JourneyBackend } | undefined;
  #ready = false;
  /** Events from before `consent-ready` (a result read on load, a failed resume): fired right after it. */
  #early: (() => void)[] = [];
  #moveFocus = false;
  #hadFocus = false;
  #releaseFont: (() => void) | undefined;
  #fontUrl = '';
  #layoutQuery: MediaQueryList | undefined;
  readonly #onLayoutChange = () => this.#applyLayout();

  constructor() {
    super();
    this.service = SCRIPT_ORIGIN;
    this.preview = false;
    this.handoff = 'redirect';
    this.layout = 'auto';
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot() as ShadowRoot;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#themeSheet];
    return root;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#releaseFont?.();
    this.#releaseFont = undefined;
    this.#fontUrl = '';
    this.#layoutQuery?.removeEventListener('change', this.#onLayoutChange);
    this.#layoutQuery = undefined;
  }

  protected override render() {
    const { messages } = messagesFor(this.locale);
    const { status, value, error } = this.#config;
    if (status === LoadStatus.Complete && value) return this.#renderJourney(value);
    if (status === LoadStatus.Error) {
      return html`<div class="status error" role="alert">
        <h2 class="step-heading" tabindex="-1">${messages.errorTitle}</h2>
        <p>${messages.configErrors[error instanceof ConfigLoadError ? error.code : 'config-unavailable']}</p>
        <button type="button" class="button button--secondary" part="button-secondary" @click=${() => void this.#config.run()}>
          ${messages.errorRetry}
        </button>
      </div>`;
    }
    return html`<p class="status" role="status">${messages.loading}</p>`;
  }

  /** Theme, font and layout go on before the render (the config has loaded by now), so the first frame is styled once. */
  protected override update(changed: PropertyValues) {
    const config = this.#config.value;
    if (this.#config.status === LoadStatus.Complete && config) this.#applyAppearance(config.appearance);
    this.#hadFocus = !!this.shadowRoot?.activeElement;
    super.update(changed);
  }

  protected override updated(changed: PropertyValues) {
    const config = this.#config.value;
    if (this.#config.status === LoadStatus.Complete && config) {
      if (!this.#ready) {
        this.#ready = true;
        this.#emit('consent-ready', {});
        this.#emit('consent-step', { step: this.#journey.step });
        for (const fire of this.#early.splice(0)) fire();
      }
    }
    if (this.#config.status === LoadStatus.Error && !changed.has('query')) this.#reportError();
    this.#playEntrance();
    // Focus the new view's heading so screen readers announce it (WCAG 2.4.3), but never on first
    // render: the host page owns focus until the user interacts with the journey. And when the control
    // that had focus went away, focus goes to the heading rather than falling to the page's <body>.
    if (this.#moveFocus || (this.#hadFocus && !this.shadowRoot?.activeElement)) {
      this.#moveFocus = false;
      this.renderRoot.querySelector<HTMLElement>('.step-heading')?.focus();
    }
  }

  /** The step on screen (read-only; the journey moves by the end user's actions). */
  get currentStep(): Step {
    return this.#journey.step;
  }

  /**
   * Preview mode only: puts the journey on `step` (the editor's step picker). Focus stays where the
   * designer is; outside preview mode this does nothing, since a live journey moves only by the end user.
   */
  async showStep(step: Step): Promise<void> {
    if (this.#backend().kind !== 'preview') return;
    await this.#journey.showStep(step);
    this.#moveFocus = false;
  }

  #backend(): JourneyBackend {
    if (this.backend) return this.backend;
    const key = [this.service, this.app, this.session, this.preview].join('|');
    if (this.#defaultBackend?.key !== key) this.#defaultBackend = { key, backend: selectBackend(this) };
    return this.#defaultBackend.backend;
  }

  #emit<N extends ConsentEventName>(name: N, detail: ConsentEventDetails[N], cancelable = false, early = false): boolean {
    // Nothing of the journey's before consent-ready: a host listens from the moment the journey says it
    // is there (which reports the step it is on, so earlier step changes are not repeated). A config
    // that cannot load is the one thing said without it (`early`): there will be no consent-ready.
    if (!this.#ready && name !== 'consent-ready' && !early) {
      if (name !== 'consent-step') this.#early.push(() => this.#emit(name, detail, cancelable));
      return true;
    }
    if (name === 'consent-granted' && this.#backend().kind === 'live' && !firstAnnouncement((detail as ConsentEventDetails['consent-granted']).consentId)) return true;
    trackEvent(this.#config.value?.flow.gtmId ?? '', name, detail);
    return emit(this, name, detail, { cancelable });
  }


  #shownStep: string | undefined;
  /**
   * A step fades in when the journey moves to it (the Web Animations API, rather than a new element
   * per step for a CSS animation to restart). Never the first step, which must be whole in the first
   * frame, and never for those who asked for less motion (WCAG 2.3.3).
   */
  #playEntrance() {
    const step = this.renderRoot.querySelector<HTMLElement>('.step');
    const shown = step?.dataset.step;
    if (!step || shown === this.#shownStep) return;
    const first = this.#shownStep === undefined;
    this.#shownStep = shown;
    if (first || matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    step.animate([{ opacity: 0, transform: 'translateY(4px)' }, {}], { duration: 160, easing: 'ease-out' });
  }

  #appliedAppearance: Config['appearance'] | undefined;
  #appliedTheme = '';
  #applyAppearance(appearance: Config['appearance']) {
    // Most updates (a step, a search keystroke) keep the same appearance object: nothing to work out.
    if (appearance !== this.#appliedAppearance) {
      this.#appliedAppearance = appearance;
      // Only when the CSS changed: replacing the sheet restyles the whole shadow tree (each editor keystroke).
      const css = themeCss(appearance);
      if (css !== this.#appliedTheme) {
        this.#appliedTheme = css;
        this.#themeSheet.replaceSync(css);
      }
    }
    this.#applyFont(appearance.font.url);
    this.#applyLayout(appearance.wrapper.desktopWidth);
  }

  #applyFont(url: string) {
    if (url === this.#fontUrl) return;
    this.#releaseFont?.();
    this.#fontUrl = url;
    this.#releaseFont = useWebFont(url);
  }

  /** Below the configured desktop width the journey switches to its full-width mobile layout. */
  #applyLayout(width?: number) {
    if (width !== undefined && this.#layoutQuery?.media !== `(max-width: ${width}px)`) {
      this.#layoutQuery?.removeEventListener('change', this.#onLayoutChange);
      this.#layoutQuery = matchMedia(`(max-width: ${width}px)`);
      this.#layoutQuery.addEventListener('change', this.#onLayoutChange);
    }
    const mobile = this.layout === 'mobile' || (this.layout !== 'desktop' && (this.#layoutQuery?.matches ?? false));
    this.toggleAttribute('data-mobile', mobile);
  }

  #lastReportedError: unknown;
  #reportError() {
    const error = this.#config.error;
    if (error === this.#lastReportedError) return;
    this.#lastReportedError = error;
    const code = error instanceof ConfigLoadError ? error.code : 'config-unavailable';
    this.#emit('consent-error', { code, message: error instanceof Error ? error.message : String(error) }, false, true);
  }

  #renderJourney(config: Config) {
    const { locale, messages } = messagesFor(this.locale);
    const context: StepContext = {
      config,
      messages,
      locale,
      now: new Date(),
      preview: this.#backend().kind === 'preview',
      journey: this.#journey,
      query: this.#journey.query,
      setQuery: (query) => this.#journey.search(query),
    };
    return journeyFrame(context, STEPS.filter((s) => s !== 'success' || !config.flow.skipSuccessScreen));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consent-journey': ConsentJourney;
  }
}

