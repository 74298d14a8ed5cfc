import type { PartialConfig } from '../config/complete-config.js';
import { emit, type ConsentEventDetails, type ConsentEventName } from '../events.js';
import { messagesFor } from '../i18n/catalogue.js';
import type { ModalHandle } from './modal.js';

const EVENTS: readonly ConsentEventName[] = [
  'consent-ready', 'consent-step', 'consent-handoff', 'consent-granted', 'consent-exit', 'consent-error', 'consent-complete', 'consent-revoked', 'consent-renew',
];

/** What `ConsentUI.open()` and `ConsentUI.manage()` take (docs/contract.md §2). */
export interface OpenOptions {
  readonly session?: string;
  readonly service?: string;
  readonly app?: string;
  readonly preview?: boolean;
  readonly locale?: string;
  readonly institution?: string;
  readonly handoff?: 'redirect' | 'popup';
  readonly config?: PartialConfig;
  /** The journey finished: consent-complete's detail. The dialog then closes. */
  readonly onSuccess?: (detail: ConsentEventDetails['consent-complete']) => void;
  /** The end user left (the leave button, the close button, Escape). The dialog then closes. */
  readonly onExit?: (detail: ConsentEventDetails['consent-exit']) => void;
  /** Every `consent-*` event, as (name, detail). */
  readonly onEvent?: <N extends ConsentEventName>(name: N, detail: ConsentEventDetails[N]) => void;
}

export interface OpenHandle {
  /** Closes the dialog; nothing it added stays behind (nodes, listeners, timers, a bank popup). */
  close(): void;
}

export interface ConsentUIGlobal {
  readonly version: string;
  open(options: OpenOptions): OpenHandle;
  manage(options: OpenOptions): OpenHandle;
}

/** The dialog, fetched on the first open: a page that embeds the elements itself never pays for it. */
let modalModule: Promise<typeof import('./modal.js')> | undefined;
const loadModal = () => (modalModule ??= import('./modal.js'));

function openElement(tag: 'consent-journey' | 'consent-manager', options: OpenOptions): OpenHandle {
  if (!customElements.get(tag)) throw new Error(`<${tag}> is not part of this build of the widget.`);
  const element = document.createElement(tag) as unknown as HTMLElement & Record<string, unknown>;
  for (const name of ['session', 'service', 'app', 'locale', 'institution', 'handoff'] as const) {
    if (options[name]) element.setAttribute(name, options[name]);
  }
  if (options.preview) element.setAttribute('preview', '');
  if (options.config) element.config = options.config;

  let step: ConsentEventDetails['consent-step']['step'] = 'intro';
  let modal: ModalHandle | undefined;
  let closed = false;
  const listener = (event: Event) => {
    const name = event.type as ConsentEventName;
    const detail = (event as CustomEvent).detail;
    if (name === 'consent-step') step = detail.step;
    options.onEvent?.(name, detail);
    if (name === 'consent-complete') {
      handle.close();
      options.onSuccess?.(detail);
    } else if (name === 'consent-exit' && detail.reason !== 'bank-closed' && detail.reason !== 'bank-cancelled') {
      // A closed bank window or a cancel at the bank ends only that step: the journey offers another try.
      handle.close();
      options.onExit?.(detail);
    }
  };
  for (const name of EVENTS) element.addEventListener(name, listener);
  const handle: OpenHandle = {
    close() {
      if (closed) return;
      closed = true;
      for (const name of EVENTS) element.removeEventListener(name, listener);
      modal?.close();
    },
  };

  const { messages } = messagesFor(options.locale);
  loadModal().then(
    ({ openModal }) => {
      if (closed) return;
      modal = openModal(element, {
        label: messages.dialogLabel,
        closeLabel: messages.close,
        // Escape or the close button: the same consent-exit the journey's own leave button fires, so
        // listeners and onEvent hear it as well as onExit.
        onDismiss: () => void emit(element, 'consent-exit', { step, reason: 'dialog-closed' }),
      });
    },
    (error: unknown) => {
      if (closed) return;
      options.onEvent?.('consent-error', { code: 'dialog-unavailable', message: `The dialog could not be loaded: ${String(error)}` });
      handle.close();
      options.onExit?.({ step, reason: 'dialog-unavailable' });
    },
  );
  return handle;
}

/** The script-tag API: `window.ConsentUI`. */
export function createConsentUI(version: string): ConsentUIGlobal {
  return {
    version,
    open: (options) => openElement('consent-journey', options),
    manage: (options) => openElement('consent-manager', options),
  };
}
