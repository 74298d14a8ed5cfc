import { STEPS, type Step } from '../events.js';
import type { FieldPath } from './config-paths.js';

const ALL: readonly Step[] = STEPS;

/**
 * Which journey steps a field shows on, longest matching prefix first, so the editor can say where a
 * change lands and jump the preview there (issue 6: "show which step of the journey a field affects").
 */
const RULES: readonly (readonly [prefix: string, steps: readonly Step[]])[] = [
  // widget/steps/*: the intro's brand line, the consent heading and withdraw note, the bank's password notice.
  ['consent.brandName', ['intro', 'consent', 'authenticate']],
  ['consent.title', ['intro']],
  ['consent.subtitle', ['intro']],
  ['consent.accreditation', ['intro']],
  // The success summary says until when, and lists the permissions' cluster labels.
  ['consent.durationDays', ['consent', 'success']],
  ['consent.permissions', ['consent', 'success']],
  ['consent', ['consent']],
  ['appearance.headerImage.alwaysDisplay', ALL],
  ['appearance.headerImage', ['intro']],
  ['appearance.buttons.secondary', ['consent', 'institution']],
  ['appearance', ALL],
  ['institutions', ['institution']],
  ['flow.skipSuccessScreen', ['success']],
  ['flow.allowMultipleConnections', ['success']],
  ['flow.redirectUrl', ['success']],
  ['flow.manageConsentUrl', ['consent']],
  // The exit button in every step's header (widget/steps/journey-frame.ts).
  ['flow.referenceName', ALL],
  ['flow.gtmId', ALL],
];

/**
 * The steps a field affects; the first is the one the preview jumps to. The header image shows on
 * every step when the draft has "always display" on (widget/steps/header-image.ts).
 */
export function stepsFor(path: FieldPath, headerImageAlwaysDisplayed = false): readonly Step[] {
  if (headerImageAlwaysDisplayed && (path === 'appearance.headerImage' || path.startsWith('appearance.headerImage.'))) return ALL;
  for (const [prefix, steps] of RULES) {
    if (path === prefix || path.startsWith(`${prefix}.`)) return steps;
  }
  return ALL;
}
