import type { Step } from '../../events.js';

/** What the editor needs from `<consent-journey>` to show a chosen step in preview mode. */
interface StepSelectable {
  showStep?(step: Step): void | Promise<void>;
  updateComplete?: Promise<unknown>;
}

/** Puts a preview journey on `step` (nothing happens outside preview mode; the journey enforces that). */
export async function showJourneyStep(journey: HTMLElement, step: Step): Promise<void> {
  const target = journey as HTMLElement & StepSelectable;
  await target.updateComplete;
  await target.showStep?.(step);
}
