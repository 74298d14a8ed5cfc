import { STEPS } from '../events.js';
import type { JourneyState } from './journey-machine.js';

/** What survives a reload, a remount or the bank's redirect: the journey's state and whose it is. */
export interface SavedJourney {
  readonly state: JourneyState;
  /** An opaque hash of the session the state was saved under (see `journeyOwner`). */
  readonly owner: string | undefined;
}

const PREFIX = 'consent-ui:journey:';
const SAVED_STEPS: readonly string[] = [...STEPS];

/**
 * Per-tab storage (sessionStorage): a journey resumes in the tab that started it and is gone when the
 * tab closes. Holds ids and choices only — never a session token or personal data.
 */
export function loadJourney(key: string | undefined): SavedJourney | undefined {
  if (!key) return undefined;
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    if (!raw) return undefined;
    const saved = JSON.parse(raw) as { state?: Partial<JourneyState>; owner?: unknown };
    const state = saved.state;
    // Written by this code, but possibly by an older version of it: anything unexpected starts afresh.
    if (!state || !SAVED_STEPS.includes(state.step as string) || !Array.isArray(state.chosen) || !Array.isArray(state.grants) || typeof state.query !== 'string') return undefined;
    return { state: state as JourneyState, owner: typeof saved.owner === 'string' ? saved.owner : undefined };
  } catch {
    // Storage can be disabled (privacy modes); the journey then simply starts over on reload.
    return undefined;
  }
}

export function saveJourney(key: string | undefined, journey: SavedJourney): void {
  if (!key) return;
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(journey));
  } catch {
    /* see loadJourney */
  }
}

export function clearJourney(key: string | undefined): void {
  if (!key) return;
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    /* see loadJourney */
  }
}

/**
 * The storage key for a journey. A live one is kept per page, not per session: a partner's page mints a
 * new session on each visit, and the journey that left for the bank must be found when it comes back.
 * A preview is kept per app.
 */
export function journeyKey(options: { session?: string | undefined; app?: string | undefined; preview: boolean }): string | undefined {
  if (options.session && !options.preview) return `page:${location.pathname}`;
  if (options.app) return `${options.preview ? 'preview' : 'app'}:${options.app}`;
  return undefined;
}

/** Whose journey it is, without the token: a saved journey's choices are restored for the same session only. */
export function journeyOwner(session: string | undefined): string | undefined {
  return session ? hash(session) : undefined;
}

/** FNV-1a, 32 bits: enough to tell sessions apart in one tab; not a security measure. */
function hash(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
