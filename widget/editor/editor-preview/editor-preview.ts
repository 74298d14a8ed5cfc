import { LitElement, css, html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Config } from '../../../schema/index.js';
import { STEPS, type Step } from '../../events.js';
import type { EditorMessages } from '../i18n/editor-messages.js';
import { editorEnAU } from '../i18n/en-AU.js';
import { showJourneyStep } from './show-step.js';

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
  };

  declare config: Config | undefined;
  declare step: Step;
  declare viewport: Viewport;
  declare messages: EditorMessages;

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
    const width = this.viewport === 'mobile' ? MOBILE_WIDTH : (this.config?.appearance.wrapper.desktopWidth ?? 480) + 48;
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
      <!-- styleMap sets the width through CSSOM, which a strict CSP (no inline styles) allows. -->
      <div class="frame" style=${styleMap({ width: `min(100%, ${width}px)` })} data-viewport=${this.viewport}>
        <consent-journey preview .config=${this.config} @consent-step=${this.#onJourneyStep}></consent-journey>
      </div>`;
  }

  protected override updated(changed: Map<string, unknown>) {
    if (changed.has('step')) {
      const journey = this.renderRoot.querySelector('consent-journey');
      if (journey) void showJourneyStep(journey, this.step);
    }
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
