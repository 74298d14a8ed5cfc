import { Hono } from 'hono';
import { z } from 'zod';
import { consentEventSchema, consentViewSchema, pageQuerySchema, pageSchema, revokeQuerySchema } from '../../schema/index.js';
import { notFound } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import type { AppEnv } from '../http/app-env.js';
import { publicBase } from '../http/base-url.js';
import { describeRoute } from '../openapi/describe.js';
import { revokeConsent } from './consent-lifecycle.js';
import { receiptWithEvents, viewsOf } from './consent-queries.js';
import { findConsent, listUserConsentsPage } from './consents.repository.js';
import { findUser } from '../users/users.repository.js';
import type { LifecycleDeps } from './lifecycle-deps.js';

const idParam = z.strictObject({ id: z.string().min(1).max(64) });
const tags = ['Consents'];

/** Partner routes for consent records: list, read with receipt and audit trail, revoke. */
export function consentRoutes(deps: LifecycleDeps) {
  const { db, clock } = deps;
  const app = new Hono<AppEnv>();

  app.get(
    '/v1/users/:id/consents',
    describeRoute({ summary: 'A user’s consents, newest first', tags, responses: { 200: { description: 'A page of consents', schema: pageSchema(consentViewSchema) }, 404: { description: 'No such user in this application' } } }),
    deps.requireKey('consents:read'),
    validate('param', idParam),
    validate('query', pageQuerySchema),
    async (c) => {
      const { appId } = c.get('principal');
      const userId = c.req.valid('param').id;
      if (!(await findUser(db, appId, userId))) throw notFound('User');
      const page = await listUserConsentsPage(db, appId, userId, c.req.valid('query'));
      return c.json({ data: await viewsOf(db, page.data, publicBase(c), clock.now()), nextCursor: page.nextCursor });
    },
  );

  app.get(
    '/v1/consents/:id',
    describeRoute({
      summary: 'A consent: the record, its CDR receipt and its audit trail',
      tags,
      responses: { 200: { description: 'The consent', schema: z.object({ consent: consentViewSchema, receipt: z.record(z.string(), z.unknown()), events: z.array(consentEventSchema) }) }, 404: { description: 'Not found' } },
    }),
    deps.requireKey('consents:read'),
    validate('param', idParam),
    async (c) => {
      const { appId } = c.get('principal');
      const consent = await findConsent(db, appId, c.req.valid('param').id);
      if (!consent) throw notFound('Consent');
      const { receipt, events } = await receiptWithEvents(deps, consent, publicBase(c), clock.now());
      return c.json({ consent: receipt.consent, receipt, events });
    },
  );

  app.delete(
    '/v1/consents/:id',
    describeRoute({ summary: 'Revoke a consent; its data is deleted or de-identified at once', tags, responses: { 200: { description: 'The revoked consent', schema: consentViewSchema }, 404: { description: 'Not found' }, 409: { description: 'Already ended' } } }),
    deps.requireKey('consents:write'),
    validate('param', idParam),
    validate('query', revokeQuerySchema),
    async (c) => {
      const principal = c.get('principal');
      const consent = await revokeConsent(deps, { appId: principal.appId, consentId: c.req.valid('param').id, actor: `key:${principal.actor}`, deleteData: c.req.valid('query').deleteData === 'true' });
      const [view] = await viewsOf(db, [consent], publicBase(c), clock.now());
      return c.json(view);
    },
  );

  return app;
}
