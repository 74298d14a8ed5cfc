import { LitElement, css, html } from 'lit';

let counter = 0;

/** floating-ui, loaded once per page: when a popover first connects (after paint) or opens. */
let positioning: Promise<typeof import('./position.js')> | undefined;
const loadPositioning = () => (positioning ??= import('./position.js'));

/**
 * @summary An "i" button that shows a short explanation beside it: positioned by floating-ui, flipping
 * above when there is no room below, dismissed with Escape or a click elsewhere (WCAG 1.4.13: the
 * content is dismissable and persistent), and reachable by keyboard (a real button, aria-expanded).
 *
 * @slot - The explanation.
 * @csspart trigger - The "i" button.
 * @csspart panel - The explanation panel.
 */
export class ConsentInfoPopover extends LitElement {
  static override styles = css`
    :host { display: inline-block; position: relative; vertical-align: middle; }
    button {
      inline-size: 24px; block-size: 24px; border-radius: 50%; padding: 0; cursor: pointer; font: inherit;
      font-weight: 600; line-height: 1; color: inherit; background: transparent; border: 2px solid currentColor;
    }
    button:focus-visible { outline: 3px solid var(--consent-color-links, #0459a8); outline-offset: 2px; }
    [role='dialog'] {
      position: fixed; top: 0; left: 0; z-index: 10; inline-size: max-content; max-inline-size: min(320px, 90vw);
      padding: 12px 14px; border-radius: 8px; font-size: 0.9em; font-weight: 400;
      color: var(--consent-color-text, #130f26); background: var(--consent-color-background, #fff);
      border: 1px solid var(--consent-color-inactive, #7f888c); box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
    }
    [hidden] { display: none !important; }
  `;

  static override properties = { label: { type: String }, open: { type: Boolean, reflect: true } };

  /** The button's accessible name, e.g. "More about accreditation". */
  declare label: string;
  declare open: boolean;

  readonly #id = `consent-info-${++counter}`;
  #stopAutoUpdate: (() => void) | undefined;
  #cancelPrefetch: (() => void) | undefined;
  readonly #onDocumentPointer = (event: Event) => {
    if (!event.composedPath().includes(this)) this.hide(false);
  };

  constructor() {
    super();
    this.label = '';
    this.open = false;
  }

  show() {
    this.open = true;
  }

  /** Closes the panel; with `restoreFocus`, focus goes back to the button (Escape). */
  hide(restoreFocus = true) {
    if (!this.open) return;
    this.open = false;
    if (restoreFocus) this.renderRoot.querySelector('button')?.focus();
  }

  override connectedCallback() {
    super.connectedCallback();
    // Fetch it while the user reads, so the first open is positioned at once — but only once the
    // browser is idle: fetching and compiling it sooner would hold up the journey's first paint.
    const prefetch = () => void loadPositioning();
    // Safari has no requestIdleCallback.
    if ('requestIdleCallback' in window) {
      const id = requestIdleCallback(prefetch);
      this.#cancelPrefetch = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(prefetch, 500);
      this.#cancelPrefetch = () => clearTimeout(id);
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#cancelPrefetch?.();
    this.#stopListening();
  }

  protected override render() {
    return html`<button type="button" part="trigger" aria-label=${this.label} aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${this.#id} @click=${() => (this.open ? this.hide() : this.show())} @keydown=${this.#onKeydown}>i</button>
      <div id=${this.#id} part="panel" role="dialog" aria-label=${this.label} ?hidden=${!this.open} @keydown=${this.#onKeydown}>
        <slot></slot>
      </div>`;
  }

  protected override updated(changed: Map<string, unknown>) {
    if (!changed.has('open')) return;
    this.#stopListening();
    if (!this.open) return;
    const trigger = this.renderRoot.querySelector('button')!;
    const panel = this.renderRoot.querySelector<HTMLElement>('[role=dialog]')!;
    const place = () => void loadPositioning().then(({ placePanel }) => placePanel(trigger, panel));
    place();
    // Follow the trigger while open (floating-ui's autoUpdate, minus the parts this panel never needs).
    addEventListener('scroll', place, { capture: true, passive: true });
    addEventListener('resize', place);
    this.#stopAutoUpdate = () => {
      removeEventListener('scroll', place, { capture: true });
      removeEventListener('resize', place);
    };
    document.addEventListener('pointerdown', this.#onDocumentPointer, true);
  }

  #onKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape' && this.open) {
      // Only this popover closes; a surrounding dialog stays open.
      event.stopPropagation();
      event.preventDefault();
      this.hide();
    }
  }

  #stopListening() {
    this.#stopAutoUpdate?.();
    this.#stopAutoUpdate = undefined;
    document.removeEventListener('pointerdown', this.#onDocumentPointer, true);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consent-info-popover': ConsentInfoPopover;
  }
}
