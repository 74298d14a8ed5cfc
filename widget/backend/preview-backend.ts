import type { Institution } from '../../schema/api/institution.js';
import { sleep } from '../journey/timers.js';
import { fetchInstitutions } from './institutions-api.js';
import type { Grant, Handoff, JourneyBackend, ProgressTaskId, ProgressUpdate } from './journey-backend.js';

export interface PreviewBackendOptions {
  readonly service: string;
  readonly app: string | undefined;
  /** Pause between progress steps; 0 makes the preview instant (tests). */
  readonly stepDelayMs?: number;
  /** A fixed list instead of the service's (the editor's draft, tests). */
  readonly institutions?: readonly Institution[];
}

const TASKS: readonly ProgressTaskId[] = ['connect', 'consent', 'data'];
const DEFAULT_DELAY_MS = 600;
// Reduced motion: the steps still show in turn, but without the slow reveal (WCAG 2.3.3).
const REDUCED_DELAY_MS = 120;

/**
 * The journey with no side effects (`preview`): reads the public institution list, and simulates the
 * rest — no session is used, nothing is created, nobody is sent anywhere.
 */
export function previewBackend(options: PreviewBackendOptions): JourneyBackend {
  const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  const delay = options.stepDelayMs ?? (reduced ? REDUCED_DELAY_MS : DEFAULT_DELAY_MS);
  return {
    kind: 'preview',
    async listInstitutions(signal) {
      if (options.institutions) return [...options.institutions];
      if (!options.app) return [];
      return fetchInstitutions(options.service, options.app, signal);
    },
    async startAuthorisation(request): Promise<Handoff> {
      return { authorisationId: `preview-${request.institutionId}` };
    },
    returnedResult: () => undefined,
    forgetResult() {},
    async resolveResult(result) {
      return { authorisationId: result, institutionId: result.replace(/^preview-/, '') };
    },
    async authorisationPending() {
      return false;
    },
    async awaitAuthorisation() {},
    async watchProgress(authorisationId, onUpdate, signal): Promise<Grant> {
      const snapshot = (activeIndex: number): ProgressUpdate => ({
        tasks: TASKS.map((id, i) => ({ id, status: i < activeIndex ? 'done' : i === activeIndex ? 'active' : 'pending' })),
      });
      for (let i = 0; i <= TASKS.length; i++) {
        onUpdate(snapshot(i));
        if (i < TASKS.length) await sleep(delay, signal);
      }
      const institutionId = authorisationId.replace(/^preview-/, '');
      return { consentId: `preview-${institutionId}`, institutionId };
    },
    async complete(grants) {
      return { consentIds: grants.map((g) => g.consentId) };
    },
  };
}
