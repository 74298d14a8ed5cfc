import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { institutionListSchema, type InstitutionList } from '../../schema/index.js';
import { etagMatches } from '../configs/public-config.routes.js';
import type { ServiceDeps } from '../deps.js';
import { notFound } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import type { AppEnv } from '../http/app-env.js';
import { publicBase } from '../http/base-url.js';
import { describeRoute } from '../openapi/describe.js';
import { findApplication } from '../apps/apps.repository.js';
import { ENVIRONMENT_RULES } from '../apps/environment-rules.js';
import { listInstitutions, toInstitution, type InstitutionRow } from './institutions.repository.js';
import { PUBLIC_CORS_HEADERS, publicCors } from '../http/public-cors.js';

const params = z.strictObject({ appId: z.string().min(1).max(64) });

/**
 * What the config shows, in display order. `selected` keeps the partner's order. A production
 * application never lists the sandbox holders; a sandbox one lists them first, since only they
 * complete a journey there.
 */
export function institutionsShown(rows: readonly InstitutionRow[], selection: { mode: 'all' | 'selected'; selected: readonly string[] }, environment: 'sandbox' | 'production') {
  const eligible = rows.filter((row) => ENVIRONMENT_RULES[environment].sandboxInstitutions || row.sandbox === 0);
  if (selection.mode === 'selected') {
    const byId = new Map(eligible.map((row) => [row.id, row]));
    return selection.selected.flatMap((id) => byId.get(id) ?? []);
  }
  return [...eligible.filter((row) => row.sandbox === 1), ...eligible.filter((row) => row.sandbox === 0)];
}

/** `GET /v1/apps/{appId}/institutions`: public like the config (nothing secret), with live status. */
export function institutionRoutes(deps: ServiceDeps) {
  return new Hono<AppEnv>().use('/v1/apps/:appId/institutions', publicCors({ exposeHeaders: ['ETag'] })).get(
    '/v1/apps/:appId/institutions',
    describeRoute({
      summary: 'Institutions the published config shows, each with its status',
      description: 'The whole list (a bounded catalogue, not paginated). Public: any origin may read it.',
      tags: ['Public'],
      responses: { 200: { description: 'The institutions', schema: institutionListSchema, headers: { ETag: 'Strong validator of the body' } }, 404: { description: 'Unknown application' } },
    }),
    validate('param', params),
    async (c) => {
      const { appId } = c.req.valid('param');
      const config = await deps.configCache.get(appId);
      const app = config && (await findApplication(deps.db, appId));
      if (!config || !app) throw notFound('Application', `No published config for application "${appId}".`);
      const base = publicBase(c);
      const body: InstitutionList = { data: institutionsShown(await listInstitutions(deps.db), config.institutions, app.environment).map((row) => toInstitution(row, base)) };
      const json = JSON.stringify(body);
      const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`;
      // Short max-age: a status change (an outage) should reach end users within half a minute.
      const headers = { ...PUBLIC_CORS_HEADERS, 'access-control-expose-headers': 'ETag', etag, 'cache-control': 'public, max-age=30, must-revalidate' };
      if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
      return c.body(json, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    },
  );
}
