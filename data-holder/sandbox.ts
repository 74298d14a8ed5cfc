// The sandbox data holder assembled: mock Register, authorisation server, resource APIs and the brands'
// public end points, on one plain-TLS and one mutual-TLS listener. data-holder/main.ts runs it as a
// process; other parties' tests run it in theirs.
import { randomBytes } from 'node:crypto';
import { getRequestListener } from '@hono/node-server';
import { createAuthorisationServer, type AuthorisationServer, type AuthorisationServerOptions, type MountedRoute } from './auth/authorisation-server.js';
import { createSandboxHolderData } from './data/holder-data.js';
import { BRANDS_PATH, createPublicApi } from './public/public-api.js';
import { createRegisterApi, REGISTER_BASE_PATH } from './register/register-api.js';
import { createRegister, type IssuedCertificate, type Register } from './register/register.js';
import { createSoftwareProductStore } from './register/software-products.js';
import { createResourceApi } from './resources/resource-api.js';

export interface SandboxDataHolderOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Ports of the plain-TLS and mutual-TLS listeners; 0 (the default) picks free ones. */
  readonly port?: number;
  readonly mtlsPort?: number;
  /** More names for the server certificate; the host, localhost and 127.0.0.1 are always in it. */
  readonly serverNames?: readonly string[];
  /** Retries and the log of revocation notices to recipients. */
  readonly revocationNotices?: AuthorisationServerOptions['revocationNotices'];
}

/** What a data recipient needs to reach the sandbox: written to a file by main.ts, read by the consent service. */
export interface SandboxCredentials {
  /** The Register's public APIs: `<registerUri>/v1/jwks`, `<registerUri>/v1/banking/data-holders/brands/summary`. */
  readonly registerUri: string;
  /** The Register's mutual-TLS APIs (brands, SSA, sandbox enrolment). */
  readonly registerMtlsUri: string;
  /** The Register's CA: trust it for every sandbox listener; the client certificate chains to it. */
  readonly caCert: string;
  readonly softwareProductId: string;
  readonly brandId: string;
  /** Issued by the Register to the software product (CN and OU name it). */
  readonly clientCertificate: IssuedCertificate;
}

export interface SandboxDataHolder {
  readonly issuer: string;
  readonly mtlsOrigin: string;
  /** `<issuer>/cdr-register`. */
  readonly registerUri: string;
  /** `<mtlsOrigin>/cdr-register`. */
  readonly registerMtlsUri: string;
  readonly caCert: string;
  readonly register: Register;
  readonly server: AuthorisationServer;
  /** A fresh client certificate for the software product, with where to use it. */
  sandboxCredentials(softwareProductId: string, brandId?: string): Promise<SandboxCredentials>;
  close(): Promise<void>;
}

const REGISTER_PREFIX = REGISTER_BASE_PATH.replace(/\/v1$/, '');

export async function startSandboxDataHolder(options: SandboxDataHolderOptions = {}): Promise<SandboxDataHolder> {
  const host = options.host ?? '127.0.0.1';
  const startedAt = Date.now();
  const register = await createRegister();
  const products = createSoftwareProductStore();
  // The APIs are built before the server whose addresses and tokens they need exists; until it does, the
  // resource API grants nothing and the Register answers 503.
  let auth: AuthorisationServer | undefined;
  let registerListener: MountedRoute['handler'] = (_req, res) => void res.writeHead(503).end();
  const resources = createResourceApi({
    verifyAccess: (query) => auth?.verifyAccess(query) ?? Promise.resolve(undefined),
    data: createSandboxHolderData(),
    // Per-product ids ("ID Permanence"); a fresh secret per start, as nothing else survives a restart either.
    idSecret: randomBytes(32).toString('base64url'),
  });
  const registerRoute: MountedRoute = { pathPrefix: `${REGISTER_PREFIX}/`, handler: (req, res) => registerListener(req, res) };
  const server = await createAuthorisationServer({
    register,
    serverCertificate: await register.issueServerCertificate([...new Set([host, 'localhost', '127.0.0.1', ...(options.serverNames ?? [])])]),
    host,
    port: options.port ?? 0,
    mtlsPort: options.mtlsPort ?? 0,
    // The resource APIs and the Register's authenticated APIs are served over mutual TLS; the Register's
    // public APIs and the brands' public end points over plain TLS.
    mtlsRoutes: [{ pathPrefix: '/cds-au/', handler: getRequestListener(resources.fetch) }, registerRoute],
    plainRoutes: [registerRoute, { pathPrefix: `${BRANDS_PATH}/`, handler: getRequestListener(createPublicApi({ startedAt }).fetch) }],
    ...(options.revocationNotices ? { revocationNotices: options.revocationNotices } : {}),
  });
  auth = server;
  const { issuer, mtlsOrigin } = server;
  registerListener = getRequestListener(
    createRegisterApi({ register, products, brands: { issuer, mtlsOrigin, jwksUri: server.jwksUri, lastUpdated: new Date(startedAt).toISOString() } }).fetch,
  );

  return {
    issuer,
    mtlsOrigin,
    registerUri: `${issuer}${REGISTER_PREFIX}`,
    registerMtlsUri: `${mtlsOrigin}${REGISTER_PREFIX}`,
    caCert: register.caCert,
    register,
    server,
    async sandboxCredentials(softwareProductId, brandId = `${softwareProductId}-brand`) {
      return {
        registerUri: `${issuer}${REGISTER_PREFIX}`,
        registerMtlsUri: `${mtlsOrigin}${REGISTER_PREFIX}`,
        caCert: register.caCert,
        softwareProductId,
        brandId,
        clientCertificate: await register.issueClientCertificate(softwareProductId),
      };
    },
    close: () => server.close(),
  };
}
