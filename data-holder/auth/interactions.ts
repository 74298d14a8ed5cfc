import type { InteractionResults, KoaContextWithOIDC, Provider } from 'oidc-provider';
import type { ArrangementStore } from './arrangements.js';
import { cdrRequestParams } from './cdr-request-params.js';
import { BANK_CSS } from './bank.css.js';
import { findCustomer, SANDBOX_OTP } from './customers.js';
import { FormBodyError, readFormBody } from './form-body.js';
import { accountsForm, bankPage, confirmForm, loginForm, messagePage, otpForm, PAGE_HEADERS } from './pages.js';

/** Where the customer is in the data holder's own authentication and authorisation pages. */
interface Progress {
  loginId?: string;
  otpVerified?: boolean;
  accountIds?: readonly string[];
  /** Counted for the whole authorisation: signing in again does not start them over. */
  otpAttempts: number;
  /** Customer ids submitted: each sign-in sends a one-time password, so they are capped too. */
  logins: number;
  /** Epoch ms after which an abandoned interaction's progress is dropped (the provider's Interaction TTL). */
  expiresAt: number;
}

const PROGRESS_TTL_MS = 10 * 60_000;

const OTP_MAX_ATTEMPTS = 3;
const LOGIN_MAX_ATTEMPTS = 5;
/** The OTP level of assurance (Levels of Assurance: urn:cds.au:cdr:2). */
export const ACR_OTP = 'urn:cds.au:cdr:2';

// Authorise and Cancel end in redirects to the recipient and on to wherever it sends the customer (the
// partner's page): browsers check form-action along the whole chain, so these pages cannot name its end.
// Without script, and with base-uri 'none', no form on them can be turned elsewhere.
const INTERACTION_HEADERS = { ...PAGE_HEADERS, 'content-security-policy': "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'" };

/**
 * The consumer pages of the authorisation flow, as koa middleware in front of the provider: customer
 * id, one-time password, account choice, confirmation (CX standards: Authenticate, Authorise). Every
 * authorisation asks for all of them: consent is never carried over from an earlier one.
 */
export function interactionPages(provider: Provider, arrangements: ArrangementStore, bankName: string) {
  const progress = new Map<string, Progress>();

  return async function interactions(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    if (ctx.method === 'GET' && ctx.path === '/assets/bank.css') {
      ctx.type = 'text/css; charset=utf-8';
      ctx.body = BANK_CSS;
      return;
    }
    const match = /^\/interaction\/([\w-]+)(?:\/(login|otp|accounts|confirm|cancel))?$/.exec(ctx.path);
    if (!match) return next();
    ctx.set(INTERACTION_HEADERS);
    const action = `/interaction/${match[1]}`;
    const page = (title: string, body: Parameters<typeof bankPage>[2], status = 200) => {
      ctx.status = status;
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = bankPage(bankName, title, body);
    };

    let details;
    try {
      details = await provider.interactionDetails(ctx.req, ctx.res);
    } catch {
      return page('Request finished', messagePage('This request has expired or already finished. Please start again from the app.'), 400);
    }
    if (details.uid !== match[1]) return page('Request finished', messagePage('This request has expired or already finished.'), 400);
    const { params } = details;
    const client = await provider.Client.find(String(params.client_id));
    const recipient = client?.clientName ?? String(params.client_id);
    const now = Date.now();
    for (const [uid, p] of progress) if (p.expiresAt < now) progress.delete(uid);
    const state = progress.get(details.uid) ?? { otpAttempts: 0, logins: 0, expiresAt: now + PROGRESS_TTL_MS };
    progress.set(details.uid, state);
    const customer = state.loginId ? findCustomer(state.loginId) : undefined;

    const finish = async (result: InteractionResults) => {
      progress.delete(details.uid);
      const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
      ctx.status = 303;
      ctx.redirect(to);
    };
    const again = () => {
      ctx.status = 303;
      ctx.redirect(action);
    };

    if (ctx.method === 'POST') {
      let form: URLSearchParams;
      try {
        form = await readFormBody(ctx.req);
      } catch (error) {
        if (!(error instanceof FormBodyError)) throw error;
        return page('Something went wrong', messagePage(`${error.message} Please go back and try again.`), error.status);
      }
      switch (match[2]) {
        case 'cancel':
          return finish({ error: 'access_denied', error_description: 'The customer cancelled the authorisation.' });
        case 'login': {
          state.logins += 1;
          if (state.logins > LOGIN_MAX_ATTEMPTS) return finish({ error: 'access_denied', error_description: 'Too many sign-in attempts.' });
          const found = findCustomer(form.get('loginId') ?? '');
          if (!found) return page('Sign in', loginForm(action, recipient, 'We do not recognise that customer ID.'), 400);
          Object.assign(state, { loginId: found.loginId, otpVerified: false, accountIds: undefined });
          return again();
        }
        case 'otp':
          if (!customer) return again();
          if (form.get('otp') !== SANDBOX_OTP) {
            state.otpAttempts += 1;
            if (state.otpAttempts >= OTP_MAX_ATTEMPTS) return finish({ error: 'access_denied', error_description: 'Too many incorrect one-time passwords.' });
            return page('One-time password', otpForm(action, 'That one-time password is not right.'), 400);
          }
          state.otpVerified = true;
          return again();
        case 'accounts': {
          if (!customer || !state.otpVerified) return again();
          const shareable = new Set(customer.accounts.filter((a) => !a.unavailableReason).map((a) => a.accountId));
          const chosen = form.getAll('accountId').filter((id) => shareable.has(id));
          if (chosen.length === 0) return page('Choose accounts', accountsForm(action, customer.accounts, 'Choose at least one account.'), 400);
          state.accountIds = chosen;
          return again();
        }
        case 'confirm': {
          if (!customer || !state.otpVerified || !state.accountIds) return again();
          const { arrangementId: existingId, sharingDuration: duration } = cdrRequestParams(params);
          // Request Object Submission: an arrangement of another consumer must be rejected.
          if (existingId && arrangements.get(existingId)?.customerId !== customer.loginId) {
            return finish({ error: 'access_denied', error_description: 'The arrangement belongs to another customer.' });
          }
          const scope = String(params.scope);
          const grant = new provider.Grant({ accountId: customer.loginId, clientId: String(params.client_id) });
          grant.addOIDCScope(scope);
          const grantId = await grant.save();
          arrangements.establish(
            { clientId: String(params.client_id), customerId: customer.loginId, accountIds: state.accountIds, scopes: scope.split(' '), sharingExpiresAt: Math.floor(Date.now() / 1000) + duration, grantId },
            existingId,
          );
          return finish({ login: { accountId: customer.loginId, acr: ACR_OTP, amr: ['otp'] }, consent: { grantId } });
        }
      }
      return again();
    }

    if (match[2]) return again();
    if (!customer) return page('Sign in', loginForm(action, recipient));
    if (!state.otpVerified) return page('One-time password', otpForm(action));
    if (!state.accountIds) return page('Choose accounts', accountsForm(action, customer.accounts));
    const duration = cdrRequestParams(params).sharingDuration;
    const sharingEnd = duration > 0 ? new Date(Date.now() + duration * 1000).toLocaleDateString('en-AU', { dateStyle: 'long', timeZone: 'Australia/Sydney' }) : undefined;
    return page('Confirm', confirmForm(action, { recipient, scopes: String(params.scope).split(' '), accounts: customer.accounts.filter((a) => state.accountIds!.includes(a.accountId)), sharingEnd }));
  };
}
