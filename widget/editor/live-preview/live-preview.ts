import { LitElement, css, html } from 'lit';
import type { Config } from '../../../schema/index.js';
import type { DraftEvent } from '../../../schema/api/editor.js';
import { previewBackend } from '../../backend/preview-backend.js';
import type { JourneyBackend } from '../../backend/journey-backend.js';
import type { Institution } from '../../../schema/api/institution.js';
import { editorEnAU } from '../i18n/en-AU.js';

/**
 * @summary `/preview/{appId}`: the journey on the draft, following every save live over Server-Sent
 * Events (no polling). EventSource reconnects by itself; the stream starts with the institutions to
 * choose from, then the current draft.
 */
export class ConsentLivePreview extends LitElement {
  static override properties = {
    events: { type: String },
    app: { type: String },
    config: { state: true },
    connected: { state: true },
    revision: { state: true },
  };

  /** The SSE stream's URL (carries the preview-link token when there is no editor session). */
  declare events: string;
  /** The application whose draft this is: the bank step lists its institutions. */
  declare app: string;
  declare protected config: Config | undefined;
  declare protected connected: boolean;
  declare protected revision: number;

  #source: EventSource | undefined;
  #backend: { app: string; institutions: readonly Institution[] | undefined; backend: JourneyBackend } | undefined;
  /** Every bank the app may offer (the stream's `institutions`): the draft's selection filters them. */
  #institutions: readonly Institution[] | undefined;

  constructor() {
    super();
    this.events = '';
    this.app = '';
    this.connected = false;
    this.revision = 0;
  }

  static override styles = css`
    :host {
      display: block;
      font: 15px/1.5 system-ui, sans-serif;
      color: #1b1f22;
    }
    h1 {
      font-size: 16px;
      text-align: center;
      margin: 8px;
    }
    .status {
      text-align: center;
      margin: 8px;
      font-size: 13px;
      color: #3d4449;
    }
  `;

  override connectedCallback() {
    super.connectedCallback();
    if (!this.events) return;
    this.#source = new EventSource(this.events);
    this.#source.addEventListener('open', () => (this.connected = true));
    this.#source.addEventListener('error', () => (this.connected = false));
    this.#source.addEventListener('institutions', (event) => {
      this.#institutions = (JSON.parse((event as MessageEvent<string>).data) as { data: Institution[] }).data;
      this.requestUpdate();
    });
    this.#source.addEventListener('draft', (event) => {
      const draft = JSON.parse((event as MessageEvent<string>).data) as DraftEvent;
      this.config = draft.config;
      this.revision = draft.revision;
      this.connected = true;
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#source?.close();
  }

  /**
   * The journey's no-side-effect backend: the banks the stream sent, which the draft's selection filters
   * (the app's public list, until they arrive, holds only the published selection). One per list, so the
   * journey keeps its state between drafts.
   */
  #previewBackend(): JourneyBackend {
    const institutions = this.#institutions;
    if (this.#backend?.app !== this.app || this.#backend.institutions !== institutions) {
      const backend = institutions
        ? previewBackend({ service: location.origin, app: undefined, institutions })
        : previewBackend({ service: location.origin, app: this.app || undefined });
      this.#backend = { app: this.app, institutions, backend };
    }
    return this.#backend.backend;
  }

  protected override render() {
    const m = editorEnAU.livePreview;
    return html`<h1>${m.heading}</h1>
      <p class="status" role="status" data-revision=${this.revision}>${this.connected ? m.following : m.reconnecting}</p>
      ${this.config ? html`<consent-journey preview .config=${this.config} .backend=${this.#previewBackend()}></consent-journey>` : html`<p class="status">${m.waiting}</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consent-live-preview': ConsentLivePreview;
  }
}
