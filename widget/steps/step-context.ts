import type { Config } from '../../schema/index.js';
import type { Messages } from '../i18n/messages.js';

/** What every step template gets from the journey. */
export interface StepContext {
  readonly config: Config;
  readonly messages: Messages;
  readonly locale: string;
  /** "Now" for dates the step states; the journey reads the clock once per render. */
  readonly now: Date;
  readonly next: () => void;
  readonly back: () => void;
}
