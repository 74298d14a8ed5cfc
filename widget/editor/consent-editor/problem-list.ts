import { html, nothing } from 'lit';
import type { FieldPath } from '../config-paths.js';
import type { EditorMessages } from '../i18n/editor-messages.js';
import { TABS, type Tab } from './tablist.js';

/** The tab that holds a field: the config's top-level section (`appearance.colors.primary` → appearance). */
export function tabOf(path: FieldPath): Tab | undefined {
  const section = path.split('.')[0];
  return TABS.find((tab) => tab === section);
}

/** How many field problems each tab holds, for the tabs' error marks. */
export function problemCounts(problems: ReadonlyMap<FieldPath, string>): Partial<Record<Tab, number>> {
  const counts: Partial<Record<Tab, number>> = {};
  for (const path of problems.keys()) {
    const tab = tabOf(path);
    if (tab) counts[tab] = (counts[tab] ?? 0) + 1;
  }
  return counts;
}

/**
 * Every field problem, each a button that opens its tab and focuses its field (WCAG 3.3.1: errors
 * identified, and reachable). The message is shown here too, so a problem whose field is not on
 * screen (hidden by another choice, or with no field of its own) is never invisible.
 */
export function problemList(m: EditorMessages, problems: ReadonlyMap<FieldPath, string>, goTo: (path: FieldPath) => void) {
  if (problems.size === 0) return nothing;
  return html`<ul class="problems" aria-label=${m.problemsLabel}>
    ${[...problems].map(
      ([path, message]) => html`<li data-path=${path}>
        <button type="button" class="link-button problems__go" @click=${() => goTo(path)}>${m.fields[path] ?? (path || m.tabsLabel)}</button>: ${message}
      </li>`,
    )}
  </ul>`;
}
