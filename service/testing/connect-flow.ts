import { browser } from '../../data-holder/auth/test-recipient.js';
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

/** Where the customer stops at the data holder's pages (default: they authorise). */
export type BankChoice = 'authorise' | 'cancel' | 'abandon';

/** One page of the data holder's the customer saw: which step it asks for, how it answered, its HTML. */
export interface BankPage {
  readonly url: string;
  readonly step: string;
  readonly status: number;
  readonly html: string;
}

/**
 * Drives the sandbox data holder's pages as the customer would, over real HTTPS: customer id, one-time
 * password, accounts, Authorise (or Cancel). Returns where the holder sent the browser back to (the
 * service's callback with the JARM `response`), or no redirect when the customer abandoned or was stuck
 * (an account choice the holder refused: sending it again would change nothing), with every page seen.
 */
export async function customerJourney(caCert: string, authorisationUrl: string, options: ConnectOptions & { choice?: BankChoice } = {}): Promise<{ redirect: URL | undefined; pages: BankPage[] }> {
  const bank = browser(caCert);
  const pages: BankPage[] = [];
  try {
    let url = authorisationUrl;
    let fields: Record<string, string | string[]> | undefined;
    for (let hop = 0; hop < 30; hop++) {
      const res = await bank.request(url, fields ? { form: fields } : {});
      const posted = fields ? new URL(url).pathname.split('/').at(-1) : undefined;
      fields = undefined;
      const location = res.headers.get('location');
      if (location) {
        const next = new URL(location, url);
        await res.text();
        if (next.pathname === '/connect/callback') return { redirect: next, pages };
        url = next.toString();
        continue;
      }
      const html = await res.text();
      const action = /<form method="post" action="([^"]+)\/(login|otp|accounts|confirm)"/.exec(html);
      pages.push({ url, step: action?.[2] ?? 'message', status: res.status, html });
      if (!action) throw new Error(`unexpected bank page ${res.status}: ${html.slice(0, 300)}`);
      // The holder caps wrong customer ids and one-time passwords, but not a refused account choice.
      if (posted === 'accounts' && action[2] === 'accounts' && res.status === 400) return { redirect: undefined, pages };
      if (options.choice === 'abandon' && action[2] === 'confirm') return { redirect: undefined, pages };
      const step = options.choice === 'cancel' && action[2] === 'confirm' ? 'cancel' : action[2];
      url = new URL(`${action[1]}/${step}`, url).toString();
      fields =
        step === 'login' ? { loginId: options.login ?? 'jsmith' }
        : step === 'otp' ? { otp: options.otp ?? '000789' }
        : step === 'accounts' ? { accountId: [...(options.accounts ?? ['jsmith-everyday', 'jsmith-savings'])] }
        : {};
    }
    throw new Error('too many redirects at the bank');
  } finally {
    await bank.close();
  }
}

/** The customer at the holder's pages; only where the holder sent the browser back to. */
export async function customerAtBank(caCert: string, authorisationUrl: string, options: ConnectOptions & { choice?: BankChoice } = {}): Promise<URL | undefined> {
  return (await customerJourney(caCert, authorisationUrl, options)).redirect;
}

/**
 * Walks a connect journey through real routes, as the widget and the end user would: user, session,
 * hand-over (PAR to the data holder), the customer at the holder's pages; returns where the holder sent
 * the browser back to (the service's callback with its JARM answer), ready for `grant()`.
 */
export async function authoriseAtBank(t: (TestApp | { request: Requester }) & { dataHolder?: { caCert: string } }, partner: Partner, options: ConnectOptions & { choice?: BankChoice } = {}) {
  const request: Requester = 'app' in t ? (path, init) => Promise.resolve(t.app.request(path, init)) : t.request;
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
  if (started.status !== 201) return { userId, token, asSession, request, started, redirect: undefined, bankPages: [] as BankPage[] };
  const { id, url } = (await started.json()) as { id: string; url: string };
  // The browser may be handed over through an address of the service's own (plain HTTP here) on its way to the holder.
  let bankUrl = url;
  for (let hop = 0; hop < 5 && new URL(bankUrl).protocol === 'http:'; hop++) {
    const at = new URL(bankUrl);
    const res = await request(`${at.pathname}${at.search}`);
    const next = res.headers.get('location');
    if (!next) throw new Error(`hand-over to the bank: ${res.status} ${(await res.text()).slice(0, 200)}`);
    bankUrl = new URL(next, bankUrl).toString();
  }
  const caCert = t.dataHolder?.caCert ?? (t as TestApp).dataHolder.caCert;
  const { redirect, pages } = await customerJourney(caCert, bankUrl, options);
  return { userId, token, asSession, request, started, authorisationId: id, bankUrl, handoverUrl: url, redirect, bankPages: pages };
}

/** The browser's return to the service's callback (no job wait): for a real server, whose scheduler runs the job. */
export function postGrant(flow: Awaited<ReturnType<typeof authoriseAtBank>>) {
  return flow.request(`${flow.redirect!.pathname}${flow.redirect!.search}`);
}

/**
 * Returns to the service's callback with the holder's answer, then lets the connection job finish.
 * Answers with the outcome the partner's page would read (`/v1/session/results/…`): 201 with the consent
 * when it was granted, 409 with the error otherwise.
 */
export async function grant(t: TestApp, flow: Awaited<ReturnType<typeof authoriseAtBank>>) {
  const callback = await postGrant(flow);
  await t.lifecycle.jobs.runPending();
  await t.lifecycle.jobs.idle();
  if (callback.status !== 303) return callback;
  const outcome = await outcomeOf(flow, callback);
  return new Response(JSON.stringify(outcome), { status: outcome.status === 'exchanged' ? 201 : 409, headers: { 'content-type': 'application/json' } });
}

/** What the callback sent the browser back with: the outcome, as the widget reads it. */
export async function outcomeOf(flow: Awaited<ReturnType<typeof authoriseAtBank>>, callback: Response) {
  const location = new URL(callback.headers.get('location')!);
  const res = await flow.asSession(`/v1/session/results/${location.searchParams.get('consent_ui_result')}`);
  return (await res.json()) as { status: string; consentId?: string; jobId?: string; receiptUrl?: string; institutionId: string; error?: { code: string; detail: string } };
}

/**
 * Counts the authorisation codes the data holder exchanges for this service's client, from now until
 * `stop()`: what the holder saw, not what the service says it did.
 */
export async function watchCodeExchanges(t: TestApp) {
  const registration = await t.db.selectFrom('holder_registrations').select('client_id').where('issuer', '=', t.dataHolder.issuer).executeTakeFirstOrThrow();
  let count = 0;
  const listener = (ctx: { oidc?: { params?: { grant_type?: unknown }; client?: { clientId: string } } }) => {
    if (ctx.oidc?.params?.grant_type === 'authorization_code' && ctx.oidc.client?.clientId === registration.client_id) count += 1;
  };
  const provider = t.dataHolder.server.provider;
  provider.on('grant.success', listener);
  return {
    clientId: registration.client_id,
    get count() {
      return count;
    },
    stop: () => void provider.off('grant.success', listener),
  };
}

export { form };
