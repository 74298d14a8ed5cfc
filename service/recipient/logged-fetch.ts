import type { Logger } from '../logging/logger.js';
import type { MtlsFetch } from './mtls-fetch.js';

/** A query value, shortened past recognition when long enough to be a secret (a request_uri, a code). */
export const redactValue = (value: string) => (value.length > 12 ? `${value.slice(0, 6)}…(${value.length})` : value);

export function redactUrl(url: string | URL): string {
  const parsed = new URL(url);
  for (const [key, value] of [...parsed.searchParams]) parsed.searchParams.set(key, redactValue(value));
  return decodeURIComponent(parsed.toString());
}

/**
 * Every back-channel call of the recipient, one log line each (PAR, token, CDS APIs, revocation, the
 * Register): method, address with long values cut, status, the version the holder answered and the
 * FAPI interaction id — never a body or a header that carries a secret.
 */
export function loggedFetch(fetch: MtlsFetch, log: Logger): MtlsFetch {
  return async (url, init = {}) => {
    const started = performance.now();
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    try {
      const res = await fetch(url, init);
      log.info({
        msg: 'cdr call',
        method,
        url: redactUrl(url),
        status: res.status,
        ms: Math.round(performance.now() - started),
        ...(headers.get('x-v') ? { xv: headers.get('x-v'), answeredXv: res.headers.get('x-v') } : {}),
        ...(headers.get('x-fapi-interaction-id') ? { interactionId: headers.get('x-fapi-interaction-id') } : {}),
      });
      return res;
    } catch (error) {
      log.warn({ msg: 'cdr call failed', method, url: redactUrl(url), error: (error as Error).message });
      throw error;
    }
  };
}
