import { deepActiveElement, tabbables } from '../shared/tabbable.js';
import { MODAL_CSS } from './modal.styles.js';

let sheet: CSSStyleSheet | undefined;

/**
 * The dialog's words come from the caller's catalogue: this file is its own bundle (widget.modal.js),
 * loaded on the first `ConsentUI.open()`, and must not carry a second copy of the messages.
 */
export interface ModalOptions {
  readonly label: string;
  readonly closeLabel: string;
  /** Escape or the close button. */
  readonly onDismiss: () => void;
}

export interface ModalHandle {
  readonly host: HTMLElement;
  readonly content: HTMLElement;
  /** Closes the dialog, removes every node it added and gives focus back. */
  close(): void;
}

/**
 * Shows `content` in an accessible modal dialog: a native <dialog> opened with showModal() (the rest
 * of the page is inert, `aria-modal`), focus kept inside by guards at both ends (WCAG 2.4.3), Escape
 * and the close button close it, and focus returns to where it was (WCAG 2.4.3). The dialog lives in
 * its own shadow root, so the host page's CSS and ours never meet.
 */
export function openModal(content: HTMLElement, options: ModalOptions): ModalHandle {
  const returnFocus = deepActiveElement() as HTMLElement | null;
  const host = document.createElement('div');
  host.dataset.consentUiModal = '';
  const root = host.attachShadow({ mode: 'open' });
  sheet ??= new CSSStyleSheet();
  if (!sheet.cssRules.length) sheet.replaceSync(MODAL_CSS);
  root.adoptedStyleSheets = [sheet];

  const dialog = document.createElement('dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-label', options.label);
  dialog.part.add('dialog');
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', options.closeLabel);
  close.textContent = '×';
  const scroll = document.createElement('div');
  scroll.className = 'scroll';
  const guard = () => {
    const g = document.createElement('span');
    g.className = 'guard';
    g.tabIndex = 0;
    return g;
  };
  const [start, end] = [guard(), guard()];
  scroll.append(content);
  dialog.append(start, close, scroll, end);
  root.append(dialog);

  // Tab past the last control wraps to the first, Shift+Tab before the first wraps to the last.
  start.addEventListener('focus', () => tabbables(dialog).filter((e) => e !== start && e !== end).at(-1)?.focus());
  end.addEventListener('focus', () => close.focus());
  close.addEventListener('click', () => options.onDismiss());
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    options.onDismiss();
  });

  document.body.append(host);
  dialog.showModal();
  close.focus();

  let closed = false;
  return {
    host,
    content,
    close() {
      if (closed) return;
      closed = true;
      if (dialog.open) dialog.close();
      host.remove();
      if (returnFocus?.isConnected) returnFocus.focus();
    },
  };
}

