import { html, nothing } from 'lit';
import type { EditorMessages } from '../i18n/editor-messages.js';

export const TABS = ['consent', 'appearance', 'institutions', 'flow'] as const;
export type Tab = (typeof TABS)[number];

/**
 * The four tabs as an ARIA tablist (WAI-ARIA APG "Tabs with automatic activation"): arrow keys, Home
 * and End move between tabs, only the selected tab is in the tab order. A tab holding invalid fields
 * says how many in its name, so the designer can find them from any tab.
 */
export function tablist(m: EditorMessages, selected: Tab, select: (tab: Tab) => void, errors: Partial<Record<Tab, number>> = {}) {
  const onKey = (e: KeyboardEvent) => {
    const index = TABS.indexOf(selected);
    const next =
      e.key === 'ArrowRight' ? TABS[(index + 1) % TABS.length]
      : e.key === 'ArrowLeft' ? TABS[(index + TABS.length - 1) % TABS.length]
      : e.key === 'Home' ? TABS[0]
      : e.key === 'End' ? TABS[TABS.length - 1]
      : undefined;
    if (!next) return;
    e.preventDefault();
    select(next);
    const list = e.currentTarget as HTMLElement;
    queueMicrotask(() => requestAnimationFrame(() => list.querySelector<HTMLElement>(`#tab-${next}`)?.focus()));
  };
  return html`<div class="tabs" role="tablist" aria-label=${m.tabsLabel} @keydown=${onKey}>
    ${TABS.map(
      // Only the selected tab's panel exists, so only it is referenced.
      (tab) => html`<button type="button" role="tab" id="tab-${tab}" aria-controls=${tab === selected ? `panel-${tab}` : nothing} aria-selected=${tab === selected ? 'true' : 'false'}
        tabindex=${tab === selected ? '0' : '-1'} @click=${() => select(tab)}>${m.tabs[tab]}${errors[tab]
          ? html` <span class="tab__errors">${m.tabErrors(errors[tab])}</span>`
          : nothing}</button>`,
    )}
  </div>`;
}
