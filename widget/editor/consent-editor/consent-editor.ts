import { LitElement, html, nothing } from 'lit';
import type { Config, Institution } from '../../../schema/index.js';
import type { EditorSession, PreviewLink } from '../../../schema/api/editor.js';
import { dateTimeFormat } from '../../format/dates.js';
import { getAt, type FieldPath } from '../config-paths.js';
import { EditorApi, EditorApiError } from '../editor-api.js';
import { EditorState } from '../editor-state.js';
import { fieldId, type FieldContext } from '../fields/field-context.js';
import { HistoryController } from '../history/history-controller.js';
import { publishBar, versionList } from '../history/history-panel.js';
import { editorEnAU } from '../i18n/en-AU.js';
import { appearanceTab } from '../tabs/appearance-tab.js';
import { consentTab } from '../tabs/consent-tab.js';
import { flowTab } from '../tabs/flow-tab.js';
import { institutionsTab } from '../tabs/institutions-tab.js';
import { editorStyles } from './consent-editor.styles.js';
import { problemCounts, tabOf } from './problem-list.js';
import { tablist, type Tab } from './tablist.js';
import '../editor-preview/editor-preview.js';

const when = (iso: string) => dateTimeFormat('en-AU', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));

/**
 * @summary The designer's editor: four tabs, validation as you type, a live preview, publish and history.
 *
 * Everything goes through `/editor/api` with the editor-session cookie; no key reaches the page.
 * The form lives in `EditorState` (autosave with If-Match, local copy while invalid); publish and
 * versions in `HistoryController`.
 */
export class ConsentEditor extends LitElement {
  static override styles = editorStyles;

  static override properties = {
    apiBase: { type: String, attribute: 'api-base' },
    tab: { state: true },
    session: { state: true },
    loadError: { state: true },
    institutions: { state: true },
    institutionQuery: { state: true },
    uploadError: { state: true },
    previewLink: { state: true },
  };

  /** Where the editor API lives; the service serves the editor beside it. */
  declare apiBase: string;
  declare protected tab: Tab;
  declare protected session: EditorSession | undefined;
  declare protected loadError: string;
  declare protected institutions: Institution[] | undefined | null;
  declare protected institutionQuery: string;
  declare protected uploadError: string | undefined;
  declare protected previewLink: PreviewLink | undefined;

  readonly messages = editorEnAU;
  #api!: EditorApi;
  state!: EditorState;
  history!: HistoryController;

  constructor() {
    super();
    this.apiBase = '/editor/api';
    this.tab = 'consent';
    this.loadError = '';
    this.institutionQuery = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#api = new EditorApi(this.apiBase);
    this.state ??= new EditorState(this, this.#api, () => `consent-editor:${this.session?.appId ?? ''}`, (config) => this.#showInPreview(config));
    this.history ??= new HistoryController(this, this.#api, this.state);
    // The single-use link token has done its job; keep it out of history and bookmarks.
    if (location.search.includes('link=')) history.replaceState(null, '', location.pathname);
    void this.#load();
  }

  async #load() {
    try {
      const [session, draft] = await Promise.all([this.#api.session(), this.#api.draft()]);
      this.session = session;
      this.state.start(draft);
      void this.history.refresh();
      this.#api.institutions().then(
        (list) => (this.institutions = list),
        () => (this.institutions = null),
      );
    } catch (error) {
      this.loadError = error instanceof EditorApiError ? error.message : String(error);
    }
  }

  readonly #ctx: FieldContext = {
    messages: this.messages,
    value: (path) => getAt(this.state.form, path),
    problem: (path) => this.state.problems.get(path),
    set: (path, value) => this.state.set(path, value),
    // The preview owns its step (its picker and the journey move it too), so the shortcut goes through it.
    showStep: (step) => this.renderRoot.querySelector('consent-editor-preview')?.show(step),
  };

  async #upload(file: File) {
    this.uploadError = undefined;
    try {
      const { url } = await this.#api.uploadImage(file);
      this.state.set('appearance.headerImage.url', url);
    } catch (error) {
      this.uploadError = error instanceof EditorApiError ? error.message : String(error);
    }
  }

  /** From the problem list: the field's tab, then the field itself (when it is on screen). */
  async #goToField(path: FieldPath) {
    const tab = tabOf(path);
    if (tab) this.tab = tab;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${fieldId(path)}`)?.focus();
  }

  /** The draft straight into the preview, ahead of this element's own update (see EditorState.set). */
  #showInPreview(config: Config) {
    if (this.history.viewing) return;
    const preview = this.renderRoot.querySelector('consent-editor-preview');
    if (preview) preview.config = config;
  }

  async #createPreviewLink() {
    this.previewLink = await this.#api.previewLink();
  }

  protected override render() {
    const m = this.messages;
    if (this.loadError) return html`<p class="load-error" role="alert">${m.loadFailed(this.loadError)}</p>`;
    if (!this.session) return html`<p role="status">${m.loading}</p>`;
    const viewing = this.history.viewing;
    return html`<header class="top">
        <h1>${m.appTitle(this.session.appName)}</h1>
        <p class="status status--${this.state.status}" role="status">${this.#statusText()}</p>
        ${publishBar(m, this.state, this.history, (path) => void this.#goToField(path))}
      </header>
      ${this.#conflict()}
      ${this.state.restoredLocal ? html`<p class="notice">${m.restoredLocal}</p>` : nothing}
      <div class="layout">
        <section class="form" aria-label=${m.tabsLabel}>
          ${tablist(m, this.tab, (tab) => (this.tab = tab), problemCounts(this.state.problems))}
          <div class="tabpanel" role="tabpanel" id="panel-${this.tab}" aria-labelledby="tab-${this.tab}" tabindex="0">${this.#panel()}</div>
        </section>
        <section class="preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">${viewing ? m.viewingVersion(viewing.version) : m.previewLabel}</h2>
          <consent-editor-preview .config=${viewing?.config ?? this.state.valid} .messages=${m}
            .institutions=${this.institutions ?? undefined}
            @change=${(e: Event) => e.stopPropagation()}></consent-editor-preview>
          ${this.#previewLinkPanel()}
        </section>
      </div>
      ${versionList(m, this.state, this.history)}`;
  }

  protected override updated() {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#review');
    if (dialog && this.history.review && !dialog.open) dialog.showModal();
    if (dialog && !this.history.review && dialog.open) dialog.close();
    const confirm = this.renderRoot.querySelector<HTMLDialogElement>('#rollback-confirm');
    if (confirm && this.history.confirmingRollback !== undefined && !confirm.open) confirm.showModal();
    if (confirm && this.history.confirmingRollback === undefined && confirm.open) confirm.close();
  }

  #panel() {
    switch (this.tab) {
      case 'consent':
        return consentTab(this.#ctx);
      case 'appearance':
        return appearanceTab(this.#ctx, { uploadImage: (file) => void this.#upload(file), uploadError: this.uploadError });
      case 'institutions':
        return institutionsTab(this.#ctx, { all: this.institutions, query: this.institutionQuery, setQuery: (q) => (this.institutionQuery = q) });
      case 'flow':
        return flowTab(this.#ctx);
    }
  }

  #statusText() {
    const s = this.messages.status;
    switch (this.state.status) {
      case 'saved':
        return s.saved;
      case 'saving':
        return s.saving;
      case 'invalid':
        return s.invalid(this.state.problems.size);
      case 'offline':
        return s.offline;
      case 'conflict':
        return s.conflict;
      case 'expired':
        return s.expired;
    }
  }

  #conflict() {
    const conflict = this.state.conflict;
    if (this.state.status !== 'conflict' || !conflict) return nothing;
    const m = this.messages;
    return html`<div class="conflict" role="alert">
      <p>${m.conflictBody(conflict.updatedBy || '?', conflict.updatedAt ? when(conflict.updatedAt) : '?')}</p>
      <button type="button" class="button" id="conflict-reload" @click=${() => void this.#reloadTheirs()}>${m.conflictReload}</button>
      <button type="button" class="button" id="conflict-overwrite" @click=${() => void this.state.overwrite()}>${m.conflictOverwrite}</button>
    </div>`;
  }

  /** Someone else saved meanwhile: they may have published too, so the version list is read again. */
  async #reloadTheirs() {
    await this.state.reloadTheirs();
    await this.history.refresh();
  }

  #previewLinkPanel() {
    const m = this.messages;
    const link = this.previewLink;
    return html`<details class="preview-link">
      <summary>${m.previewLink}</summary>
      <button type="button" class="button button--small" @click=${() => void this.#createPreviewLink()}>${m.previewLinkCreate}</button>
      ${link
        ? html`<p><a href=${link.url} target="_blank" rel="noopener">${link.url}</a></p>
            <p>${m.previewLinkExpires(when(link.expiresAt))}</p>
            <img class="qr" alt=${m.previewLinkQr} src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(link.qrSvg)}" />`
        : nothing}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consent-editor': ConsentEditor;
  }
}
