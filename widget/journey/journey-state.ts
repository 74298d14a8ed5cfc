import { STEPS, type Step } from '../events.js';
import type { Grant } from '../backend/journey-backend.js';

/** What survives a full page reload (the bank redirect): enough to resume where the user left off. */
export interface SavedJourney {
  readonly step: Step;
  readonly chosen: readonly string[];
  readonly institutionId?: string;
  readonly authorisationId?: string;
  readonly grants: readonly Grant[];
}

const PREFIX = 'consent-ui:journey:';

/**
 * Per-tab storage (sessionStorage): a journey resumes in the tab that started it and is gone when the
 * tab closes. Holds ids and choices only — never a session token or personal data.
 */
export function loadJourney(key: string | undefined): SavedJourney | undefined {
  if (!key) return undefined;
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    if (!raw) return undefined;
    const saved = JSON.parse(raw) as Partial<SavedJourney>;
    if (!STEPS.includes(saved.step as Step)) return undefined;
    return {
      step: saved.step as Step,
      chosen: Array.isArray(saved.chosen) ? saved.chosen.filter((s) => typeof s === 'string') : [],
      institutionId: typeof saved.institutionId === 'string' ? saved.institutionId : undefined,
      authorisationId: typeof saved.authorisationId === 'string' ? saved.authorisationId : undefined,
      grants: Array.isArray(saved.grants) ? saved.grants : [],
    };
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
 * The storage key for a journey: the session for a live one; the app for a preview. Opaque: the session
 * token is hashed so it never sits in storage in clear.
 */
export function journeyKey(options: { session?: string | undefined; app?: string | undefined; preview: boolean }): string | undefined {
  if (options.session && !options.preview) return `session:${hash(options.session)}`;
  if (options.app) return `${options.preview ? 'preview' : 'app'}:${options.app}`;
  return undefined;
}

/** FNV-1a, 32 bits: enough to tell sessions apart in one tab; not a security measure. */
function hash(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
