import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { KoaContextWithOIDC, Provider } from 'oidc-provider';
import type { Arrangement, ArrangementStore } from './arrangements.js';
import { findCustomer, SANDBOX_OTP } from './customers.js';
import { dashboardList, dashboardMessage, dashboardOtp, dashboardSignIn, type ArrangementView } from './dashboard-pages.js';
import { FormBodyError, readFormBody } from './form-body.js';
import { endArrangement } from './grant-revocation.js';
import { bankPage, PAGE_HEADERS } from './pages.js';
import type { NotifyRecipient } from './revocation-notice.js';

/** A browser's visit to the dashboard: signed in once the one-time password is right. */
interface Session {
  readonly csrf: string;
  loginId?: string;
  signedIn: boolean;
  otpAttempts: number;
  logins: number;
  /** Shown once, on the next page. */
  notice?: string;
  expiresAt: number;
}

/** `__Host-`: Secure, the whole origin, no Domain; Strict: no cross-site request carries it. */
const COOKIE = '__Host-dh-consumer';
const IDLE_MS = 15 * 60_000;
const OTP_MAX_ATTEMPTS = 3;
const LOGIN_MAX_ATTEMPTS = 5;

const token = () => randomBytes(32).toString('base64url');
const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const longDate = (epochMs: number) => new Date(epochMs).toLocaleDateString('en-AU', { dateStyle: 'long', timeZone: 'Australia/Sydney' });

/**
 * The data holder's consumer dashboard at `/consumer` (CDR Rules 1.15): the customer signs in with
 * customer id and one-time password, sees their active arrangements, and can stop any of them. Stopping
 * revokes the arrangement and its tokens and tells the recipient (CDR Arrangement Revocation End Point).
 * Every form carries the session's CSRF token; the session cookie is SameSite=Strict.
 */
export function consumerDashboard(input: { provider: Provider; arrangements: ArrangementStore; bankName: string; notify: NotifyRecipient }) {
  const sessions = new Map<string, Session>();

  async function views(customerId: string): Promise<ArrangementView[]> {
    const customer = findCustomer(customerId);
    const nowS = Date.now() / 1000;
    const active = input.arrangements.forCustomer(customerId).filter((a) => a.status === 'active' && a.sharingExpiresAt > nowS);
    return Promise.all(
      active.map(async (a) => ({
        id: a.id,
        recipient: (await input.provider.Client.find(a.clientId))?.clientName ?? 'A data recipient',
        scopes: a.scopes,
        accounts: customer?.accounts.filter((acc) => a.accountIds.includes(acc.accountId)) ?? [],
        sharingSince: longDate(Date.parse(a.sharingSince)),
        sharingEnd: longDate(a.sharingExpiresAt * 1000),
      })),
    );
  }

  async function stop(arrangement: Arrangement): Promise<string> {
    const client = await input.provider.Client.find(arrangement.clientId);
    await endArrangement(input.provider, input.arrangements, arrangement);
    const base = client?.metadata().recipient_base_uri;
    // The customer's page does not wait for the recipient: the notice is tried, retried and logged on its own.
    if (typeof base === 'string') void input.notify({ recipientBaseUri: base, arrangementId: arrangement.id });
    else console.warn(`data holder: no recipient_base_uri for client ${arrangement.clientId}: arrangement ${arrangement.id} revoked without notice`);
    return client?.clientName ?? 'the data recipient';
  }

  return async function dashboard(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    if (!/^\/consumer(\/|$)/.test(ctx.path)) return next();
    const match = /^\/consumer(?:\/(login|otp|sign-out|arrangements\/([\w-]+)\/stop))?\/?$/.exec(ctx.path);
    ctx.set(PAGE_HEADERS);
    const page = (title: string, body: Parameters<typeof bankPage>[2], status = 200) => {
      ctx.status = status;
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = bankPage(input.bankName, title, body);
    };
    const home = () => {
      ctx.status = 303;
      ctx.redirect('/consumer');
    };
    const now = Date.now();
    for (const [id, s] of sessions) if (s.expiresAt < now) sessions.delete(id);
    const cookieId = ctx.cookies.get(COOKIE);
    let sessionId = cookieId && sessions.has(cookieId) ? cookieId : undefined;
    const begin = (fields: Partial<Session> = {}) => {
      sessionId = token();
      sessions.set(sessionId, { csrf: token(), signedIn: false, otpAttempts: 0, logins: 0, expiresAt: 0, ...fields });
      ctx.cookies.set(COOKIE, sessionId, { path: '/', secure: true, httpOnly: true, sameSite: 'strict', overwrite: true, signed: false });
    };

    if (!match) return page('Not found', dashboardMessage('There is no such page.'), 404);

    if (ctx.method === 'GET' && !match[1]) {
      if (!sessionId) begin();
      const session = sessions.get(sessionId!)!;
      session.expiresAt = now + IDLE_MS;
      if (!session.signedIn) return session.loginId ? page('One-time password', dashboardOtp(session.csrf)) : page('Your data sharing', dashboardSignIn(session.csrf));
      const notice = session.notice;
      session.notice = undefined;
      const customer = findCustomer(session.loginId!)!;
      return page('Your data sharing', dashboardList({ customerName: customer.displayName, csrf: session.csrf, arrangements: await views(customer.loginId), ...(notice ? { notice } : {}) }));
    }
    if (ctx.method !== 'POST' || !match[1]) {
      ctx.set('allow', match[1] ? 'POST' : 'GET');
      return page('Not allowed', dashboardMessage('That is not something this page does.'), 405);
    }

    const session = sessionId ? sessions.get(sessionId) : undefined;
    if (!session) return page('Session ended', dashboardMessage('Your session has ended. Please sign in again.'), 403);
    let form: URLSearchParams;
    try {
      form = await readFormBody(ctx.req);
    } catch (error) {
      if (!(error instanceof FormBodyError)) throw error;
      return page('Something went wrong', dashboardMessage(`${error.message} Please go back and try again.`), error.status);
    }
    if (!sameToken(form.get('csrf') ?? '', session.csrf)) return page('Session ended', dashboardMessage('This form has expired. Please start again.'), 403);
    session.expiresAt = now + IDLE_MS;
    const end = (message: string) => {
      sessions.delete(sessionId!);
      return page('Sign in again', dashboardMessage(message), 400);
    };

    switch (match[1]) {
      case 'login': {
        session.logins += 1;
        if (session.logins > LOGIN_MAX_ATTEMPTS) return end('Too many sign-in attempts. Please start again.');
        const customer = findCustomer(form.get('loginId') ?? '');
        if (!customer) return page('Your data sharing', dashboardSignIn(session.csrf, 'We do not recognise that customer ID.'), 400);
        Object.assign(session, { loginId: customer.loginId, signedIn: false });
        return home();
      }
      case 'otp': {
        if (!session.loginId || session.signedIn) return home();
        if (form.get('otp') !== SANDBOX_OTP) {
          session.otpAttempts += 1;
          if (session.otpAttempts >= OTP_MAX_ATTEMPTS) return end('Too many incorrect one-time passwords. Please start again.');
          return page('One-time password', dashboardOtp(session.csrf, 'That one-time password is not right.'), 400);
        }
        // A new session id once signed in: one planted before sign-in is worth nothing after.
        sessions.delete(sessionId!);
        begin({ loginId: session.loginId, signedIn: true, expiresAt: now + IDLE_MS });
        return home();
      }
      case 'sign-out':
        sessions.delete(sessionId!);
        ctx.cookies.set(COOKIE, '', { path: '/', secure: true, httpOnly: true, sameSite: 'strict', overwrite: true, expires: new Date(0) });
        return home();
      default: {
        if (!session.signedIn) return home();
        const arrangement = input.arrangements.get(match[2]!);
        if (!arrangement || arrangement.customerId !== session.loginId || arrangement.status !== 'active') {
          return page('Not found', dashboardMessage('We could not find that sharing arrangement. It may have ended already.'), 404);
        }
        session.notice = `You have stopped sharing with ${await stop(arrangement)}.`;
        return home();
      }
    }
  };
}
