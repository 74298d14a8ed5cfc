import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { clusterLabels, type ClusterScope, type Config } from '../../schema/index.js';
import { formatConsentDate, zoneOf } from '../consents/consent-dates.js';
import type { ServiceDeps } from '../deps.js';
import { STRICT_CSP } from '../demo/demo.routes.js';
import { notFound } from '../errors/problem.js';
import { describeRoute } from '../openapi/describe.js';
import { validate } from '../errors/validate.js';
import { randomBase62, sha256Hex } from '../security/secrets.js';
import { advanceAuthorisation, findAuthorisation, type Authorisation } from './authorisations.repository.js';
import { BANK_CSS } from './bank.css.js';
import { accountsForm, bankPage, confirmForm, loginForm, messagePage, otpForm } from './sandbox-bank.pages.js';
import { findSandboxCustomer, SANDBOX_OTP } from './sandbox-customers.js';

const OTP_TTL_MS = 5 * 60_000;
const OTP_MAX_ATTEMPTS = 3;
/** Authorisation codes are single-use and live one minute (CDS: short-lived authorisation codes). */
export const CODE_TTL_MS = 60_000;

const idParam = z.strictObject({ id: z.string().min(1).max(64) });

/**
 * The sandbox data holder's own pages (docs/contract.md §3): customer id, one-time password, account choice,
 * confirmation; then back to the recipient with a code (or an error) and the `state` it sent.
 * It never asks for a password (CX standard "Authentication: Passwords").
 */
export function sandboxBankRoutes(deps: ServiceDeps) {
  const { db, clock } = deps;
  const app = new Hono();
  const now = () => clock.now();

  const tags = ['Sandbox data holder'];
  const page = (summary: string) => describeRoute({ summary, tags, responses: { 200: { description: 'An HTML page of the sandbox bank', contentType: 'text/html' }, 303: { description: 'On to the next page, or back to the recipient with code or error and state' } } });

  app.get('/sandbox/assets/bank.css', describeRoute({ summary: 'The sandbox bank’s stylesheet', tags, responses: { 200: { description: 'CSS', contentType: 'text/css' } } }), (c) => c.body(BANK_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));

  /** Loads a pending authorisation, or answers with the page that says why it cannot go on. */
  async function load(c: Context, id: string): Promise<{ row: Authorisation; bank: string; recipient: string } | Response> {
    const row = await findAuthorisation(db, id);
    if (!row) throw notFound('Authorisation request');
    const bank = (await db.selectFrom('institutions').select('name').where('id', '=', row.institution_id).executeTakeFirst())?.name ?? 'Sandbox Bank';
    const app = await db.selectFrom('applications').select('name').where('id', '=', row.app_id).executeTakeFirstOrThrow();
    if (row.status !== 'pending') {
      // Back from the recipient's page lands here: the way back goes through the recipient's callback,
      // which knows what came of the request (no code again: the answer was given once).
      const back = new URL(row.redirect_uri ?? row.return_url);
      back.searchParams.set('state', row.state);
      back.searchParams.set('authorisation', row.id);
      return htmlPage(c, bank, 'Request finished', messagePage('This request has already finished.', { href: back.toString(), label: `Return to ${app.name}` }), 409);
    }
    if (row.expires_at <= now().toISOString()) {
      await advanceAuthorisation(db, row.id, row.stage, { status: 'failed', stage: 'done', error_code: 'authorisation-expired', error_detail: 'The request to the bank timed out.' });
      return finish(c, { ...row, status: 'failed' }, { error: 'authorisation-expired', description: 'The request to the bank timed out. Please start again.' });
    }
    return { row, bank, recipient: app.name };
  }

  function htmlPage(c: Context, bank: string, title: string, body: ReturnType<typeof messagePage>, status: 200 | 400 | 409 = 200) {
    c.header('content-security-policy', STRICT_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'none'; form-action 'self' http: https:"));
    c.header('cache-control', 'no-store');
    // Its address names the authorisation, whose finished page links back through the callback.
    c.header('referrer-policy', 'no-referrer');
    return c.html(bankPage(bank, title, body), status);
  }

  /** Sends the user back to the recipient: `code` on success, `error` otherwise, with `state` either way. */
  function finish(c: Context, row: Authorisation, result: { code: string } | { error: string; description: string }) {
    // The recipient's registered callback; rows from before it was recorded returned to the page itself.
    const target = new URL(row.redirect_uri ?? row.return_url);
    if ('code' in result) target.searchParams.set('code', result.code);
    else {
      target.searchParams.set('error', result.error);
      target.searchParams.set('error_description', result.description);
    }
    target.searchParams.set('state', row.state);
    target.searchParams.set('authorisation', row.id);
    return c.redirect(target.toString(), 303);
  }

  const action = (row: Authorisation) => `/sandbox/authorise/${row.id}`;

  async function render(c: Context, loaded: { row: Authorisation; bank: string; recipient: string }, error?: string, status: 200 | 400 = 200) {
    const { row, bank, recipient } = loaded;
    const customer = row.customer_login ? findSandboxCustomer(row.customer_login) : undefined;
    const config = await deps.configCache.get(row.app_id);
    const policy = config ? (JSON.parse(config.body) as Config).consent : undefined;
    // Every time and date on the bank's pages in the consent's own zone, named (consent-dates.ts).
    const zone = zoneOf(policy);
    switch (row.stage) {
      case 'login':
        return htmlPage(c, bank, 'Sign in', loginForm(action(row), recipient, error), status);
      case 'otp':
        return htmlPage(c, bank, 'Enter your one-time password', otpForm(action(row), row.otp_expires_at!, error, zone), status);
      case 'accounts':
        return htmlPage(c, bank, 'Choose accounts', accountsForm(action(row), customer!.accounts, error), status);
      default: {
        const chosen = JSON.parse(row.account_ids) as string[];
        const { durationDays, retrievalSpanDays } = policy ?? { durationDays: 365, retrievalSpanDays: 365 };
        const day = 86_400_000;
        const date = (ms: number) => formatConsentDate(ms, zone);
        return htmlPage(
          c,
          bank,
          'Confirm sharing',
          confirmForm(action(row), {
            recipient,
            clusters: clusterLabels(JSON.parse(row.clusters) as ClusterScope[], { business: customer?.customerUType === 'organisation' }),
            accounts: customer!.accounts.filter((a) => chosen.includes(a.holderAccountId)),
            sharingEnd: date(now().getTime() + durationDays * day),
            historyFrom: date(now().getTime() - retrievalSpanDays * day),
            timeZone: zone,
          }),
          status,
        );
      }
    }
  }

  app.get('/sandbox/authorise/:id', page('The data holder’s page for an authorisation request, at its current stage'), validate('param', idParam), async (c) => {
    const loaded = await load(c, c.req.valid('param').id);
    return loaded instanceof Response ? loaded : render(c, loaded);
  });

  app.post('/sandbox/authorise/:id/login', page('Customer id (never a password)'), validate('param', idParam), async (c) => {
    const loaded = await load(c, c.req.valid('param').id);
    if (loaded instanceof Response) return loaded;
    const form = await c.req.parseBody();
    const customer = findSandboxCustomer(String(form.loginId ?? ''));
    if (loaded.row.stage !== 'login') return render(c, loaded);
    if (!customer) return render(c, loaded, 'We do not recognise that customer ID. Check it and try again.', 400);
    const otpExpiresAt = new Date(now().getTime() + OTP_TTL_MS).toISOString();
    await advanceAuthorisation(db, loaded.row.id, 'login', { stage: 'otp', customer_login: customer.loginId, otp_expires_at: otpExpiresAt, otp_attempts: 0 });
    return c.redirect(action(loaded.row), 303);
  });

  app.post('/sandbox/authorise/:id/resend', page('Send a new one-time password'), validate('param', idParam), async (c) => {
    const loaded = await load(c, c.req.valid('param').id);
    if (loaded instanceof Response) return loaded;
    if (loaded.row.stage === 'otp') {
      await advanceAuthorisation(db, loaded.row.id, 'otp', { otp_expires_at: new Date(now().getTime() + OTP_TTL_MS).toISOString(), otp_attempts: 0 });
    }
    return c.redirect(action(loaded.row), 303);
  });

  app.post('/sandbox/authorise/:id/otp', page('One-time password (sandbox: 000789)'), validate('param', idParam), async (c) => {
    const loaded = await load(c, c.req.valid('param').id);
    if (loaded instanceof Response) return loaded;
    const { row } = loaded;
    if (row.stage !== 'otp') return render(c, loaded);
    if (row.otp_expires_at! <= now().toISOString()) {
      return render(c, loaded, 'That one-time password has expired. Send a new one and try again.', 400);
    }
    const otp = String((await c.req.parseBody()).otp ?? '').trim();
    if (otp !== SANDBOX_OTP) {
      const attempts = row.otp_attempts + 1;
      if (attempts >= OTP_MAX_ATTEMPTS) {
        await advanceAuthorisation(db, row.id, 'otp', { status: 'failed', stage: 'done', otp_attempts: attempts, error_code: 'otp-failed', error_detail: 'Too many incorrect one-time passwords.' });
        return finish(c, row, { error: 'otp-failed', description: 'The one-time password was entered incorrectly too many times.' });
      }
      await advanceAuthorisation(db, row.id, 'otp', { otp_attempts: attempts });
      const left = OTP_MAX_ATTEMPTS - attempts;
      return render(c, loaded, `That one-time password is not correct. ${left} ${left === 1 ? 'try' : 'tries'} left.`, 400);
    }
    await advanceAuthorisation(db, row.id, 'otp', { stage: 'accounts' });
    return c.redirect(action(row), 303);
  });

  app.post('/sandbox/authorise/:id/accounts', page('Accounts to share'), validate('param', idParam), async (c) => {
    const loaded = await load(c, c.req.valid('param').id);
    if (loaded instanceof Response) return loaded;
    const { row } = loaded;
    if (row.stage !== 'accounts') return render(c, loaded);
    const form = await c.req.parseBody({ all: true });
    const picked = ([] as unknown[]).concat(form.accountId ?? []).map(String);
    const shareable = findSandboxCustomer(row.customer_login!)!.accounts.filter((a) => !a.unavailableReason).map((a) => a.holderAccountId);
    const accountIds = picked.filter((id) => shareable.includes(id));
    if (accountIds.length === 0) return render(c, loaded, 'Choose at least one account to share.', 400);
    await advanceAuthorisation(db, row.id, 'accounts', { stage: 'confirm', account_ids: JSON.stringify(accountIds) });
    return c.redirect(action(row), 303);
  });

  app.post('/sandbox/authorise/:id/confirm', page('Authorise: back to the recipient with a single-use code'), validate('param', idParam), async (c) => {
    const loaded = await load(c, c.req.valid('param').id);
    if (loaded instanceof Response) return loaded;
    const { row } = loaded;
    if (row.stage !== 'confirm') return render(c, loaded);
    const code = randomBase62(43);
    const moved = await advanceAuthorisation(db, row.id, 'confirm', {
      status: 'authorised',
      stage: 'done',
      code_hash: sha256Hex(code),
      code_expires_at: new Date(now().getTime() + CODE_TTL_MS).toISOString(),
    });
    if (!moved) return render(c, loaded);
    return finish(c, row, { code });
  });

  app.post('/sandbox/authorise/:id/cancel', page('Cancel: back to the recipient with access-denied'), validate('param', idParam), async (c) => {
    const loaded = await load(c, c.req.valid('param').id);
    if (loaded instanceof Response) return loaded;
    const { row } = loaded;
    await advanceAuthorisation(db, row.id, row.stage, { status: 'cancelled', stage: 'done', error_code: 'access-denied', error_detail: 'Cancelled at the bank.' });
    return finish(c, row, { error: 'access-denied', description: 'You cancelled at your bank, so nothing was shared.' });
  });

  return app;
}
