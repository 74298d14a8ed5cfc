import { createHash, type X509Certificate } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { JSONWebKeySet } from 'jose';
import { CdsError } from '../resources/cds-errors.js';
import { paginate, parsePageRequest } from '../resources/paging.js';
import { acceptJson } from '../resources/request-headers.js';
import { negotiateVersion, type SupportedVersions } from '../resources/version-negotiation.js';
import { brandSummaries, registerBrands, type BrandEndpoints } from './brands.js';
import { namesProduct, verifiedCertificate } from './client-certificate.js';
import { enrolmentSchema, registerId, softwareStatementInput, type SoftwareProductStore } from './software-products.js';
import type { SoftwareProduct } from './software-statement.js';

/** The Register's base path (Register APIs: `https://<register>/cdr-register/v1/...`). */
export const REGISTER_BASE_PATH = '/cdr-register/v1';

export interface RegisterApiOptions {
  /** The Register's SSA signing keys and signer. */
  readonly register: { readonly jwks: JSONWebKeySet; issueSoftwareStatement(product: SoftwareProduct): Promise<string> };
  readonly products: SoftwareProductStore;
  /** Where the sandbox data holder serves its brands. */
  readonly brands: BrandEndpoints;
  /** Defaults to the Node TLS socket's verified peer certificate. */
  readonly clientCertificate?: (c: Context) => X509Certificate | undefined;
}

const INDUSTRIES = new Set(['banking', 'energy', 'telco', 'non-bank-lending', 'all']);
/** Every sandbox brand is a bank. */
const holdsBrands = (industry: string) => industry === 'banking' || industry === 'all';
const MAX_BODY = 64 * 1024;

type Env = { Variables: { certificate: X509Certificate } };

/** x-v and x-min-v as for the CDS APIs (Register APIs follow the standard's HTTP Headers); sets `x-v`. */
function version(supported: SupportedVersions): MiddlewareHandler {
  return async (c, next) => {
    c.header('x-v', String(negotiateVersion(c.req.header('x-v'), c.req.header('x-min-v'), supported)));
    await next();
  };
}

function industry(c: Context): string {
  const value = c.req.param('industry') ?? '';
  if (!INDUSTRIES.has(value)) throw new CdsError('invalidIndustry', value);
  return value;
}

function isoDateTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // DateTimeString (Common Field Types): RFC 3339 with an offset.
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new CdsError('invalidDateTime', 'updated-since');
  return time;
}

/**
 * The mock CDR Register's HTTP APIs, shaped as the Register's: its JWKS and the data holder brands
 * summary are public; the data holder brands and software statement assertions need a client certificate
 * the Register issued (which stands in for the Register's `cdr-register:read` access token). A sandbox-only
 * enrolment end point lets a recipient tell the Register what accreditation would have.
 */
export function createRegisterApi(options: RegisterApiOptions) {
  const certificateOf = options.clientCertificate ?? verifiedCertificate;
  const app = new Hono<Env>().basePath(REGISTER_BASE_PATH);

  const requireCertificate: MiddlewareHandler<Env> = async (c, next) => {
    const certificate = certificateOf(c);
    if (!certificate) throw new CdsError('unauthorised', 'A client certificate issued by the CDR Register is required: call the mutual-TLS origin');
    c.set('certificate', certificate);
    await next();
  };
  const requireProduct: MiddlewareHandler<Env> = async (c, next) => {
    const id = c.req.param('softwareProductId') ?? '';
    if (!namesProduct(c.get('certificate'), id)) throw new CdsError('forbidden', `The client certificate was not issued to software product ${id}`);
    await next();
  };

  app.use('*', acceptJson());

  app.get('/jwks', (c) => c.json(options.register.jwks, 200, { 'cache-control': 'max-age=300' }));

  // Get Data Holder Brands Summary: public, cacheable with an entity tag.
  app.get('/:industry/data-holders/brands/summary', version({ min: 1, max: 2 }), (c) => {
    const data = holdsBrands(industry(c)) ? brandSummaries(options.brands) : [];
    const body = JSON.stringify({ data, links: { self: c.req.url }, meta: {} });
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    c.header('etag', etag);
    if (c.req.header('if-none-match')?.split(',').some((tag) => tag.trim() === etag)) return c.body(null, 304);
    return c.body(body, 200, { 'content-type': 'application/json' });
  });

  // Get Data Holder Brands (version 2).
  app.get('/:industry/data-holders/brands', requireCertificate, version({ min: 2, max: 2 }), (c) => {
    const since = isoDateTime(c.req.query('updated-since'));
    const pageRequest = parsePageRequest((name) => c.req.query(name));
    const all = holdsBrands(industry(c)) ? registerBrands(options.brands).filter((b) => since === undefined || Date.parse(b.lastUpdated) > since) : [];
    const page = paginate(all, pageRequest, c.req.url);
    return c.json({ data: page.records, links: page.links, meta: page.meta });
  });

  // Get Software Statement Assertion (version 3): the body is the SSA as a JSON string.
  app.get('/:industry/data-recipients/brands/:brandId/software-products/:softwareProductId/ssa', requireCertificate, requireProduct, version({ min: 3, max: 3 }), async (c) => {
    industry(c);
    const product = options.products.get(c.req.param('softwareProductId'));
    if (!product) throw new CdsError('invalidSoftwareProduct', c.req.param('softwareProductId'));
    if (product.brandId !== c.req.param('brandId')) throw new CdsError('invalidBrand', c.req.param('brandId'));
    return c.json(await options.register.issueSoftwareStatement(softwareStatementInput(product)));
  });

  // Sandbox only: what accreditation and onboarding would have told the Register.
  app.put('/sandbox/software-products/:softwareProductId', requireCertificate, requireProduct, async (c) => {
    const id = c.req.param('softwareProductId');
    if (!registerId.safeParse(id).success) throw new CdsError('fieldInvalid', 'softwareProductId: must be 1 to 64 letters, digits, dots, dashes or underscores');
    const body = await jsonBody(c);
    const result = enrolmentSchema.safeParse(body);
    if (!result.success) {
      const errors = result.error.issues.map((issue) =>
        issue.code === 'unrecognized_keys'
          ? new CdsError('fieldInvalid', `${issue.keys.join(', ')}: not a field of an enrolment`).entry
          : new CdsError('fieldInvalid', `${issue.path.join('.') || 'body'}: ${issue.message}`).entry,
      );
      return c.json({ errors }, 400);
    }
    return c.json(options.products.enrol(id, result.data));
  });

  app.notFound((c) => c.json(new CdsError('resourceNotFound', 'No such Register end point').body, 404));
  app.onError((error, c) => {
    const cds = error instanceof CdsError ? error : new CdsError('unexpected', 'The Register could not answer this request');
    if (!(error instanceof CdsError)) console.error(error);
    return c.json(cds.body, cds.status, cds.headers);
  });
  return app;
}

async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new CdsError('fieldInvalid', 'body: the request must be application/json');
  if (Number(c.req.header('content-length') ?? 0) > MAX_BODY) throw new CdsError('fieldInvalid', 'body: too large');
  const text = await c.req.text();
  if (text.length > MAX_BODY) throw new CdsError('fieldInvalid', 'body: too large');
  try {
    return JSON.parse(text);
  } catch {
    throw new CdsError('fieldInvalid', 'body: not valid JSON');
  }
}
