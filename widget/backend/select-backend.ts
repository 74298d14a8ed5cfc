import { sleep } from '../journey/timers.js';
import { fetchInstitutions } from './institutions-api.js';
import { JourneyError, type JourneyBackend } from './journey-backend.js';
import type { LiveBackendOptions } from './live-backend.js';
import { forgetResult, returnedResult } from './result-param.js';
import { previewBackend } from './preview-backend.js';

export interface BackendSource {
  readonly service: string;
  readonly app: string | undefined;
  readonly session: string | undefined;
  readonly preview: boolean;
}

/**
 * The live backend, loaded on first use: pages that only preview (the editor, the demo) never download
 * it, which keeps widget.js within its size budget. The build ships it as widget.live.js.
 */
function lazyLiveBackend(options: LiveBackendOptions): JourneyBackend {
  let backend: Promise<JourneyBackend> | undefined;
  const load = () => (backend ??= import('./live-backend.js').then((m) => m.liveBackend(options, { JourneyError, fetchInstitutions, sleep })));
  return {
    kind: 'live',
    listInstitutions: async (signal) => (await load()).listInstitutions(signal),
    startAuthorisation: async (request, signal) => (await load()).startAuthorisation(request, signal),
    returnedResult,
    forgetResult: () => forgetResult(),
    resolveResult: async (result, signal) => (await load()).resolveResult(result, signal),
    authorisationPending: async (id, signal) => (await load()).authorisationPending(id, signal),
    awaitAuthorisation: async (id, signal) => (await load()).awaitAuthorisation(id, signal),
    watchProgress: async (id, onUpdate, signal) => (await load()).watchProgress(id, onUpdate, signal),
    amendment: async (signal) => (await load()).amendment?.(signal),
    complete: async (grants, signal) => (await load()).complete(grants, signal),
  };
}

/**
 * The backend a journey element uses when the host has not set one: the preview one for `preview`
 * (and the editor, and a journey with no session); otherwise the live one, with the session token.
 */
export function selectBackend(source: BackendSource): JourneyBackend {
  if (source.preview || !source.session) return previewBackend({ service: source.service, app: source.app });
  return lazyLiveBackend({ service: source.service, app: source.app, session: source.session });
}
