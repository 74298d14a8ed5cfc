import { Hono } from 'hono';
import { z } from 'zod';
import { apiKeySchema, createApiKeySchema, createdApiKeySchema, pageQuerySchema, pageSchema } from '../../schema/index.js';
import { findApplication } from '../apps/apps.repository.js';
import { apiKeyAuth } from '../auth/api-key-auth.js';
import type { ServiceDeps } from '../deps.js';
import { notFound, Problem } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import type { AppEnv } from '../http/app-env.js';
import { describeRoute } from '../openapi/describe.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.repository.js';

const keyParams = z.strictObject({ id: z.string().regex(/^key_[0-9A-Za-z]{16}$/, { error: 'Not an API key id' }) });
const tags = ['API keys'];

/** `/v1/api-keys`: list, create and revoke the calling application's keys (scope `keys:manage`). */
export function apiKeyRoutes(deps: ServiceDeps) {
  return new Hono<AppEnv>()
    .get(
      '/v1/api-keys',
      describeRoute({ summary: "List the application's API keys (secrets are never shown)", tags, responses: { 200: { description: 'A page of keys', schema: pageSchema(apiKeySchema) } } }),
      apiKeyAuth(deps, 'keys:manage'),
      validate('query', pageQuerySchema),
      async (c) => c.json(await listApiKeys(deps.db, c.get('principal').appId, c.req.valid('query'))),
    )
    .post(
      '/v1/api-keys',
      describeRoute({
        summary: 'Create an API key; the key is in this answer only',
        description: 'A key can be given at most the scopes of the key that creates it.',
        tags,
        responses: { 201: { description: 'The new key, with its secret', schema: createdApiKeySchema } },
      }),
      apiKeyAuth(deps, 'keys:manage'),
      validate('json', createApiKeySchema),
      async (c) => {
        const principal = c.get('principal');
        const body = c.req.valid('json');
        const beyond = body.scopes.filter((scope) => !principal.scopes.has(scope));
        if (beyond.length > 0) {
          throw new Problem(403, 'insufficient-scope', 'Forbidden', { detail: `A key cannot grant scopes it does not have: ${beyond.join(', ')}.` });
        }
        const app = await findApplication(deps.db, principal.appId);
        if (!app) throw notFound('Application');
        const created = await createApiKey(deps.db, { appId: app.id, environment: app.environment, name: body.name, scopes: body.scopes, at: deps.clock.now().toISOString() });
        c.header('cache-control', 'no-store');
        return c.json(created, 201);
      },
    )
    .delete(
      '/v1/api-keys/:id',
      describeRoute({
        summary: 'Revoke an API key (it answers 401 from then on)',
        tags,
        responses: { 200: { description: 'The revoked key', schema: apiKeySchema }, 404: { description: 'The application has no such key' } },
      }),
      apiKeyAuth(deps, 'keys:manage'),
      validate('param', keyParams),
      async (c) => {
        const revoked = await revokeApiKey(deps.db, c.get('principal').appId, c.req.valid('param').id, deps.clock.now().toISOString());
        if (!revoked) throw notFound('API key');
        return c.json(revoked);
      },
    );
}
