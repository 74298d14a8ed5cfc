import { Hono } from 'hono';
import { Problem } from '../errors/problem.js';
import { revokeConsent } from '../consents/consent-lifecycle.js';
import type { LifecycleDeps } from '../consents/lifecycle-deps.js';
import { describeRoute } from '../openapi/describe.js';
import { RevocationNoticeError } from './arrangement-revocation.js';
import { RECIPIENT_PATHS } from './recipient.js';

const tags = ['CDR data recipient'];
const cdsError = (code: string, title: string, detail: string) => ({ errors: [{ code: `urn:au-cds:error:cds-all:${code}`, title, detail }] });

/**
 * The endpoints data holders call: the recipient's JWKS (request objects, client assertions) and its
 * CDR Arrangement Revocation End Point, which ends the consent as a withdrawal at the holder.
 */
export function recipientRoutes(deps: LifecycleDeps) {
  const app = new Hono();
  app.get(
    RECIPIENT_PATHS.jwks,
    describeRoute({ summary: 'The data recipient’s public signing keys (its jwks_uri)', tags, responses: { 200: { description: 'JWKS' }, 404: { description: 'No recipient identity configured' } } }),
    async (c) => {
      if (!deps.recipient) throw new Problem(404, 'not-found', 'Not found');
      return c.json(await deps.recipient.jwks(), 200, { 'cache-control': 'public, max-age=300' });
    },
  );
  app.post(
    RECIPIENT_PATHS.revocation,
    describeRoute({
      summary: 'CDR Arrangement Revocation End Point: a data holder reports the customer withdrew there',
      tags,
      // Errors in the CDS ErrorList shape (application/json), as the data holder calling it expects, not problem+json.
      responses: {
        204: { description: 'The consent has ended' },
        400: { description: 'No valid cdr_arrangement_jwt', contentType: 'application/json' },
        401: { description: 'No valid bearer JWT from a known data holder', contentType: 'application/json' },
        415: { description: 'The body is not application/x-www-form-urlencoded', contentType: 'application/json' },
        422: { description: 'Not an arrangement we hold', contentType: 'application/json' },
      },
    }),
    async (c) => {
      if (!deps.recipient) throw new Problem(404, 'not-found', 'Not found');
      const type = c.req.header('content-type') ?? '';
      if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
        return c.json(cdsError('Header/InvalidContentType', 'Invalid Content-Type', 'Send application/x-www-form-urlencoded.'), 415);
      }
      let form: URLSearchParams;
      try {
        form = new URLSearchParams(await c.req.text());
      } catch {
        return c.json(cdsError('Field/Invalid', 'Invalid Field', 'The body could not be read.'), 400);
      }
      let notice: { issuer: string; arrangementId: string };
      try {
        notice = await deps.recipient.verifyNotice(c.req.header('authorization'), form.get('cdr_arrangement_jwt') ?? undefined);
      } catch (error) {
        if (!(error instanceof RevocationNoticeError)) throw error;
        if (error.status === 401) return c.json(cdsError('Authorisation/InvalidBearerToken', 'Invalid Bearer Token', error.message), 401, { 'www-authenticate': 'Bearer error="invalid_token"' });
        return c.json(cdsError('Field/Invalid', 'Invalid Field', error.message), 400);
      }
      const consent = await deps.db
        .selectFrom('consents')
        .innerJoin('consent_states', 'consent_states.consent_id', 'consents.id')
        .select(['consents.id', 'consents.app_id', 'consent_states.status'])
        .where('consents.issuer', '=', notice.issuer)
        .where('consents.arrangement_id', '=', notice.arrangementId)
        .executeTakeFirst();
      if (!consent) return c.json(cdsError('Authorisation/InvalidArrangement', 'Invalid Consent Arrangement', 'No arrangement with this id.'), 422);
      if (consent.status === 'active') {
        deps.log.info({ msg: 'cdr revocation notice', issuer: notice.issuer, arrangementId: notice.arrangementId, consentId: consent.id });
        await revokeConsent(deps, { appId: consent.app_id, consentId: consent.id, actor: 'data-holder', byHolder: true }).catch((error: unknown) => {
          // Ended meanwhile by another path: the outcome the holder asked for holds.
          if (!(error instanceof Problem && error.status === 409)) throw error;
        });
      }
      return c.body(null, 204);
    },
  );
  return app;
}
