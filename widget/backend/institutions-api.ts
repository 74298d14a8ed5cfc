import type { Institution } from '../../schema/api/institution.js';
import { JourneyError } from './journey-backend.js';

/** `GET /v1/apps/{appId}/institutions` (public): the institutions an application's config shows. */
export async function fetchInstitutions(service: string, app: string, signal: AbortSignal): Promise<Institution[]> {
  let response: Response;
  try {
    response = await fetch(new URL(`/v1/apps/${encodeURIComponent(app)}/institutions`, service), { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new JourneyError('network', `Could not reach ${service}: ${String(error)}`);
  }
  if (!response.ok) throw new JourneyError('institutions-unavailable', `The service answered ${response.status} for the institutions of "${app}".`);
  const body = (await response.json()) as { data?: unknown };
  if (!Array.isArray(body.data)) throw new JourneyError('institutions-unavailable', 'The institution list had an unexpected shape.');
  return body.data as Institution[];
}
