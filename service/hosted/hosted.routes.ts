import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import { z } from 'zod';
import { RESULT_PARAM } from '../../schema/api/bank-return.js';
import { acceptBankAnswer } from '../consents/bank-return.js';
import { Problem } from '../errors/problem.js';
import type { LifecycleDeps } from '../consents/lifecycle-deps.js';
import { STRICT_CSP } from '../demo/demo.routes.js';
import { validate } from '../errors/validate.js';
import { describeRoute } from '../openapi/describe.js';
import { findSessionByToken, sessionState } from '../sessions/sessions.repository.js';
import { sessionRefusal } from '../sessions/session-permissions.js';
import { hostedPageCsp } from './hosted-csp.js';
import { HOSTED_CSS, hostedPage, noticePage } from './hosted-pages.js';

const sessionQuery = z.object({ session: z.string().min(1).max(200) });
/** The data holder answers in one signed JWT (JARM, `response_mode=jwt`). */
const callbackQuery = z.object({ response: z.string().min(1).max(16_384) });
const tags = ['Hosted pages'];

/** Hosted pages carry a session token in their address: keep it out of caches and referrers. */
function secure(c: Context) {
  c.header('content-security-policy', STRICT_CSP);
  c.header('referrer-policy', 'no-referrer');
  c.header('cache-control', 'no-store');
}

/**
 * `GET /connect?session=…` and `GET /manage?session=…` (docs/contract.md §3): the journey and the manager as
 * full pages, for links a partner sends (e-mail, SMS) or opens in a web view. `GET /connect/callback`
 * is where the bank returns, in both modes (docs/decisions/bank-return.md).
 */
export function hostedRoutes(deps: LifecycleDeps) {
  const app = new Hono();
  app.get('/hosted.css', describeRoute({ summary: 'The hosted pages’ stylesheet', tags, responses: { 200: { description: 'CSS', contentType: 'text/css' } } }), (c) => c.body(HOSTED_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));

  for (const [path, element] of [
    ['/connect', 'consent-journey'],
    ['/manage', 'consent-manager'],
  ] as const) {
    app.get(
      path,
      describeRoute({ summary: `Hosted ${element} page for a session link`, tags, responses: { 200: { description: 'HTML page (or, for a spent or expired session, a page saying so)', contentType: 'text/html' }, 404: { description: 'No such session: a page saying the link is not valid', contentType: 'text/html' } } }),
      validate('query', sessionQuery),
      async (c) => {
        secure(c);
        const token = c.req.valid('query').session;
        const row = await findSessionByToken(deps.db, token);
        const state = row ? sessionState(row, deps.clock.now()) : 'expired';
        // Which sessions each page opens is SESSION_ROUTES'; a page shows a refusal as an invalid link.
        if (!row || state !== 'active' || sessionRefusal(`GET ${path}`, { purpose: row.purpose, environment: row.app_environment })) {
          const message = state === 'spent' ? 'This link was already used. Go back to the app you came from.' : 'This link has expired or is not valid. Go back to the app you came from to get a new one.';
          return c.html(noticePage('Link expired', message), row ? 200 : 404);
        }
        // The widget links the published config's web font: its origin, and only that, may load.
        c.header('content-security-policy', hostedPageCsp((await deps.configCache.get(row.app_id))?.fontUrl ?? ''));
        // `element` comes from the fixed list above; the token and id are escaped attribute values.
        return c.html(hostedPage(row.app_name, html`<${raw(element)} session="${token}" app="${row.app_id}"></${raw(element)}>`));
      },
    );
  }

  app.get(
    '/connect/callback',
    describeRoute({
      summary: 'Where the bank returns: the service takes its answer once, then sends the user back with a result reference (redirect) or asks them to close the window (popup)',
      tags,
      responses: { 200: { description: 'HTML page (popup mode)', contentType: 'text/html' }, 303: { description: 'Back to the partner’s page with consent_ui_result' }, 400: { description: 'Not an answer to a request of ours', contentType: 'text/html' } },
    }),
    validate('query', callbackQuery),
    async (c) => {
      secure(c);
      let outcome: Awaited<ReturnType<typeof acceptBankAnswer>>;
      // The answer as addressed to the redirect URI we registered (not as a proxy may have rewritten it).
      const callback = new URL(deps.recipient?.redirectUri ?? c.req.url);
      callback.search = new URLSearchParams({ response: c.req.valid('query').response }).toString();
      try {
        outcome = await acceptBankAnswer(deps, callback);
      } catch (error) {
        if (error instanceof Problem && error.body.status === 400) {
          return c.html(noticePage('Something went wrong', 'This answer from the bank does not match a request. Close this window and try again.'), 400);
        }
        // Nothing was decided (the bank or the database did not answer in time): the same answer can be taken again.
        deps.log.warn({ msg: 'bank answer not taken', error: (error as Error).message });
        c.header('retry-after', '2');
        return c.html(noticePage('Not finished yet', 'Your bank’s answer could not be processed just now. Reload this page to try again; nothing was shared twice.'), 503);
      }
      const { row, result } = outcome;
      if (row.mode === 'redirect') {
        const back = new URL(row.return_url);
        back.searchParams.set(RESULT_PARAM, result);
        return c.redirect(back.toString(), 303);
      }
      // Popup: the journey in the opener follows the authorisation and closes this window itself.
      if (row.status === 'exchanged') return c.html(noticePage('Connected', 'You can close this window and return to the app.'));
      const why = row.error_code === 'access-denied' ? 'You cancelled at your bank, so nothing was shared.' : 'Your bank did not confirm the request, so nothing was shared.';
      return c.html(noticePage('Nothing was shared', `${why} You can close this window.`));
    },
  );
  return app;
}
