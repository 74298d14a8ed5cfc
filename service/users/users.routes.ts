import { Hono } from 'hono';
import { z } from 'zod';
import { createUserSchema, pageQuerySchema, pageSchema, userSchema } from '../../schema/index.js';
import { apiKeyAuth } from '../auth/api-key-auth.js';
import type { ServiceDeps } from '../deps.js';
import { notFound } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import type { AppEnv } from '../http/app-env.js';
import { describeRoute } from '../openapi/describe.js';
import { createUser, findUser, listUsers } from './users.repository.js';

export const userIdSchema = z.string().regex(/^usr_[0-9A-Za-z]{16}$/, { error: 'Not a user id (usr_…)' });
const params = z.strictObject({ id: userIdSchema });
/**
 * `reference` finds the user a partner created for its own customer id (after a restart, say), so a
 * partner never has to remember our user ids: a page of at most one user, empty when there is none.
 */
const listQuery = pageQuerySchema.extend({
  reference: z.string().trim().min(1, { error: 'Required' }).max(128, { error: 'At most 128 characters' }).optional(),
});
const tags = ['Users'];

/** `/v1/users`: the application's end users. Users are never shared between applications. */
export function userRoutes(deps: ServiceDeps) {
  return new Hono<AppEnv>()
    .post(
      '/v1/users',
      describeRoute({
        summary: 'Create an end user',
        tags,
        responses: { 201: { description: 'The user', schema: userSchema, headers: { Location: "The user's URL" } }, 409: { description: 'The reference is already used in this application' } },
      }),
      apiKeyAuth(deps, 'users:write'),
      validate('json', createUserSchema),
      async (c) => {
        const user = await createUser(deps.db, c.get('principal').appId, c.req.valid('json'), deps.clock.now().toISOString());
        c.header('location', `/v1/users/${user.id}`);
        return c.json(user, 201);
      },
    )
    .get(
      '/v1/users',
      describeRoute({
        summary: 'List end users, oldest first; or find one by your reference',
        description:
          'With `reference`, the page holds the one user with that reference in this application, or none: look a user up this way instead of creating it again (a second POST with the same reference is a 409).',
        tags,
        responses: { 200: { description: 'A page of users', schema: pageSchema(userSchema) } },
      }),
      apiKeyAuth(deps, 'users:read'),
      validate('query', listQuery),
      async (c) => c.json(await listUsers(deps.db, c.get('principal').appId, c.req.valid('query'))),
    )
    .get(
      '/v1/users/:id',
      describeRoute({ summary: 'Read an end user', tags, responses: { 200: { description: 'The user', schema: userSchema }, 404: { description: 'This application has no such user' } } }),
      apiKeyAuth(deps, 'users:read'),
      validate('param', params),
      async (c) => {
        const user = await findUser(deps.db, c.get('principal').appId, c.req.valid('param').id);
        if (!user) throw notFound('User');
        return c.json(user);
      },
    );
}
