import { LitElement, html, nothing } from 'lit';
import type { Config } from '../../schema/index.js';
import { JourneyError } from '../backend/journey-backend.js';
import { journeyStyles } from '../consent-journey/consent-journey.styles.js';
import type { PartialConfig } from '../config/complete-config.js';
import { messagesFor } from '../i18n/catalogue.js';
import { SCRIPT_ORIGIN } from '../shared/script-origin.js';
import { themeCss } from '../theme/theme.js';
import type { ManagerView } from './manager-view.js';

/**
 * @summary The end user's consent dashboard: what is shared, since and until when, the receipt; stop
 * sharing with a confirmation that says what happens to the data (Rule 1.14, 4.13, 4.16).
 *
 * @fires consent-revoked - A consent was withdrawn; detail {consentId}.
 * @fires consent-renew - The user asked to renew an expiring consent; detail {consentId}. Cancelable:
 *   a host that cancels it opens the journey itself; otherwise the page goes to the service's renewal
 *   journey (an extend session the service issues for this user).
 * @fires consent-error - Loading or revoking failed; detail {code, message}.
 *
 * @csspart card - Each consent.
 * @csspart status - A consent's status badge.
 * @csspart button-primary - Renew; the confirmation's action.
 * @csspart button-secondary - Stop sharing; cancel.
 */
export class ConsentManager extends LitElement {
  static override styles = journeyStyles;

  static override properties = {
    session: { type: String },
    service: { type: String },
    app: { type: String },
    locale: { type: String },
    config: { attribute: false },
  };

  /** A `manage` session token from the partner's server. */
  declare session: string | undefined;
  declare service: string;
  declare app: string | undefined;
  declare locale: string | undefined;
  /** Theme override (the editor); otherwise the session's published config. */
  declare config: PartialConfig | undefined;

  /** Where Renew takes the user (the hosted renewal journey); replaceable by a host or a test. */
  navigate: (url: string) => void = (url) => location.assign(url);

  readonly #themeSheet = new CSSStyleSheet();
  #view: ManagerView | undefined;

  constructor() {
    super();
    this.service = SCRIPT_ORIGIN;
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot() as ShadowRoot;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#themeSheet];
    return root;
  }

  override connectedCallback() {
    super.connectedCallback();
    // The view is its own file (widget.manager.js): pages that never show the manager never load it.
    void import('./manager-view.js').then(({ ManagerView }) => {
      if (!this.isConnected) return;
      this.#view ??= new ManagerView(this, { html, nothing, JourneyError });
      void this.#view.load();
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#view?.stop();
  }

  /** Applies the view's own rules and the application's theme (the view calls this once it has the config). */
  applyTheme(config: Config, viewCss: string) {
    this.#themeSheet.replaceSync(`${viewCss}\n${themeCss(config.appearance)}`);
  }

  protected override render() {
    return this.#view?.render() ?? html`<p class="status" role="status">${messagesFor(this.locale).messages.loading}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consent-manager': ConsentManager;
  }
}
