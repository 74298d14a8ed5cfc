import { Hono } from 'hono';
import { z } from 'zod';
import { createWebhookSchema, pageQuerySchema, pageSchema, webhookDeliverySchema, webhookEndpointSchema } from '../../schema/index.js';
import type { LifecycleDeps } from '../consents/lifecycle-deps.js';
import { notFound, validationFailed } from '../errors/problem.js';
import { webhookTargetProblem } from './webhook-target.js';
import { validate } from '../errors/validate.js';
import type { AppEnv } from '../http/app-env.js';
import { describeRoute } from '../openapi/describe.js';
import { createEndpoint, disableEndpoint, endpointExists, listDeliveries, listEndpointsPage } from './webhooks.repository.js';

const idParam = z.strictObject({ id: z.string().min(1).max(64) });
const tags = ['Webhooks'];

/** Partner routes to manage webhook endpoints; the signing secret is shown once, at creation. */
export function webhookRoutes(deps: LifecycleDeps) {
  const app = new Hono<AppEnv>();
  app.post(
    '/v1/webhooks',
    describeRoute({ summary: 'Register a webhook endpoint', tags, responses: { 201: { description: 'The endpoint, with its signing secret (shown once)' } } }),
    deps.requireKey('consents:write'),
    validate('json', createWebhookSchema),
    async (c) => {
      const body = c.req.valid('json');
      const { appId } = c.get('principal');
      const app = await deps.db.selectFrom('applications').select('environment').where('id', '=', appId).executeTakeFirstOrThrow();
      const problem = webhookTargetProblem(body.url, app.environment);
      if (problem) throw validationFailed([{ path: 'body.url', message: problem }]);
      return c.json(await createEndpoint(deps.db, appId, body.url, body.events, deps.clock.now().toISOString()), 201);
    },
  );
  app.get(
    '/v1/webhooks',
    describeRoute({ summary: 'Webhook endpoints, oldest first', tags, responses: { 200: { description: 'A page of endpoints (secrets never shown again)', schema: pageSchema(webhookEndpointSchema) } } }),
    deps.requireKey('consents:read'),
    validate('query', pageQuerySchema),
    async (c) => c.json(await listEndpointsPage(deps.db, c.get('principal').appId, c.req.valid('query'))),
  );
  app.delete(
    '/v1/webhooks/:id',
    describeRoute({ summary: 'Remove a webhook endpoint', tags, responses: { 204: { description: 'Removed' }, 404: { description: 'Not found' } } }),
    deps.requireKey('consents:write'),
    validate('param', idParam),
    async (c) => {
      if (!(await disableEndpoint(deps.db, c.get('principal').appId, c.req.valid('param').id, deps.clock.now().toISOString()))) throw notFound('Webhook endpoint');
      return c.body(null, 204);
    },
  );
  app.get(
    '/v1/webhooks/:id/deliveries',
    describeRoute({
      summary: 'Deliveries to an endpoint, with attempts and errors, newest first',
      tags,
      responses: { 200: { description: 'A page of deliveries', schema: pageSchema(webhookDeliverySchema) }, 404: { description: 'This application has no such endpoint' } },
    }),
    deps.requireKey('consents:read'),
    validate('param', idParam),
    validate('query', pageQuerySchema),
    async (c) => {
      const { appId } = c.get('principal');
      const { id } = c.req.valid('param');
      if (!(await endpointExists(deps.db, appId, id))) throw notFound('Webhook endpoint');
      return c.json(await listDeliveries(deps.db, appId, id, c.req.valid('query')));
    },
  );
  return app;
}
