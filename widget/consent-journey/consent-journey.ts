import { LitElement, html, type PropertyValues } from 'lit';
import type { Config } from '../../schema/index.js';
import { configTask, ConfigLoadError } from '../config/config-controller.js';
import type { PartialConfig } from '../config/complete-config.js';
import { emit, type Step } from '../events.js';
import { messagesFor } from '../i18n/catalogue.js';
import { SCRIPT_ORIGIN } from '../shared/script-origin.js';
import { consentStep } from '../steps/consent-step.js';
import { headerImage } from '../steps/header-image.js';
import { introStep } from '../steps/intro-step.js';
import type { StepContext } from '../steps/step-context.js';
import { themeCss } from '../theme/theme.js';
import { journeyStyles } from './consent-journey.styles.js';

/**
 * @summary The CDR consent journey, rendered from an application's config.
 *
 * @fires consent-ready - Once, when the first step is on screen.
 * @fires consent-step - Each time the journey moves to a step; detail {step}.
 * @fires consent-error - The config could not be loaded, or a step failed; detail {code, message}.
 *
 * @csspart title - Each step's heading.
 * @csspart card - The bordered sections of a step.
 * @csspart button-primary - The main action.
 * @csspart button-secondary - Back and other secondary actions.
 *
 * @cssproperty --consent-color-primary - Set from `appearance.colors.primary`; override from outside.
 */
export class ConsentJourney extends LitElement {
  static override styles = journeyStyles;

  static override properties = {
    app: { type: String },
    service: { type: String },
    session: { type: String },
    preview: { type: Boolean },
    locale: { type: String },
    institution: { type: String },
    config: { attribute: false },
    step: { state: true },
    chosenClusters: { state: true },
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
  /** An institution id to pre-select, skipping the picker. */
  declare institution: string | undefined;
  /** A config object; overrides the fetched config. */
  declare config: PartialConfig | undefined;

  declare protected step: Step;
  declare protected chosenClusters: ReadonlySet<string>;

  readonly #themeSheet = new CSSStyleSheet();
  readonly #config = configTask(this, () => ({ config: this.config, app: this.app, service: this.service }));
  #ready = false;
  #stepChanged = false;

  constructor() {
    super();
    this.service = SCRIPT_ORIGIN;
    this.preview = false;
    this.step = 'intro';
    this.chosenClusters = new Set();
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot() as ShadowRoot;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#themeSheet];
    return root;
  }

  protected override render() {
    const { messages } = messagesFor(this.locale);
    return this.#config.render({
      pending: () => html`<p class="status" role="status">${messages.loading}</p>`,
      error: (error) => html`<div class="status error" role="alert">
        <h2 class="step-heading" tabindex="-1">${messages.errorTitle}</h2>
        <p>${error instanceof Error ? error.message : String(error)}</p>
        <button type="button" class="button button--secondary" part="button-secondary" @click=${() => void this.#config.run()}>
          ${messages.errorRetry}
        </button>
      </div>`,
      complete: (config) => this.#renderStep(config),
    });
  }

  protected override updated(changed: PropertyValues) {
    const config = this.#config.value;
    if (this.#config.status === 2 /* COMPLETE */ && config) {
      this.#themeSheet.replaceSync(themeCss(config.appearance));
      if (!this.#ready) {
        this.#ready = true;
        emit(this, 'consent-ready', {});
        emit(this, 'consent-step', { step: this.step });
      }
    }
    if (this.#config.status === 3 /* ERROR */ && !changed.has('step')) this.#reportError();
    // Move focus to the new step's heading so screen readers announce it (WCAG 2.4.3), but never on
    // first render: the host page owns focus until the user interacts with the journey.
    if (changed.has('step') && this.#stepChanged) {
      this.#stepChanged = false;
      this.renderRoot.querySelector<HTMLElement>('.step-heading')?.focus();
    }
  }

  #lastReportedError: unknown;
  #reportError() {
    const error = this.#config.error;
    if (error === this.#lastReportedError) return;
    this.#lastReportedError = error;
    const code = error instanceof ConfigLoadError ? error.code : 'config-unavailable';
    emit(this, 'consent-error', { code, message: error instanceof Error ? error.message : String(error) });
  }

  #goTo(step: Step) {
    if (step === this.step) return;
    this.step = step;
    this.#stepChanged = true;
    emit(this, 'consent-step', { step });
  }

  #renderStep(config: Config) {
    const { locale, messages } = messagesFor(this.locale);
    const context: StepContext = {
      config,
      messages,
      locale,
      now: new Date(),
      next: () => this.#goTo(this.step === 'intro' ? 'consent' : 'institution'),
      back: () => this.#goTo('intro'),
    };
    return html`
      ${this.preview ? html`<span class="preview-badge">${messages.previewBadge}</span>` : ''}
      ${headerImage(context, this.step === 'intro')}
      <div class="step" data-step=${this.step}>
        ${this.step === 'intro'
          ? introStep(context)
          : this.step === 'consent'
            ? consentStep(context, {
                chosen: this.chosenClusters,
                toggle: (scope, on) => {
                  const next = new Set(this.chosenClusters);
                  if (on) next.add(scope);
                  else next.delete(scope);
                  this.chosenClusters = next;
                },
              })
            : ''}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consent-journey': ConsentJourney;
  }
}
