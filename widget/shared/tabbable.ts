const FOCUSABLE = 'a[href],button,input,select,textarea,summary,[tabindex],details';

/** Whether an element can be reached by Tab: focusable, enabled, rendered, not tabindex=-1. */
function isTabbable(element: HTMLElement): boolean {
  if (!element.matches(FOCUSABLE) || element.matches('details')) return false;
  if ((element as HTMLButtonElement).disabled || element.tabIndex < 0) return false;
  if (element.closest('[inert]')) return false;
  return element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
}

/**
 * The elements Tab reaches inside `root`, in order, looking into open shadow roots (the journey's
 * steps and popovers live in them). Used to keep focus inside a modal dialog (WCAG 2.4.3).
 */
export function tabbables(root: ParentNode): HTMLElement[] {
  const found: HTMLElement[] = [];
  const walk = (node: ParentNode) => {
    for (const child of Array.from(node.children) as HTMLElement[]) {
      if (child.matches('details:not([open])')) {
        const summary = child.querySelector(':scope > summary');
        if (summary instanceof HTMLElement && isTabbable(summary)) found.push(summary);
        continue;
      }
      if (isTabbable(child)) found.push(child);
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** The focused element, looking through shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
