import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { etagMatches } from '../configs/public-config.routes.js';
import type { ServiceDeps } from '../deps.js';
import { notFound } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import type { AppEnv } from '../http/app-env.js';
import { describeRoute } from '../openapi/describe.js';
import { findInstitution } from './institutions.repository.js';
import { monogramSvg } from './monogram.js';
import { PUBLIC_CORS_HEADERS, publicCors } from '../http/public-cors.js';

const params = z.strictObject({ file: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}\.svg$/, { error: 'Not a logo name' }) });

/** `GET /logos/{id}.svg`: the institution's logo (the brand's own, or a generated monogram); cacheable, loadable from any origin. */
export function logoRoutes(deps: ServiceDeps) {
  return new Hono<AppEnv>().use('/logos/*', publicCors()).get(
    '/logos/:file',
    describeRoute({ summary: "An institution's logo (the brand's own as the CDR Register lists it, else a monogram)", tags: ['Public'], responses: { 200: { description: 'The logo (SVG, or PNG where the brand publishes one)', contentType: 'image/svg+xml' }, 404: { description: 'Unknown institution' } } }),
    validate('param', params),
    async (c) => {
      const id = c.req.valid('param').file.slice(0, -'.svg'.length);
      const row = await findInstitution(deps.db, id);
      if (!row) throw notFound('Institution');
      // The brand's own logo as the Register lists it, once fetched; the generated monogram until then.
      const body = row.logo ? Buffer.from(row.logo, 'base64') : monogramSvg(row.name, row.short_name, row.brand_color);
      const type = row.logo ? row.logo_type! : 'image/svg+xml; charset=utf-8';
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
      const headers = {
        ...PUBLIC_CORS_HEADERS,
        etag,
        'cache-control': 'public, max-age=86400, stale-while-revalidate=604800',
        'cross-origin-resource-policy': 'cross-origin',
        // An SVG opened on its own is a document: it must not be able to run anything.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'x-content-type-options': 'nosniff',
      };
      if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
      return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, { ...headers, 'content-type': type });
    },
  );
}
