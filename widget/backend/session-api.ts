import type { JourneyError } from './journey-backend.js';

/**
 * Calls a session route with the session token (never an API key: the browser holds only this
 * short-lived, single-user token). Problems become JourneyErrors whose codes the steps explain; the
 * class is passed in so a lazily loaded caller throws the main bundle's own (instanceof holds).
 */
export function sessionApi(service: string, token: string, JourneyErrorClass: typeof JourneyError) {
  return async function call<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; signal: AbortSignal }): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, service), {
        method: init.method ?? 'GET',
        signal: init.signal,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      });
    } catch (error) {
      if (init.signal.aborted) throw error;
      throw new JourneyErrorClass('network', `Could not reach ${service}.`);
    }
    if (response.status === 204) return undefined as T;
    const body = (await response.json().catch(() => ({}))) as T & { type?: string; detail?: string };
    if (response.ok) return body;
    const kind = body.type?.replace('/problems/', '') ?? '';
    const detail = body.detail ?? `The service answered ${response.status}.`;
    if (response.status === 401) throw new JourneyErrorClass('session-expired', detail, false);
    if (kind === 'institution-down') throw new JourneyErrorClass('bank-unavailable', detail);
    if (kind === 'code-expired' || kind === 'code-replayed') throw new JourneyErrorClass(kind, detail);
    if (kind === 'not-authorised') throw new JourneyErrorClass('denied', detail);
    throw new JourneyErrorClass('unknown', detail, response.status >= 500, { ...body, type: kind });
  };
}

export type SessionCall = ReturnType<typeof sessionApi>;
