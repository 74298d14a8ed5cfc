import { Hono } from 'hono';
import { z } from 'zod';
import { SESSION_TTL_DEFAULT_SECONDS, SESSION_TTL_MAX_SECONDS, authorisationStartedSchema, authorisationStatusSchema, consentViewSchema, pageSchema, renewalSchema, renewalStartedSchema, revokeQuerySchema, sessionConsentsQuerySchema, startAuthorisationSchema } from '../../schema/index.js';
import { Problem } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import type { AppEnv } from '../http/app-env.js';
import { publicBase } from '../http/base-url.js';
import { describeRoute } from '../openapi/describe.js';
import { findAuthorisation } from './authorisations.repository.js';
import { createSession, spendSession } from '../sessions/sessions.repository.js';
import { startAuthorisation } from './authorisation-flow.js';
import { revokeConsent } from './consent-lifecycle.js';
import { viewsOf } from './consent-queries.js';
import { findConsent, listUserConsentsPage } from './consents.repository.js';
import { receiptUrl } from './consent-view.js';
import { findJob } from './jobs.repository.js';
import { authorisationView } from './authorisation-view.js';
import type { LifecycleDeps } from './lifecycle-deps.js';

const idParam = z.strictObject({ id: z.string().min(1).max(64) });
const tags = ['Session (widget)'];

/**
 * The widget's routes, with a session token: connect a bank, follow the connection job, and (for
 * manage sessions) list and revoke the user's consents. A token reaches only its own user's data, and
 * only the routes its purpose is for (service/sessions/session-permissions.ts, checked by requireSession).
 */
export function sessionConsentRoutes(deps: LifecycleDeps) {
  const { db, clock } = deps;
  const app = new Hono<AppEnv>();

  app.post(
    '/v1/session/authorisations',
    describeRoute({ summary: 'Hand over to the bank', tags, responses: { 201: { description: 'The bank page to send the user to', schema: authorisationStartedSchema } } }),
    deps.requireSession,
    validate('json', startAuthorisationSchema),
    async (c) => c.json(await startAuthorisation(deps, c.get('session'), c.req.valid('json'), publicBase(c)), 201),
  );

  app.get(
    '/v1/session/authorisations/:id',
    describeRoute({ summary: 'Where the user is at the bank (popup mode polls this)', tags, responses: { 200: { description: 'Status', schema: authorisationStatusSchema } } }),
    deps.requireSession,
    validate('param', idParam),
    async (c) => {
      const session = c.get('session');
      const row = await findAuthorisation(db, c.req.valid('param').id);
      // Any session of the same user may follow it: a partner's page mints a new session on each visit.
      if (!row || row.app_id !== session.appId || row.user_id !== session.userId) throw new Problem(404, 'not-found', 'Authorisation not found');
      return c.json(await authorisationView(db, row, publicBase(c), clock));
    },
  );

  app.get(
    '/v1/session/results/:ref',
    describeRoute({ summary: 'What came of a bank visit, by the result reference the service sent the user back with', tags, responses: { 200: { description: 'The authorisation', schema: authorisationStatusSchema }, 404: { description: 'Not a result of this user' } } }),
    deps.requireSession,
    validate('param', z.strictObject({ ref: z.string().min(1).max(64) })),
    async (c) => {
      const session = c.get('session');
      const row = await db.selectFrom('authorisations').selectAll().where('result_ref', '=', c.req.valid('param').ref).executeTakeFirst();
      if (!row || row.app_id !== session.appId || row.user_id !== session.userId) throw new Problem(404, 'not-found', 'Result not found');
      // A reference serves the return it was made for, within the longest a session can live; an old
      // address kept in a bookmark or history finds nothing.
      if (Date.parse(row.created_at) + SESSION_TTL_MAX_SECONDS * 1000 <= clock.now().getTime()) throw new Problem(404, 'not-found', 'Result not found', { detail: 'This result is too old to be read.' });
      return c.json(await authorisationView(db, row, publicBase(c), clock));
    },
  );

  app.get(
    '/v1/session/jobs/:id',
    describeRoute({ summary: 'A connection job’s steps (the progress step polls this)', tags, responses: { 200: { description: 'The job' } } }),
    deps.requireSession,
    validate('param', idParam),
    async (c) => {
      const session = c.get('session');
      const job = await findJob(db, session.appId, c.req.valid('param').id);
      const owner = job && (await db.selectFrom('consents').select('user_id').where('id', '=', job.consentId).executeTakeFirst());
      if (!job || owner?.user_id !== session.userId) throw new Problem(404, 'not-found', 'Job not found');
      return c.json(job);
    },
  );

  app.get(
    '/v1/session/consents',
    describeRoute({ summary: 'The user’s consents (the manager), newest first; 50 a page unless limit says otherwise', tags, responses: { 200: { description: 'A page of active, expired and revoked consents', schema: pageSchema(consentViewSchema) } } }),
    deps.requireSession,
    validate('query', sessionConsentsQuerySchema),
    async (c) => {
      const session = c.get('session');
      const page = await listUserConsentsPage(db, session.appId, session.userId, c.req.valid('query'));
      return c.json({ data: await viewsOf(db, page.data, publicBase(c), clock.now()), nextCursor: page.nextCursor });
    },
  );

  app.delete(
    '/v1/session/consents/:id',
    describeRoute({ summary: 'Withdraw a consent from the manager', tags, responses: { 200: { description: 'The revoked consent', schema: consentViewSchema }, 409: { description: 'Already ended' } } }),
    deps.requireSession,
    validate('param', idParam),
    validate('query', revokeQuerySchema),
    async (c) => {
      const session = c.get('session');
      const consent = await revokeConsent(deps, { appId: session.appId, consentId: c.req.valid('param').id, userId: session.userId, actor: `user:${session.userId}`, deleteData: c.req.valid('query').deleteData === 'true' });
      const [view] = await viewsOf(db, [consent], publicBase(c), clock.now());
      return c.json(view);
    },
  );

  app.post(
    '/v1/session/renewals',
    describeRoute({
      summary: 'Renew a consent from the manager: an extend session for it, and the page to go to',
      tags,
      responses: { 201: { description: 'The hosted journey for the renewal', schema: renewalStartedSchema }, 404: { description: 'Not a consent of this user' }, 409: { description: 'The consent has ended' } },
    }),
    deps.requireSession,
    validate('json', renewalSchema),
    async (c) => {
      const session = c.get('session');
      const consent = await findConsent(db, session.appId, c.req.valid('json').consentId);
      if (!consent || consent.userId !== session.userId) throw new Problem(404, 'not-found', 'Consent not found', { errors: [{ path: 'body.consentId', message: 'Not a consent of this user' }] });
      if (consent.status !== 'active') throw new Problem(409, `consent-${consent.status}`, `Consent ${consent.status}`, { detail: 'Only an active consent can be renewed; connect again instead.' });
      // The end user is already authenticated by the partner (the manage session): the service issues the
      // extend session itself, so Renew works on the hosted page and needs no partner server round trip.
      const extend = await createSession(db, { appId: session.appId, userId: session.userId, purpose: 'extend', consentId: consent.id, ttlSeconds: SESSION_TTL_DEFAULT_SECONDS }, clock.now());
      return c.json({ url: `${publicBase(c)}/connect?session=${encodeURIComponent(extend.token)}`, expiresAt: extend.expiresAt }, 201);
    },
  );

  app.post(
    '/v1/session/complete',
    describeRoute({ summary: 'The journey ended: spend the connect session', tags, responses: { 204: { description: 'Spent' } } }),
    deps.requireSession,
    async (c) => {
      // A connect or extend session is spent once its journey completes (docs/contract.md §3).
      await spendSession(db, c.get('session').id, clock.now().toISOString());
      return c.body(null, 204);
    },
  );

  return app;
}
