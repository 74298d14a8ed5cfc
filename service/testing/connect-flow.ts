import type { createTestApp } from './test-app.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
/** How requests reach the service: `app.request` in process, or `fetch` to a real server. */
export type Requester = (path: string, init?: RequestInit) => Promise<Response>;
/** A partner: its API-key-authenticated JSON caller. */
interface Partner {
  readonly call: (path: string, options?: { method?: string; body?: unknown }) => Promise<Response> | Response;
}

/** A requester for a real server that, like app.request, does not follow redirects. */
export const httpRequester = (base: string): Requester => (path, init = {}) => fetch(`${base}${path}`, { ...init, redirect: 'manual' });

export interface ConnectOptions {
  readonly login?: string;
  readonly otp?: string;
  readonly accounts?: readonly string[];
  readonly optionalClusters?: readonly string[];
  readonly institutionId?: string;
  readonly userId?: string;
  readonly purpose?: 'connect' | 'extend';
  readonly consentId?: string;
  /** The page the service's callback sends the user back to; the service's own origin by default. */
  readonly returnUrl?: string;
  readonly mode?: 'redirect' | 'popup';
  /** An active consent to change instead of adding another. */
  readonly amend?: string;
}

const form = (fields: Record<string, string | readonly string[]>) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of ([] as string[]).concat(value)) body.append(key, v);
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() };
};

/**
 * Walks a connect journey through real routes, as the widget and the end user at the sandbox bank
 * would: user, session, hand-over, customer id, one-time password, accounts, confirm; returns what the
 * bank redirected back with, ready for `grant()`.
 */
export async function authoriseAtBank(t: TestApp | { request: Requester }, partner: Partner, options: ConnectOptions = {}) {
  const request: Requester = 'request' in t ? t.request : (path, init) => Promise.resolve(t.app.request(path, init));
  const userId = options.userId ?? ((await (await partner.call('/v1/users', { method: 'POST', body: { reference: `ref-${Math.random()}` } })).json()) as { id: string }).id;
  const sessionRes = await partner.call('/v1/sessions', { method: 'POST', body: { userId, purpose: options.purpose ?? 'connect', ...(options.consentId ? { consentId: options.consentId } : {}) } });
  if (sessionRes.status !== 201) throw new Error(`session: ${sessionRes.status} ${await sessionRes.text()}`);
  const { token } = (await sessionRes.json()) as { token: string };
  const asSession = (path: string, init: RequestInit = {}) =>
    request(path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  const started = await asSession('/v1/session/authorisations', {
    method: 'POST',
    body: JSON.stringify({ institutionId: options.institutionId ?? 'sandbox-bank', clusters: options.optionalClusters ?? [], returnUrl: options.returnUrl ?? 'http://localhost/connect?session=x', mode: options.mode ?? 'redirect', ...(options.amend ? { amend: options.amend } : {}) }),
  });
  if (started.status !== 201) return { userId, token, asSession, started, redirect: undefined };
  const { id } = (await started.json()) as { id: string; url: string };
  const bank = `/sandbox/authorise/${id}`;
  const steps: [string, Record<string, string | readonly string[]>][] = [
    ['login', { loginId: options.login ?? 'jsmith' }],
    ['otp', { otp: options.otp ?? '000789' }],
    ['accounts', { accountId: options.accounts ?? ['jsmith-everyday', 'jsmith-savings'] }],
    ['confirm', {}],
  ];
  let last: Response | undefined;
  for (const [step, fields] of steps) {
    last = await request(`${bank}/${step}`, form(fields));
    if (last.status !== 303) break;
    const location = new URL(last.headers.get('location')!, 'http://localhost');
    if (location.pathname !== bank) break; // sent back to the recipient
  }
  const redirect = last?.status === 303 ? new URL(last.headers.get('location')!, 'http://localhost') : undefined;
  return { userId, token, asSession, started, authorisationId: id, bank, last, redirect };
}

/** The grant request alone (no job wait): for a real server, whose scheduler runs the job. */
export function postGrant(flow: Awaited<ReturnType<typeof authoriseAtBank>>, idempotencyKey = `idem-${Math.random()}`) {
  const params = flow.redirect!.searchParams;
  return flow.asSession('/v1/session/grants', {
    method: 'POST',
    headers: { 'idempotency-key': idempotencyKey },
    body: JSON.stringify({ authorisationId: params.get('authorisation'), code: params.get('code'), state: params.get('state') }),
  });
}

/** Exchanges the code the bank sent back for a consent, then lets the connection job finish. */
export async function grant(t: TestApp, flow: Awaited<ReturnType<typeof authoriseAtBank>>, idempotencyKey = `idem-${Math.random()}`) {
  const res = await postGrant(flow, idempotencyKey);
  await t.lifecycle.jobs.runPending();
  await t.lifecycle.jobs.idle();
  return res;
}

export { form };
