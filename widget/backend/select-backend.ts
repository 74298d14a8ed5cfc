import type { JourneyBackend } from './journey-backend.js';
import { liveBackend } from './live-backend.js';
import { previewBackend } from './preview-backend.js';

export interface BackendSource {
  readonly service: string;
  readonly app: string | undefined;
  readonly session: string | undefined;
  readonly preview: boolean;
}

/**
 * The backend a journey element uses when the host has not set one: the preview one for `preview`
 * (and the editor, and a journey with no session); otherwise the live one, with the session token.
 */
export function selectBackend(source: BackendSource): JourneyBackend {
  if (source.preview || !source.session) return previewBackend({ service: source.service, app: source.app });
  return liveBackend({ service: source.service, app: source.app, session: source.session });
}
