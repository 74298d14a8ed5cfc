import { Hono } from 'hono';
import { z } from 'zod';
import { configSchema } from '../../schema/index.js';
import { notFound } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import { describeRoute } from '../openapi/describe.js';
import type { PublishedConfigCache } from './published-config-cache.js';
import { publicCors } from '../http/public-cors.js';

const params = z.strictObject({ appId: z.string().min(1).max(64) });

/** True when an If-None-Match header lists the ETag (or is `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}

/** `GET /v1/apps/{appId}/config`: the published config; public, cacheable, revalidated by ETag. */
export function publicConfigRoutes(cache: PublishedConfigCache) {
  // Any origin: the published config holds nothing secret, and partners embed the widget anywhere.
  return new Hono().use('/v1/apps/:appId/config', publicCors({ exposeHeaders: ['ETag'] })).get(
    '/v1/apps/:appId/config',
    describeRoute({
      summary: "An application's published config",
      description: 'Public and cacheable: any origin may read it. Revalidate with If-None-Match for a 304.',
      tags: ['Public'],
      headers: { 'If-None-Match': { description: 'An ETag from an earlier answer' } },
      responses: {
        200: { description: 'The published config', schema: configSchema, headers: { ETag: 'Strong: the version and a hash of the bytes' } },
        304: { description: 'Not modified' },
        404: { description: 'Unknown application, or nothing published' },
      },
    }),
    validate('param', params),
    async (c) => {
      const { appId } = c.req.valid('param');
      const entry = await cache.get(appId);
      if (!entry) throw notFound('Application', `No published config for application "${appId}".`);
      // Short max-age plus revalidation: a publish reaches end users within a minute, and a
      // revalidation costs a 304 with no body.
      const headers = { etag: entry.etag, 'cache-control': 'public, max-age=60, must-revalidate' };
      if (etagMatches(c.req.header('if-none-match'), entry.etag)) return c.body(null, 304, headers);
      return c.body(entry.body, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    },
  );
}
