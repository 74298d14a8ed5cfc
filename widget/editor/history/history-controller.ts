import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Config } from '../../../schema/index.js';
import type { VersionDetail, VersionSummary } from '../../../schema/api/editor.js';
import { EditorApiError, type EditorApi } from '../editor-api.js';
import type { EditorState } from '../editor-state.js';
import { configDiff, type FieldChange } from './config-diff.js';

/**
 * Publish, the version list, viewing a version and rolling back (issue 6). Publishing sends the saved
 * draft's revision as If-Match, so what goes live is exactly what the designer reviewed in the diff.
 */
export class HistoryController implements ReactiveController {
  versions: VersionSummary[] = [];
  /** The version shown in the preview instead of the draft, if any. */
  viewing: VersionDetail | undefined;
  /** Open publish review: the changes against the live version. */
  review: FieldChange[] | undefined;
  notice = '';
  error = '';
  /**
   * Field problems the service named when it refused to publish (a production application with the
   * demo identity or no CDR policy, 422): listed under the error, each leading to its field.
   */
  errorFields = new Map<string, string>();
  busy = false;
  /** The version whose rollback waits for the designer's confirmation. */
  confirmingRollback: number | undefined;
  /** The draft a rollback replaced, and the revision the rollback made: what "Undo" restores. */
  undo: { readonly config: Config; readonly revision: number } | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: EditorApi,
    private readonly state: EditorState,
  ) {
    host.addController(this);
  }

  hostConnected() {}

  get live(): VersionSummary | undefined {
    return this.versions.find((v) => v.live);
  }

  async refresh() {
    try {
      this.versions = await this.api.versions();
    } catch (error) {
      this.error = String((error as Error).message ?? error);
    }
    this.host.requestUpdate();
  }

  /**
   * Opens the review: what changes on the live config if the draft is published now. The version list
   * is read again first: someone else may have published since it was loaded.
   */
  async openReview() {
    await this.refresh();
    const draft = this.state.saved?.config;
    if (!draft) return;
    const live = this.live ? (await this.api.version(this.live.version)).config : undefined;
    this.review = configDiff(live ?? {}, draft);
    this.error = '';
    this.host.requestUpdate();
  }

  closeReview() {
    this.review = undefined;
    this.host.requestUpdate();
  }

  async publish(messages: { published: (v: number) => string }) {
    const saved = this.state.saved;
    if (!saved || !this.state.isSaved) return;
    await this.#run(async () => {
      const result = await this.api.publish(saved.revision);
      this.review = undefined;
      this.notice = messages.published(result.version);
      await this.refresh();
    });
    // Refused: close the review so the alert and the fields it names are in view, not behind the modal.
    if (this.error) this.closeReview();
  }

  async view(version: number) {
    await this.#run(async () => {
      this.viewing = await this.api.version(version);
    });
  }

  stopViewing() {
    this.viewing = undefined;
    this.host.requestUpdate();
  }

  /** Asks first (the confirmation dialog): a rollback replaces the draft, unpublished changes included. */
  askRollback(version: number) {
    this.confirmingRollback = version;
    this.host.requestUpdate();
  }

  cancelRollback() {
    this.confirmingRollback = undefined;
    this.host.requestUpdate();
  }

  /**
   * Copies a version into the draft; the designer publishes it when ready. The draft it replaced is
   * kept so "Undo" can put it back.
   */
  async rollback(version: number, messages: { rolledBack: (v: number) => string }) {
    const saved = this.state.saved;
    this.confirmingRollback = undefined;
    if (!saved) return;
    await this.#run(async () => {
      const draft = await this.api.rollback(version, saved.revision);
      this.state.replace(draft);
      this.undo = { config: saved.config, revision: draft.revision };
      this.viewing = undefined;
      this.notice = messages.rolledBack(version);
    });
  }

  /** Whether "Undo" still means what it says: nobody saved over the rolled-back draft since. */
  get canUndo(): boolean {
    return this.undo !== undefined && this.state.saved?.revision === this.undo.revision;
  }

  /**
   * Puts back the draft a rollback replaced: saved through the API over exactly the rolled-back revision
   * (If-Match), so a change made meanwhile, here or elsewhere, is never overwritten (412 instead).
   */
  async undoRollback(messages: { rollbackUndone: (revision: number) => string }) {
    const undo = this.undo;
    if (!undo || !this.canUndo) return;
    await this.#run(async () => {
      const draft = await this.api.saveDraft(undo.config, undo.revision);
      this.state.replace(draft);
      this.undo = undefined;
      this.notice = messages.rollbackUndone(draft.revision);
    });
  }

  /** The changes a viewed version has against the draft the designer is editing. */
  viewedDiff(draft: Config | undefined): FieldChange[] {
    return this.viewing && draft ? configDiff(draft, this.viewing.config) : [];
  }

  async #run(work: () => Promise<void>) {
    this.busy = true;
    this.error = '';
    this.errorFields = new Map();
    this.notice = '';
    this.host.requestUpdate();
    try {
      await work();
    } catch (error) {
      this.error = error instanceof EditorApiError ? error.message : String(error);
      if (error instanceof EditorApiError) this.errorFields = new Map(error.errors.map((e) => [e.path, e.message]));
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
