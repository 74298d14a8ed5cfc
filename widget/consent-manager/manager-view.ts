import type { html as litHtml, nothing as litNothing } from 'lit';
import type { Config } from '../../schema/index.js';
import type { ConsentView } from '../../schema/api/consent.js';
import type { JourneyError } from '../backend/journey-backend.js';
import { sessionApi } from '../backend/session-api.js';
import { completeConfig, type PartialConfig } from '../config/complete-config.js';
import { emit } from '../events.js';
import { consentCard } from './consent-card.js';
import { MANAGER_CSS } from './consent-manager.styles.js';
import { managerMessages, type ManagerMessages } from './manager-messages.js';

/** What the view needs from its element (widget/consent-manager/consent-manager.ts). */
export interface ManagerHost extends HTMLElement {
  readonly session: string | undefined;
  readonly service: string;
  readonly locale: string | undefined;
  readonly config: PartialConfig | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  applyTheme(config: Config, viewCss: string): void;
  navigate(url: string): void;
}

/**
 * What the view borrows from the main bundle: it is loaded lazily as widget.manager.js (most pages
 * never show the manager), and must render with the page's one copy of Lit.
 */
export interface ManagerRuntime {
  readonly html: typeof litHtml;
  readonly nothing: typeof litNothing;
  readonly JourneyError: typeof JourneyError;
}

/**
 * The manager's state and rendering: the user's consents, the stop-sharing confirmation (a native modal
 * dialog: focus trapped, Escape closes, the rest inert — WCAG 2.1.2, 2.4.3) and the announcement.
 */
export class ManagerView {
  consents: ConsentView[] | undefined;
  /** The code of the last failure, explained from the catalogue. */
  loadError: string | undefined;
  confirming: ConsentView | undefined;
  announcement = '';
  #abort: AbortController | undefined;
  #opener: HTMLElement | undefined;
  #deleteInstead = false;

  constructor(
    private readonly host: ManagerHost,
    private readonly runtime: ManagerRuntime,
  ) {}

  #call() {
    return sessionApi(this.host.service, this.host.session ?? '', this.runtime.JourneyError);
  }

  #set(changes: Partial<Pick<ManagerView, 'consents' | 'loadError' | 'confirming' | 'announcement'>>) {
    Object.assign(this, changes);
    this.host.requestUpdate();
  }

  #fail(error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code ?? 'unknown';
    emit(this.host, 'consent-error', { code, message });
    this.#set({ loadError: code });
  }

  async load() {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#set({ loadError: undefined });
    try {
      if (!this.host.session) throw new this.runtime.JourneyError('session-expired', 'Set the "session" attribute to a manage session token.', false);
      const call = this.#call();
      const [session, list] = await Promise.all([
        call<{ config: Config }>('/v1/session', { signal: abort.signal }),
        call<{ data: ConsentView[] }>('/v1/session/consents', { signal: abort.signal }),
      ]);
      this.host.applyTheme(completeConfig(this.host.config ?? session.config), MANAGER_CSS);
      this.#set({ consents: list.data });
    } catch (error) {
      if (!abort.signal.aborted) this.#fail(error);
    }
  }

  stop() {
    this.#abort?.abort();
  }

  render() {
    const { html, nothing } = this.runtime;
    const { locale, messages: m } = managerMessages(this.host.locale);
    return html`
      <h2 class="step-heading" part="title" tabindex="-1">${m.heading}</h2>
      <p class="notice" role="status" aria-live="polite" ?hidden=${!this.announcement}>${this.announcement}</p>
      ${this.loadError
        ? html`<div class="error" role="alert">
            <p><strong>${m.errorTitle}</strong></p>
            <p>${m.failures[this.loadError as keyof typeof m.failures] ?? m.failures.unknown}</p>
            <button type="button" class="button button--secondary" part="button-secondary" @click=${() => void this.load()}>${m.retry}</button>
          </div>`
        : !this.consents
          ? html`<p class="status" role="status">${m.loading}</p>`
          : this.consents.length === 0
            ? html`<p>${m.empty}</p>`
            : html`<ul class="consents">
                ${this.consents.map((consent) =>
                  consentCard(this.runtime, consent, m, locale, {
                    stop: (c, opener) => void this.#confirm(c, opener),
                    renew: (c) => void this.#renew(c),
                  }),
                )}
              </ul>`}
      ${this.confirming ? this.#renderDialog(this.confirming, m) : nothing}
    `;
  }

  #renderDialog(consent: ConsentView, m: ManagerMessages) {
    const { html, nothing } = this.runtime;
    return html`<dialog aria-labelledby="confirm-title" aria-describedby="confirm-what" @close=${() => this.#closed()}>
      <h2 id="confirm-title">${m.confirmTitle(consent.institutionName)}</h2>
      <p id="confirm-what">${consent.onRevocation === 'delete' ? m.confirmDelete : m.confirmDeidentify} ${m.confirmImmediate}</p>
      ${consent.onRevocation === 'deidentify'
        ? html`<label class="elect"><input type="checkbox" @change=${(e: Event) => (this.#deleteInstead = (e.target as HTMLInputElement).checked)} />${m.electDeletion}</label>`
        : nothing}
      <div class="actions">
        <button type="button" class="button button--secondary" part="button-secondary" autofocus @click=${() => this.#dialog()?.close()}>${m.cancel}</button>
        <button type="button" class="button button--primary" part="button-primary" @click=${() => void this.#revoke(consent)}>${m.confirmAction}</button>
      </div>
    </dialog>`;
  }

  /**
   * Renew (Rule 4.12C): the host may handle it (cancel `consent-renew`, e.g. to open the journey in a
   * dialog); otherwise the service issues an extend session and the journey opens for it.
   */
  async #renew(consent: ConsentView) {
    if (!emit(this.host, 'consent-renew', { consentId: consent.id }, { cancelable: true })) return;
    try {
      const { url } = await this.#call()<{ url: string }>('/v1/session/renewals', { method: 'POST', body: { consentId: consent.id }, signal: (this.#abort ??= new AbortController()).signal });
      this.host.navigate(url);
    } catch (error) {
      this.#fail(error);
    }
  }

  #dialog() {
    return this.host.renderRoot.querySelector('dialog');
  }

  async #confirm(consent: ConsentView, opener: HTMLElement) {
    this.#opener = opener;
    this.#deleteInstead = false;
    this.#set({ confirming: consent });
    await this.host.updateComplete;
    this.#dialog()?.showModal();
  }

  #closed() {
    this.#set({ confirming: undefined });
    this.#opener?.focus();
  }

  async #revoke(consent: ConsentView) {
    const { messages: m } = managerMessages(this.host.locale);
    try {
      const revoked = await this.#call()<ConsentView>(`/v1/session/consents/${encodeURIComponent(consent.id)}?deleteData=${this.#deleteInstead}`, {
        method: 'DELETE',
        signal: (this.#abort ??= new AbortController()).signal,
      });
      this.#opener = this.host.renderRoot.querySelector<HTMLElement>('.step-heading') ?? undefined;
      this.#set({
        consents: this.consents?.map((c) => (c.id === revoked.id ? revoked : c)),
        announcement: `${m.revoked(consent.institutionName)} ${revoked.dataHandled === 'delete' ? m.dataDeleted : m.dataDeidentified}`,
      });
      this.#dialog()?.close();
      emit(this.host, 'consent-revoked', { consentId: consent.id });
    } catch (error) {
      this.#dialog()?.close();
      this.#fail(error);
    }
  }
}
