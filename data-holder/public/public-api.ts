import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { findBrand } from '../register/brands.js';
import { CdsError } from '../resources/cds-errors.js';
import { acceptJson } from '../resources/request-headers.js';
import { endpointVersion } from '../resources/version-negotiation.js';
import { brandStatus } from './brand-status.js';
import { monogramSvg } from './monogram.js';

export interface PublicApiOptions {
  /** Epoch ms the sandbox started: when every seeded status was "detected". */
  readonly startedAt: number;
  readonly clock?: () => number;
}

/** Where each brand's public endpoints live: its `publicBaseUri` is `<issuer>/brands/<brandId>`. */
export const BRANDS_PATH = '/brands';

const LOGO_HEADERS = {
  'content-type': 'image/svg+xml; charset=utf-8',
  'cache-control': 'public, max-age=86400',
  // Recipients show the logo on their own pages.
  'cross-origin-resource-policy': 'cross-origin',
  // An SVG opened on its own is a document: it must not be able to run or load anything.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  'x-content-type-options': 'nosniff',
} as const;

/**
 * The brands' public, unauthenticated end points on the plain-TLS listener: the logo the Register
 * points at, and CDS Common "Get Status" (version 1) under each brand's `publicBaseUri`.
 */
export function createPublicApi(options: PublicApiOptions) {
  const now = options.clock ?? Date.now;
  const app = new Hono().basePath(BRANDS_PATH);

  app.get('/:brandId/logo.svg', (c) => {
    const brand = findBrand(c.req.param('brandId'));
    if (!brand) return c.text('Not found', 404, { 'x-content-type-options': 'nosniff' });
    const svg = monogramSvg(brand.name, brand.shortName, brand.color);
    const etag = `"${createHash('sha256').update(svg).digest('base64url').slice(0, 22)}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ...LOGO_HEADERS, etag });
    return c.body(svg, 200, { ...LOGO_HEADERS, etag });
  });

  app.get('/:brandId/cds-au/v1/discovery/status', acceptJson(), endpointVersion({ min: 1, max: 1 }), (c) => {
    const brand = findBrand(c.req.param('brandId'));
    if (!brand) throw new CdsError('resourceNotFound', 'No such data holder brand');
    return c.json({ data: brandStatus(brand, options.startedAt, now()), links: { self: c.req.url }, meta: {} }, 200, { 'cache-control': 'no-store' });
  });

  app.notFound((c) => c.json(new CdsError('resourceNotFound', 'No such end point for this brand').body, 404));
  app.onError((error, c) => {
    const cds = error instanceof CdsError ? error : new CdsError('unexpected', 'The data holder could not answer this request');
    if (!(error instanceof CdsError)) console.error(error);
    return c.json(cds.body, cds.status, cds.headers);
  });
  return app;
}
