import type { Config } from '../../schema/index.js';
import type { Messages } from '../i18n/messages.js';
import type { JourneyController } from '../journey/journey-controller.js';

/** What every step template gets from the journey. */
export interface StepContext {
  readonly config: Config;
  readonly messages: Messages;
  readonly locale: string;
  /** "Now" for dates the step states; the journey reads the clock once per render. */
  readonly now: Date;
  /** True in a preview: the steps say what a live journey would do instead of doing it. */
  readonly preview: boolean;
  /** State and actions; steps never call the backend themselves. */
  readonly journey: JourneyController;
  /** The institution search text (UI state, not saved). */
  readonly query: string;
  readonly setQuery: (query: string) => void;
}

/** The name to show for the chosen institution (its id until the list has loaded). */
export function institutionName(context: StepContext): string {
  const { journey } = context;
  return journey.institution?.name ?? journey.institutionId ?? '';
}
