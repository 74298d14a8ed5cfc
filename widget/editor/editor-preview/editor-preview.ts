import { LitElement, css, html } from 'lit';
import type { Config, Institution } from '../../../schema/index.js';
import { previewBackend } from '../../backend/preview-backend.js';
import type { JourneyBackend } from '../../backend/journey-backend.js';
import { STEPS, type Step } from '../../events.js';
import type { EditorMessages } from '../i18n/editor-messages.js';
import { editorEnAU } from '../i18n/en-AU.js';

export type Viewport = 'desktop' | 'mobile';

/** A phone's CSS width (iPhone 12–15): what "mobile" previews at. */
const MOBILE_WIDTH = 390;

/**
 * @summary The real `<consent-journey preview>` on the editor's draft: any step, desktop or mobile width.
 *
 * The editor sets `.config` on every keystroke; the journey re-renders in the same task, so the change
 * is painted in the next frame (issue 6 bench: keystroke → preview painted).
 */
export class ConsentEditorPreview extends LitElement {
  static override properties = {
    config: { attribute: false },
    step: { type: String },
    viewport: { type: String },
    messages: { attribute: false },
    institutions: { attribute: false },
  };

  declare config: Config | undefined;
  declare step: Step;
  declare viewport: Viewport;
  declare messages: EditorMessages;
  /** The institutions the application may offer, for the institution step (the draft's selection filters them). */
  declare institutions: readonly Institution[] | undefined;

  #backend: { for: readonly Institution[] | undefined; backend: JourneyBackend } | undefined;

  constructor() {
    super();
    this.step = 'intro';
    this.viewport = 'desktop';
    this.messages = editorEnAU;
  }

  static override styles = css`
    :host {
      display: block;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 20px;
      align-items: center;
      margin-bottom: 12px;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0;
      display: flex;
      gap: 12px;
      align-items: center;
    }
    legend {
      float: left;
      margin-inline-end: 8px;
    }
    select,
    label {
      font: inherit;
      min-height: 32px;
    }
    .frame {
      width: min(100%, var(--frame-width, 528px));
      margin-inline: auto;
      border: 1px solid #c4c9cc;
      border-radius: 12px;
      overflow: auto;
      background: #f4f5f6;
      transition: width 0.2s;
    }
  `;

  protected override render() {
    const m = this.messages;
    return html`<div class="controls">
        <label>${m.previewStep}
          <select id="step" @change=${(e: Event) => (this.step = (e.target as HTMLSelectElement).value as Step)}>
            ${STEPS.map((s) => html`<option value=${s} ?selected=${s === this.step}>${m.stepNames[s]}</option>`)}
          </select>
        </label>
        <fieldset>
          <legend>${m.previewWidth}</legend>
          ${(['desktop', 'mobile'] as const).map(
            (v) => html`<label><input type="radio" name="viewport" value=${v} .checked=${this.viewport === v}
              @change=${() => (this.viewport = v)} /> ${v === 'desktop' ? m.desktop : m.mobile}</label>`,
          )}
        </fieldset>
      </div>
      <div class="frame" data-viewport=${this.viewport}>
        <consent-journey preview layout=${this.viewport} .config=${this.config} .backend=${this.#previewBackend()} @consent-step=${this.#onJourneyStep}></consent-journey>
      </div>`;
  }

  /**
   * Moves the preview to a step (a field's "Shows on" shortcut). The step picker, the journey's own
   * navigation and this all change `step` here, the one record of where the preview is; when the
   * journey is already there by that record, it is asked again in case it moved on by itself.
   */
  show(step: Step) {
    if (step !== this.step) this.step = step;
    else void this.renderRoot.querySelector('consent-journey')?.showStep(step);
  }

  protected override willUpdate() {
    const width = this.viewport === 'mobile' ? MOBILE_WIDTH : (this.config?.appearance.wrapper.desktopWidth ?? 480) + 48;
    // Through CSSOM, which a strict CSP allows; a style attribute (even from Lit's styleMap on first render) is blocked.
    this.style.setProperty('--frame-width', `${width}px`);
  }

  protected override updated(changed: Map<string, unknown>) {
    if (changed.has('step')) void this.renderRoot.querySelector('consent-journey')?.showStep(this.step);
  }

  /** The journey's no-side-effect backend, fed the editor's institution list; one per list, so the journey keeps its state. */
  #previewBackend(): JourneyBackend {
    const cached = this.#backend;
    if (cached && cached.for === this.institutions) return cached.backend;
    const backend = previewBackend({ service: location.origin, app: undefined, institutions: this.institutions ?? [] });
    this.#backend = { for: this.institutions, backend };
    return backend;
  }

  /** Clicking through the preview moves the step picker along with it. */
  #onJourneyStep = (e: CustomEvent<{ step: Step }>) => {
    e.stopPropagation();
    if (e.detail.step !== this.step) this.step = e.detail.step;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'consent-editor-preview': ConsentEditorPreview;
  }
}
