import type { Step } from '../events.js';

const MARK = 'consentUiStep';

interface Entry {
  readonly key: string;
  readonly step: Step;
}

/** The journey step recorded on the current history entry, if this journey recorded one. */
function entryOf(key: string): Step | undefined {
  const entry = (history.state as Record<string, Entry> | null)?.[MARK];
  return entry?.key === key ? entry.step : undefined;
}

/**
 * Browser history entries per step, so the browser's Back goes to the previous step instead of leaving
 * the partner's page. Each entry keeps the partner's own history state and address. `back(to)` is
 * asked when the browser returns to an entry of an earlier step; the journey may refuse (a connection
 * in progress), and then simply stays where it is.
 */
export function stepHistory(key: string, signal: AbortSignal, back: (to: Step) => void) {
  const mark = (step: Step, push: boolean) => {
    if (entryOf(key) === step) return;
    const state = { ...((history.state as object | null) ?? {}), [MARK]: { key, step } satisfies Entry };
    if (push) history.pushState(state, '', location.href);
    else history.replaceState(state, '', location.href);
  };
  const onPopState = () => {
    const step = entryOf(key);
    if (step) back(step);
  };
  addEventListener('popstate', onPopState);
  signal.addEventListener('abort', () => removeEventListener('popstate', onPopState), { once: true });
  return {
    /** The step this page load's history entry was left on (a full-page Back lands here). */
    entry: () => entryOf(key),
    /** The journey moved to `step`: a step forward gets an entry of its own; any other move replaces. */
    moved: (step: Step, forward: boolean) => mark(step, forward),
  };
}
