import type { FieldPath } from '../config-paths.js';
import type { EditorMessages } from '../i18n/editor-messages.js';

/** Where a changed field lives, in the designer's words: its tab and the label it has there. */
export interface FieldLabel {
  readonly tab: string;
  readonly field: string;
}

/**
 * A config path as the designer knows it from the tabs: `appearance.colors.primary` → Appearance ›
 * Primary colour; `consent.purposes.1.title` → Consent › Purpose 2 › Title. The publish review and the
 * version diff speak these names, never paths (WCAG 3.3.2: labels as the form shows them).
 */
export function fieldLabel(m: EditorMessages, path: FieldPath): FieldLabel {
  const [section = '', ...rest] = path.split('.');
  const tab = m.tabs[section as keyof EditorMessages['tabs']] ?? section;
  const known = m.fields[path];
  if (known) return { tab, field: known };
  // Per-locale text (`consent.title.zh-CN`): the field's label, in that locale's name.
  const locale = /^(.*)\.([a-z]{2,3}(?:-[A-Z][A-Za-z]{1,3})?)$/.exec(path);
  const localized = locale && m.fields[locale[1]!];
  if (localized) return { tab, field: locale[2] === 'en-AU' ? localized : m.inLocale(localized, m.localeNames[locale[2]!] ?? locale[2]!) };
  const [list, index, key] = rest;
  const n = Number(index) + 1;
  if (section === 'consent' && list === 'purposes' && Number.isInteger(n)) {
    const part = { id: m.purposeId, title: m.purposeTitle, description: m.purposeDescription }[key ?? ''];
    return { tab, field: part ? `${m.purpose(n)} › ${part}` : m.purpose(n) };
  }
  if (section === 'consent' && list === 'permissions' && Number.isInteger(n)) {
    const part = { cluster: m.permissionCluster, required: m.permissionRequired, purpose: m.permissionPurpose }[key ?? ''];
    const item = m.permissionItem(n);
    return { tab, field: part ? `${item} › ${part}` : item };
  }
  // A field the tabs do not name (a future one): its last segment in words, still not a path.
  const last = rest.at(-1) ?? section;
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return { tab, field: words.charAt(0).toUpperCase() + words.slice(1) };
}
