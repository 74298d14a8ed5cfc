import { html, nothing } from 'lit';
import { dateTimeFormat } from '../../format/dates.js';
import type { FieldPath } from '../config-paths.js';
import { problemList } from '../consent-editor/problem-list.js';
import type { EditorState } from '../editor-state.js';
import type { EditorMessages } from '../i18n/editor-messages.js';
import type { FieldChange } from './config-diff.js';
import { fieldLabel } from './field-label.js';
import type { HistoryController } from './history-controller.js';

const when = (iso: string) => dateTimeFormat('en-AU', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** A value as the tabs show it: switches as On/Off, nothing as "(empty)". */
const shown = (m: EditorMessages, value: string | undefined) =>
  value === undefined || value === '' || value === '[]' ? m.diffEmpty : value === 'true' ? m.diffOn : value === 'false' ? m.diffOff : value;

export function diffTable(m: EditorMessages, changes: readonly FieldChange[], labels: { before: string; after: string }) {
  if (changes.length === 0) return html`<p>${m.publishNoChanges}</p>`;
  return html`<table class="diff">
    <thead><tr><th scope="col">${m.diffField}</th><th scope="col">${labels.before}</th><th scope="col">${labels.after}</th></tr></thead>
    <tbody>
      ${changes.map((c) => {
        const { tab, field } = fieldLabel(m, c.path);
        return html`<tr data-path=${c.path}>
          <th scope="row"><span class="diff__tab">${tab} ›</span> ${field}</th>
          <td class="diff__before">${shown(m, c.before)}</td>
          <td class="diff__after">${shown(m, c.after)}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** Why publishing is not possible right now, or '' when it is. */
export function publishBlocker(m: EditorMessages, state: EditorState): string {
  if (state.problems.size > 0) return m.publishBlocked(state.problems.size);
  if (!state.isSaved) return m.publishWaitSave;
  return '';
}

/** The publish button (blocked while any field is invalid or unsaved, the invalid ones listed) and its review dialog. */
export function publishBar(m: EditorMessages, state: EditorState, history: HistoryController, goTo: (path: FieldPath) => void) {
  const blocker = publishBlocker(m, state);
  return html`<div class="publish">
    <button type="button" class="button button--primary" id="publish" ?disabled=${blocker !== '' || history.busy}
      aria-describedby=${blocker ? 'publish-blocked' : nothing} @click=${() => void history.openReview()}>${m.publish}</button>
    ${blocker ? html`<p class="publish__blocked" id="publish-blocked">${blocker}</p>` : nothing}
    ${problemList(m, state.problems, goTo)}
    <div role="status" class="publish__notice">${history.notice}</div>
    ${history.canUndo
      ? html`<button type="button" class="button" id="undo-rollback" ?disabled=${history.busy} @click=${() => void history.undoRollback(m)}>${m.undoRollback}</button>`
      : nothing}
    ${history.error ? html`<p class="field__error" role="alert">${history.error}</p>` : nothing}
    ${problemList(m, history.errorFields, goTo)}
  </div>
  <dialog id="review" aria-labelledby="review-heading" @close=${() => history.closeReview()}>
    <h2 id="review-heading">${m.publishHeading}</h2>
    ${history.review ? diffTable(m, history.review, { before: m.diffLive, after: m.diffDraft }) : nothing}
    <div class="actions">
      <button type="button" class="button" @click=${() => history.closeReview()}>${m.publishCancel}</button>
      <button type="button" class="button button--primary" id="publish-confirm" ?disabled=${history.busy || blocker !== ''}
        @click=${() => void history.publish(m)}>${m.publishConfirm}</button>
    </div>
  </dialog>`;
}

/** The published versions, newest first: who and when, view, roll back into the draft. */
export function versionList(m: EditorMessages, state: EditorState, history: HistoryController) {
  return html`<section class="history" aria-labelledby="history-heading">
    <h2 id="history-heading">${m.historyHeading}</h2>
    ${history.versions.length === 0 ? html`<p>${m.historyEmpty}</p>` : nothing}
    <ol class="versions" reversed>
      ${history.versions.map(
        (v) => html`<li class="version" data-version=${v.version}>
          <span class="version__name">${m.version(v.version)}</span>
          ${v.live ? html`<span class="version__live">${m.live}</span>` : nothing}
          <span class="version__by">${m.publishedBy(v.publishedBy, when(v.publishedAt))}</span>
          <span class="version__actions">
            <button type="button" class="link-button" @click=${() => void history.view(v.version)}>${m.view(v.version)}</button>
            <button type="button" class="link-button" ?disabled=${history.busy || state.status === 'conflict'}
              @click=${() => history.askRollback(v.version)}>${m.rollBack(v.version)}</button>
          </span>
        </li>`,
      )}
    </ol>
    ${history.viewing
      ? html`<div class="viewing">
          <p><strong>${m.viewingVersion(history.viewing.version)}</strong>
            <button type="button" class="link-button" @click=${() => history.stopViewing()}>${m.backToDraft}</button></p>
          ${diffTable(m, history.viewedDiff(state.valid), { before: m.diffDraft, after: m.version(history.viewing.version) })}
        </div>`
      : nothing}
  </section>
  ${rollbackDialog(m, state, history)}`;
}

/**
 * "Roll back" asks first: which version, and that the draft (unpublished changes too) is replaced. A
 * modal dialog: focus starts on the safe choice and returns to the version's button when it closes.
 */
function rollbackDialog(m: EditorMessages, state: EditorState, history: HistoryController) {
  const version = history.confirmingRollback;
  return html`<dialog id="rollback-confirm" aria-labelledby="rollback-heading" aria-describedby="rollback-body" @close=${() => history.cancelRollback()}>
    ${version === undefined
      ? nothing
      : html`<h2 id="rollback-heading">${m.rollbackHeading(version)}</h2>
          <p id="rollback-body">${m.rollbackBody(version, state.saved?.revision ?? 0)}</p>
          <div class="actions">
            <button type="button" class="button" id="rollback-cancel" autofocus @click=${() => history.cancelRollback()}>${m.rollbackCancel}</button>
            <button type="button" class="button button--primary" id="rollback-confirm-button" ?disabled=${history.busy}
              @click=${() => void history.rollback(version, m)}>${m.rollbackConfirm(version)}</button>
          </div>`}
  </dialog>`;
}
