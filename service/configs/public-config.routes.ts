import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { configSchema } from '../../schema/index.js';
import { notFound } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import { documented } from '../openapi/describe.js';
import type { PublishedConfigCache } from './published-config-cache.js';
import { requestHeader } from '../http/node-fast-path.js';
import { PUBLIC_CORS_HEADERS, publicPreflight } from '../http/public-cors.js';

export const configParams = z.strictObject({ appId: z.string().min(1).max(64) });

/** True when an If-None-Match header lists the ETag (or is `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch === etag) return true; // what a browser revalidating its copy sends: no list to take apart
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}

/** Every answer of the route (success, 304, 400, 404) may be read by any page. */
export const CORS = { ...PUBLIC_CORS_HEADERS, 'access-control-expose-headers': 'ETag' } as const;

/** The published config's caching: a publish reaches end users within a minute; revalidation is a body-less 304. */
export const CONFIG_CACHE_CONTROL = 'public, max-age=60, must-revalidate';

/**
 * `GET /v1/apps/{appId}/config`: the published config; public, cacheable, revalidated by ETag.
 * The hottest route: the validator and one handler, no other layer (the doc rides on the handler,
 * CORS headers on each answer), a synchronous cache hit, plain header objects
 * (docs/decisions/published-config-cache.md).
 */
export function publicConfigRoutes(cache: PublishedConfigCache) {
  // Any origin: the published config holds nothing secret, and partners embed the widget anywhere.
  return new Hono()
    .options('/v1/apps/:appId/config', publicPreflight)
    .get(
      '/v1/apps/:appId/config',
      validate('param', configParams, { problemHeaders: CORS }),
      documented(
        {
          summary: "An application's published config",
          description: 'Public and cacheable: any origin may read it. Revalidate with If-None-Match for a 304.',
          tags: ['Public'],
          headers: { 'If-None-Match': { description: 'An ETag from an earlier answer' } },
          responses: {
            200: { description: 'The published config', schema: configSchema, headers: { ETag: 'Strong: the version and a hash of the bytes' } },
            304: { description: 'Not modified' },
            404: { description: 'Unknown application, or nothing published' },
          },
        },
        async (c: Context) => {
          // Validated above (a string of 1–64 characters; the schema does not transform it).
          const appId = c.req.param('appId')!;
          const entry = cache.peek(appId) ?? (await cache.get(appId));
          if (!entry) {
            const problem = notFound('Application', `No published config for application "${appId}".`);
            Object.assign(problem.headers, CORS);
            throw problem;
          }
          // Short max-age plus revalidation: a publish reaches end users within a minute, and a
          // revalidation costs a 304 with no body. Plain header objects: node-server writes them as they are.
          const headers = { ...CORS, etag: entry.etag, 'cache-control': CONFIG_CACHE_CONTROL };
          if (etagMatches(requestHeader(c, 'if-none-match'), entry.etag)) return new Response(null, { status: 304, headers });
          return new Response(entry.body, { status: 200, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
        },
      ),
    );
}
