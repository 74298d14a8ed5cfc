import { STEPS, type Step } from '../events.js';
import type { FieldPath } from './config-paths.js';

const ALL: readonly Step[] = STEPS;

/**
 * Which journey steps a field shows on, longest matching prefix first, so the editor can say where a
 * change lands and jump the preview there (issue 6: "show which step of the journey a field affects").
 */
const RULES: readonly (readonly [prefix: string, steps: readonly Step[]])[] = [
  ['consent.brandName', ['intro', 'consent']],
  ['consent.title', ['intro']],
  ['consent.subtitle', ['intro']],
  ['consent.accreditation', ['intro']],
  ['consent', ['consent']],
  ['appearance.headerImage', ['intro']],
  ['appearance.buttons.secondary', ['consent', 'institution']],
  ['appearance', ALL],
  ['institutions', ['institution']],
  ['flow.skipSuccessScreen', ['success']],
  ['flow.allowMultipleConnections', ['success']],
  ['flow.redirectUrl', ['success']],
  ['flow.manageConsentUrl', ['success']],
  ['flow.referenceName', ['consent', 'institution']],
  ['flow.gtmId', ALL],
];

/** The steps a field affects; the first is the one the preview jumps to. */
export function stepsFor(path: FieldPath): readonly Step[] {
  for (const [prefix, steps] of RULES) {
    if (path === prefix || path.startsWith(`${prefix}.`)) return steps;
  }
  return ALL;
}
