import { fetchInstitutions } from './institutions-api.js';
import { JourneyError, type JourneyBackend } from './journey-backend.js';
import { previewBackend } from './preview-backend.js';

export interface BackendSource {
  readonly service: string;
  readonly app: string | undefined;
  readonly session: string | undefined;
  readonly preview: boolean;
}

/**
 * The backend a journey element uses when the host has not set one: the preview one for `preview`
 * (and the editor); otherwise the live one. The live journey (sessions, the sandbox bank, consent
 * records) comes with the consent lifecycle (issue 5): until then a non-preview journey lists the
 * public institutions but stops at the bank hand-off with a clear consent-error.
 */
export function selectBackend(source: BackendSource): JourneyBackend {
  if (source.preview || !source.session) return previewBackend({ service: source.service, app: source.app });
  const unavailable = () => Promise.reject(new JourneyError('unknown', 'Live journeys are not available in this version of the service yet; use `preview`.', false));
  return {
    kind: 'live',
    listInstitutions: (signal) => (source.app ? fetchInstitutions(source.service, source.app, signal) : Promise.resolve([])),
    startAuthorisation: unavailable,
    resume: async () => undefined,
    awaitAuthorisation: unavailable,
    watchProgress: unavailable,
    complete: unavailable,
  };
}
