import { Problem } from '../errors/problem.js';

/** The credential in `Authorization: Bearer …`, or a 401 saying what is missing (RFC 6750 §3). */
export function bearerToken(header: string | undefined, what: 'API key' | 'session token'): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (match?.[1]) return match[1];
  throw unauthorized(`Send ${what === 'API key' ? 'an API key' : 'a session token'} as "Authorization: Bearer <${what === 'API key' ? 'key' : 'token'}>".`, header ? 'invalid_request' : undefined);
}

/** 401 with the challenge RFC 6750 asks for; `detail` never echoes the credential. */
export function unauthorized(detail: string, error?: 'invalid_request' | 'invalid_token', kind = 'unauthorized'): Problem {
  const challenge = `Bearer realm="consent-ui"${error ? `, error="${error}"` : ''}`;
  return new Problem(401, kind, 'Unauthorized', { detail, headers: { 'www-authenticate': challenge } });
}
