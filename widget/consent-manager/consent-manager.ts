import { LitElement, html, nothing } from 'lit';
import type { Config } from '../../schema/index.js';
import type { ConsentView } from '../../schema/api/consent.js';
import { JourneyError } from '../backend/journey-backend.js';
import { sessionApi } from '../backend/session-api.js';
import { journeyStyles } from '../consent-journey/consent-journey.styles.js';
import { completeConfig, type PartialConfig } from '../config/complete-config.js';
import { emit } from '../events.js';
import { SCRIPT_ORIGIN } from '../shared/script-origin.js';
import { themeCss } from '../theme/theme.js';
import { consentCard } from './consent-card.js';
import { managerStyles } from './consent-manager.styles.js';
import { managerMessages } from './manager-messages.js';

/**
 * @summary The end user's consent dashboard: what is shared, since and until when, the receipt; stop
 * sharing with a confirmation that says what happens to the data (Rule 1.14, 4.13, 4.16).
 *
 * @fires consent-revoked - A consent was withdrawn; detail {consentId}.
 * @fires consent-renew - The user asked to renew an expiring consent; detail {consentId}. The host
 *   creates an `extend` session and opens the journey with it.
 * @fires consent-error - Loading or revoking failed; detail {code, message}.
 *
 * @csspart card - Each consent.
 * @csspart status - A consent's status badge.
 * @csspart button-primary - Renew; the confirmation's action.
 * @csspart button-secondary - Stop sharing; cancel.
 */
export class ConsentManager extends LitElement {
  static override styles = [journeyStyles, managerStyles];

  static override properties = {
    session: { type: String },
    service: { type: String },
    app: { type: String },
    locale: { type: String },
    config: { attribute: false },
    consents: { state: true },
    loadError: { state: true },
    confirming: { state: true },
    announcement: { state: true },
  };

  /** A `manage` session token from the partner's server. */
  declare session: string | undefined;
  declare service: string;
  declare app: string | undefined;
  declare locale: string | undefined;
  /** Theme override (the editor); otherwise the session's published config. */
  declare config: PartialConfig | undefined;
  declare protected consents: ConsentView[] | undefined;
  declare protected loadError: string | undefined;
  declare protected confirming: ConsentView | undefined;
  declare protected announcement: string;

  readonly #themeSheet = new CSSStyleSheet();
  #abort: AbortController | undefined;
  #opener: HTMLElement | undefined;
  #deleteInstead = false;
  #brand = '';

  constructor() {
    super();
    this.service = SCRIPT_ORIGIN;
    this.announcement = '';
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot() as ShadowRoot;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#themeSheet];
    return root;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.#load();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  #call() {
    return sessionApi(this.service, this.session ?? '');
  }

  async #load() {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.loadError = undefined;
    try {
      if (!this.session) throw new JourneyError('timeout', 'Set the "session" attribute to a manage session token.', false);
      const call = this.#call();
      const [session, list] = await Promise.all([
        call<{ config: Config }>('/v1/session', { signal: abort.signal }),
        call<{ data: ConsentView[] }>('/v1/session/consents', { signal: abort.signal }),
      ]);
      const config = completeConfig(this.config ?? session.config);
      this.#brand = config.consent.brandName;
      this.#themeSheet.replaceSync(themeCss(config.appearance));
      this.consents = list.data;
    } catch (error) {
      if (abort.signal.aborted) return;
      this.#fail(error);
      this.loadError = error instanceof Error ? error.message : String(error);
    }
  }

  #fail(error: unknown) {
    emit(this, 'consent-error', { code: error instanceof JourneyError ? error.code : 'unknown', message: error instanceof Error ? error.message : String(error) });
  }

  protected override render() {
    const { locale, messages: m } = managerMessages(this.locale);
    return html`
      <h2 class="step-heading" part="title" tabindex="-1">${m.heading}</h2>
      <p class="notice" role="status" aria-live="polite" ?hidden=${!this.announcement}>${this.announcement}</p>
      ${this.loadError
        ? html`<div class="error" role="alert">
            <p><strong>${m.errorTitle}</strong></p>
            <p>${this.loadError}</p>
            <button type="button" class="button button--secondary" part="button-secondary" @click=${() => void this.#load()}>${m.retry}</button>
          </div>`
        : !this.consents
          ? html`<p class="status" role="status">${m.loading}</p>`
          : this.consents.length === 0
            ? html`<p>${m.empty}</p>`
            : html`<ul class="consents">
                ${this.consents.map((consent) =>
                  consentCard(consent, m, locale, {
                    stop: (c, opener) => this.#confirm(c, opener),
                    renew: (c) => emit(this, 'consent-renew', { consentId: c.id }),
                  }),
                )}
              </ul>`}
      ${this.#renderDialog(m)}
    `;
  }

  #renderDialog(m: ReturnType<typeof managerMessages>['messages']) {
    const consent = this.confirming;
    if (!consent) return html`<dialog aria-labelledby="confirm-title"></dialog>`;
    return html`<dialog aria-labelledby="confirm-title" aria-describedby="confirm-what" @close=${() => this.#closed()}>
      <h2 id="confirm-title">${m.confirmTitle(consent.institutionName)}</h2>
      <p id="confirm-what">
        ${consent.onRevocation === 'delete' ? m.confirmDelete : m.confirmDeidentify} ${m.confirmImmediate}
      </p>
      ${consent.onRevocation === 'deidentify'
        ? html`<label class="elect"
            ><input type="checkbox" @change=${(e: Event) => (this.#deleteInstead = (e.target as HTMLInputElement).checked)} />${m.electDeletion}</label
          >`
        : nothing}
      <div class="actions">
        <button type="button" class="button button--secondary" part="button-secondary" autofocus @click=${() => this.#dialog()?.close()}>${m.cancel}</button>
        <button type="button" class="button button--primary" part="button-primary" @click=${() => void this.#revoke(consent)}>${m.confirmAction}</button>
      </div>
    </dialog>`;
  }

  #dialog() {
    return this.renderRoot.querySelector('dialog');
  }

  async #confirm(consent: ConsentView, opener: HTMLElement) {
    this.#opener = opener;
    this.#deleteInstead = false;
    this.confirming = consent;
    await this.updateComplete;
    // showModal traps focus, makes the rest inert and closes on Escape (WCAG 2.1.2, 2.4.3).
    this.#dialog()?.showModal();
  }

  #closed() {
    this.confirming = undefined;
    this.#opener?.focus();
  }

  async #revoke(consent: ConsentView) {
    const { messages: m } = managerMessages(this.locale);
    try {
      const revoked = await this.#call()<ConsentView>(`/v1/session/consents/${encodeURIComponent(consent.id)}?deleteData=${this.#deleteInstead}`, {
        method: 'DELETE',
        signal: (this.#abort ??= new AbortController()).signal,
      });
      this.consents = this.consents?.map((c) => (c.id === revoked.id ? revoked : c));
      this.announcement = `${m.revoked(consent.institutionName)} ${revoked.dataHandled === 'delete' ? m.dataDeleted : m.dataDeidentified}`;
      this.#opener = this.renderRoot.querySelector<HTMLElement>('.step-heading') ?? undefined;
      this.#dialog()?.close();
      emit(this, 'consent-revoked', { consentId: consent.id });
    } catch (error) {
      this.#dialog()?.close();
      this.#fail(error);
      this.loadError = error instanceof Error ? error.message : String(error);
    }
  }

  /** The brand the dashboard belongs to (for hosts that title the page). */
  get brandName(): string {
    return this.#brand;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consent-manager': ConsentManager;
  }
}
