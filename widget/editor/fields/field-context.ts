import type { Step } from '../../events.js';
import type { FieldPath } from '../config-paths.js';
import type { EditorMessages } from '../i18n/editor-messages.js';

/** What a field template needs from the editor: read, write, the field's problem, and the preview. */
export interface FieldContext {
  readonly messages: EditorMessages;
  value(path: FieldPath): unknown;
  problem(path: FieldPath): string | undefined;
  set(path: FieldPath, value: unknown): void;
  /** Moves the live preview to a step (the "shows on" hint). */
  showStep(step: Step): void;
}

/** A DOM id for a config path, unique within the editor's shadow root. */
export const fieldId = (path: FieldPath) => `f-${path.replaceAll('.', '-')}`;
