import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { safeParseConfig, type Config } from '../../schema/index.js';
import type { DraftStamp, EditorDraft } from '../../schema/api/editor.js';
import { EditorApiError, type EditorApi } from './editor-api.js';
import { cloneJson, jsonEqual, type FieldPath } from './config-paths.js';
import { setLinked } from './linked-fields.js';

export type SaveStatus = 'saved' | 'saving' | 'invalid' | 'offline' | 'conflict' | 'expired';

/**
 * While the designer types, autosave starts at most this often. The first edit after a pause saves at
 * once (the second window follows in ~30 ms); a burst of keystrokes then costs one save per interval,
 * not one per key, so the request, its answer and the form's re-render stay off most keystrokes
 * (issue 6 bench: keystroke → preview < 16 ms; second window < 250 ms).
 */
export const SAVE_INTERVAL_MS = 50;

interface StoredForm {
  readonly form: unknown;
  /** The draft revision the edits started from: a later server revision means someone else saved. */
  readonly baseRevision: number;
}

/**
 * The editor's form state and autosave. Every edit is validated with the shared schema at once; a
 * valid form is saved with If-Match (one request in flight, the newest state sent next, so a burst of
 * keystrokes costs a few saves, not one per key); an invalid one is kept in localStorage until fixed,
 * never lost. A 412 stops autosave and records who saved meanwhile, for the designer to decide.
 */
export class EditorState implements ReactiveController {
  /** What the fields show: may be invalid (a half-typed colour, an empty number). */
  form: unknown = {};
  /** Field problems by path (`appearance.colors.primary`), from the shared schema. */
  problems = new Map<FieldPath, string>();
  /** The newest valid form: what the preview renders and what is saved. */
  valid: Config | undefined;
  saved: EditorDraft | undefined;
  status: SaveStatus = 'saved';
  conflict: DraftStamp | undefined;
  restoredLocal = false;

  #inFlight = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  /** When the last save started (performance.now()), for SAVE_INTERVAL_MS. */
  #lastSaveAt = -Infinity;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: EditorApi,
    private readonly storageKey: () => string,
    /** Told of each new valid form at once, within the edit's own task: the live preview. */
    private readonly onValid: (config: Config) => void = () => {},
  ) {
    host.addController(this);
  }

  /** A reload or a closed tab within the frame of a keystroke still keeps that keystroke (issue 6: never lost). */
  readonly #onPageHide = () => {
    if (this.#afterPaintQueued) this.#store();
  };

  hostConnected() {
    addEventListener('pagehide', this.#onPageHide);
    // A save that was waiting out its interval when the editor left the page goes now.
    if (this.status === 'saving' && !this.#inFlight) this.#saveSoon();
  }

  hostDisconnected() {
    clearTimeout(this.#retry);
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    removeEventListener('pagehide', this.#onPageHide);
  }

  /** Starts from the server's draft, or from this browser's unsaved edits when there are some. */
  start(draft: EditorDraft) {
    this.saved = draft;
    const stored = this.#readStored();
    // The server's draft is valid: the preview shows it while a restored local form is still invalid.
    this.#setForm(cloneJson(draft.config));
    if (stored && !jsonEqual(stored.form, draft.config)) {
      this.restoredLocal = true;
      this.#setForm(stored.form);
      if (stored.baseRevision !== draft.revision) {
        this.status = 'conflict';
        this.conflict = { revision: draft.revision, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy };
      } else this.#saveSoon();
    } else this.#clearStored();
    this.host.requestUpdate();
  }

  get(): unknown {
    return this.form;
  }

  /**
   * An edit. Only the preview renders in the edit's own frame; the form's re-render (messages, save
   * status, linked fields) follows that frame's paint, with the local copy and the autosave. The field
   * itself already shows what was typed.
   */
  set(path: FieldPath, value: unknown) {
    const valid = this.valid;
    this.#setForm(setLinked(this.form, path, value));
    if (this.valid && this.valid !== valid) this.onValid(this.valid);
    this.#afterPaint();
  }

  #afterPaintQueued = false;
  /**
   * The form's update, the local copy and the autosave wait until the frame with the edit is painted:
   * the keystroke's own frame then carries only validation and the preview (issue 6 bench: keystroke →
   * preview < 16 ms). Several keystrokes in one frame cost one save.
   */
  #afterPaint() {
    if (this.#afterPaintQueued) return;
    this.#afterPaintQueued = true;
    const run = () => {
      if (!this.#afterPaintQueued) return;
      this.#afterPaintQueued = false;
      clearTimeout(fallback);
      this.#store();
      this.#saveSoon();
      this.host.requestUpdate();
    };
    // A hidden tab paints no frames: the timer then saves anyway.
    const fallback = setTimeout(run, 200);
    requestAnimationFrame(() => setTimeout(run));
  }

  /** Conflict choice 1: take the server's draft, dropping this browser's edits. */
  async reloadTheirs() {
    const draft = await this.api.draft();
    this.conflict = undefined;
    this.status = 'saved';
    this.#clearStored();
    this.saved = draft;
    this.#setForm(cloneJson(draft.config));
    this.host.requestUpdate();
  }

  /** Conflict choice 2: save this browser's form over the server's newer draft. */
  async overwrite() {
    const current = await this.api.draft();
    this.saved = current;
    this.conflict = undefined;
    // An invalid form cannot be saved: it waits, now against their revision, until it is fixed.
    this.status = this.problems.size > 0 ? 'invalid' : 'saving';
    this.#store();
    this.host.requestUpdate();
    if (this.status === 'saving') await this.#save();
  }

  /** After a rollback the server's draft replaces the form. */
  replace(draft: EditorDraft) {
    this.saved = draft;
    this.#clearStored();
    this.#setForm(cloneJson(draft.config));
    this.host.requestUpdate();
  }

  /** True when what the designer sees is exactly the saved draft (publish needs that). */
  get isSaved(): boolean {
    return this.status === 'saved' && this.valid !== undefined && this.saved !== undefined && jsonEqual(this.valid, this.saved.config);
  }

  #setForm(form: unknown) {
    this.form = form;
    const result = safeParseConfig(form);
    this.problems = new Map(result.ok ? [] : result.problems.map((p) => [p.path, p.message]));
    if (result.ok) this.valid = result.config;
    // A request in flight keeps "saving" until its answer sets the status. A save only waiting (for the
    // paint or SAVE_INTERVAL_MS) is dropped by an invalid form, which must then say so, not "saving".
    if (!this.#stopped() && !(this.status === 'saving' && this.#inFlight)) this.status = result.ok ? (this.#dirty() ? 'saving' : 'saved') : 'invalid';
  }

  /** Autosave waits for the designer: a conflict to resolve, or an ended session (a new editor link). */
  #stopped() {
    return this.status === 'conflict' || this.status === 'expired';
  }

  #dirty() {
    return this.valid !== undefined && this.saved !== undefined && !jsonEqual(this.valid, this.saved.config);
  }

  #saveSoon() {
    if (this.#inFlight || this.#stopped() || this.problems.size > 0) return;
    if (!this.#dirty()) {
      this.status = 'saved';
      this.#clearStored();
      return;
    }
    this.status = 'saving';
    const wait = this.#lastSaveAt + SAVE_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      void this.#save();
      return;
    }
    this.#saveTimer ??= setTimeout(() => {
      this.#saveTimer = undefined;
      this.#saveSoon();
      this.host.requestUpdate();
    }, wait);
  }

  async #save() {
    const config = this.valid;
    const saved = this.saved;
    if (!config || !saved) return;
    this.#inFlight = true;
    this.#lastSaveAt = performance.now();
    try {
      this.saved = await this.api.saveDraft(config, saved.revision);
      this.status = this.problems.size > 0 ? 'invalid' : 'saved';
      if (this.problems.size === 0 && !this.#dirty()) this.#clearStored();
      else this.#store();
    } catch (error) {
      if (error instanceof EditorApiError && error.status === 412) {
        this.status = 'conflict';
        this.conflict = error.current ?? { revision: -1, updatedAt: '', updatedBy: '' };
      } else if (error instanceof EditorApiError && error.status === 401) {
        // The session cookie has expired: retrying cannot succeed; the edits stay in this browser.
        this.status = 'expired';
        this.#store();
      } else {
        this.status = 'offline';
        clearTimeout(this.#retry);
        this.#retry = setTimeout(() => {
          this.status = 'saved';
          this.#saveSoon();
          this.host.requestUpdate();
        }, 3000);
      }
    } finally {
      this.#inFlight = false;
    }
    // Edits made while the request was in flight go out now, in one request.
    if (this.status === 'saved') this.#saveSoon();
    this.host.requestUpdate();
  }

  #readStored(): StoredForm | undefined {
    try {
      const raw = localStorage.getItem(this.storageKey());
      return raw ? (JSON.parse(raw) as StoredForm) : undefined;
    } catch {
      return undefined;
    }
  }

  #store() {
    const stored: StoredForm = { form: this.form, baseRevision: this.saved?.revision ?? 0 };
    try {
      localStorage.setItem(this.storageKey(), JSON.stringify(stored));
    } catch {
      // Storage full or disabled: the form still holds the edits for this page's life.
    }
  }

  #clearStored() {
    try {
      localStorage.removeItem(this.storageKey());
    } catch {
      // Nothing to clear.
    }
  }
}
