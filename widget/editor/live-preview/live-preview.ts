import { LitElement, css, html } from 'lit';
import type { Config } from '../../../schema/index.js';
import type { DraftEvent } from '../../../schema/api/editor.js';
import { previewBackend } from '../../backend/preview-backend.js';
import type { JourneyBackend } from '../../backend/journey-backend.js';
import { editorEnAU } from '../i18n/en-AU.js';

/**
 * @summary `/preview/{appId}`: the journey on the draft, following every save live over Server-Sent
 * Events (no polling). EventSource reconnects by itself; the stream starts with the current draft.
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
  #backend: { app: string; backend: JourneyBackend } | undefined;

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

  /** The journey's no-side-effect backend, reading the app's institutions; one per app, so the journey keeps its state. */
  #previewBackend(): JourneyBackend {
    if (this.#backend?.app !== this.app) this.#backend = { app: this.app, backend: previewBackend({ service: location.origin, app: this.app || undefined }) };
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
