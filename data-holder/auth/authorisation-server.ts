import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import Provider, { type JWKS, type KoaContextWithOIDC } from 'oidc-provider';
import { createArrangementStore, type ArrangementStore } from './arrangements.js';
import { arrangementRevocationEndpoint } from './arrangement-revocation.js';
import { clientAssertionVerifier, remoteKeySets } from './client-assertion.js';
import { consumerDashboard } from './dashboard.js';
import { interactionPages } from './interactions.js';
import { MTLS_PATHS, verifiedClientCertificate } from './mtls.js';
import { oauthError } from './oauth-error.js';
import { outboundFetch } from './outbound-fetch.js';
import { cdrProfile } from './provider-config.js';
import { createRegistrar, registrationEndpoint } from './registration.js';
import { registrationManagementEndpoint } from './registration-management.js';
import { revokeGrant } from './grant-revocation.js';
import { logOutcome, revocationNotifier, type RevocationNoticeOptions } from './revocation-notice.js';
import { accessVerifier, type VerifyAccess } from './verify-access.js';

export type { Access, AccessQuery, VerifyAccess } from './verify-access.js';
export type { Arrangement } from './arrangements.js';
export type { NoticeOutcome } from './revocation-notice.js';

/** A path prefix on one of the listeners that goes to a Node handler instead of oidc-provider. */
export interface MountedRoute {
  readonly pathPrefix: string;
  /** Gets the Node request with its TLS socket, so it can read the client certificate itself. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface AuthorisationServerOptions {
  /** What the data holder knows of the Register: its CA and its SSA signing keys. */
  readonly register: { readonly caCert: string; readonly jwks: JSONWebKeySet };
  /** The TLS certificate for both listeners, issued by the Register's CA. */
  readonly serverCertificate: { readonly cert: string; readonly key: string };
  readonly host?: string;
  /** 0 picks free ports (tests). */
  readonly port?: number;
  readonly mtlsPort?: number;
  /** Defaults to https://host:port as listened on. */
  readonly issuer?: string;
  readonly mtlsOrigin?: string;
  readonly bankName?: string;
  /** Defaults to a random salt per start: the sandbox keeps no state across restarts anyway. */
  readonly pairwiseSalt?: string;
  /** Where unexpected errors go (500 server_error to the caller); console.error by default. */
  readonly onServerError?: (error: Error) => void;
  /**
   * Requests on the mutual-TLS listener whose path starts with a route's `pathPrefix` go to its handler
   * instead of oidc-provider: the resource APIs and the Register's authenticated APIs are back channels
   * too (Transport Security). The first matching prefix wins.
   */
  readonly mtlsRoutes?: MountedRoute | readonly MountedRoute[];
  /** The same on the plain-TLS listener, for public end points (the Register's public APIs, brands' pages). */
  readonly plainRoutes?: MountedRoute | readonly MountedRoute[];
  /** The data holder brand that signs revocation notices to recipients (`iss`, `sub`); default `sandbox-bank`. */
  readonly brandId?: string;
  /** Retries and the outcome log of revocation notices; by default three tries and a console line. */
  readonly revocationNotices?: Pick<RevocationNoticeOptions, 'attempts' | 'retryDelayMs' | 'onOutcome'>;
}

export interface AuthorisationServer {
  readonly issuer: string;
  /** Origin of the mutual-TLS listener, where `mtls_endpoint_aliases` point. */
  readonly mtlsOrigin: string;
  /** The data holder's JWKS (plain TLS): ID tokens, JARM responses and revocation notices verify against it. */
  readonly jwksUri: string;
  readonly provider: Provider;
  readonly arrangements: ArrangementStore;
  /** The resource APIs' seam: token → customer, accounts, scopes, arrangement, if bound to the certificate. */
  readonly verifyAccess: VerifyAccess;
  close(): Promise<void>;
}

/** The data holder's one signing key: the provider's JWKS, and the same key for jose. */
async function signingKey(): Promise<{ jwks: JWKS; key: CryptoKey; kid: string }> {
  // ID tokens, JARM responses and revocation notices are signed PS256 (FAPI 1.0 Advanced: algorithm considerations).
  const { privateKey } = await generateKeyPair('PS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'PS256', use: 'sig' };
  return { jwks: { keys: [jwk] } as JWKS, key: (await importJWK(jwk, 'PS256')) as CryptoKey, kid: jwk.kid! };
}

const asList = (routes: MountedRoute | readonly MountedRoute[] | undefined): readonly MountedRoute[] => (routes === undefined ? [] : 'pathPrefix' in routes ? [routes as MountedRoute] : (routes as readonly MountedRoute[]));

/** On every response of both listeners, whoever answers (WHATWG Fetch: nosniff; no address leaks on). */
function commonHeaders(res: ServerResponse) {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  server.listen(port, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/**
 * The sandbox data holder's authorisation server on the CDS security profile, served on two HTTPS
 * listeners sharing one handler: plain TLS for browsers (authorisation, discovery, JWKS) and mutual
 * TLS for the recipient's back channel (Transport Security).
 */
export async function createAuthorisationServer(options: AuthorisationServerOptions): Promise<AuthorisationServer> {
  const host = options.host ?? '127.0.0.1';
  const mtlsRequests = new WeakSet<IncomingMessage>();
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const tls = { cert: options.serverCertificate.cert, key: options.serverCertificate.key, minVersion: 'TLSv1.2' as const };
  const plainRoutes = asList(options.plainRoutes);
  const mtlsRoutes = asList(options.mtlsRoutes);
  const plain = createServer(tls, (req, res) => {
    commonHeaders(res);
    const route = plainRoutes.find((r) => req.url?.startsWith(r.pathPrefix));
    if (route) return route.handler(req, res);
    handler(req, res);
  });
  // Unverified or missing client certificates reach the handler, which answers with an OAuth error
  // instead of a bare handshake failure.
  const mutual = createServer({ ...tls, ca: options.register.caCert, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    commonHeaders(res);
    const route = mtlsRoutes.find((r) => req.url?.startsWith(r.pathPrefix));
    if (route) return route.handler(req, res);
    mtlsRequests.add(req);
    handler(req, res);
  });
  const closeListeners = () => {
    plain.closeAllConnections();
    mutual.closeAllConnections();
    return Promise.all([new Promise((r) => plain.close(r)), new Promise((r) => mutual.close(r))]);
  };
  try {
    return await serve(await Promise.all([listen(plain, options.port ?? 0, host), listen(mutual, options.mtlsPort ?? 0, host)]));
  } catch (error) {
    // A server that fails to start leaves no listener behind.
    await closeListeners();
    throw error;
  }

  async function serve([port, mtlsPort]: number[]): Promise<AuthorisationServer> {
    const issuer = options.issuer ?? `https://${host}:${port}`;
    const mtlsOrigin = options.mtlsOrigin ?? `https://${host}:${mtlsPort}`;

    const { fetch, agent } = outboundFetch(options.register.caCert);
    const arrangements = createArrangementStore();
    const signing = await signingKey();
    const bankName = options.bankName ?? 'Sandbox Bank';
    const provider = new Provider(issuer, cdrProfile({ issuer, mtlsOrigin, bankName, jwks: signing.jwks, cookieKeys: [randomBytes(32).toString('base64url')], pairwiseSalt: options.pairwiseSalt ?? randomBytes(32).toString('base64url'), arrangements, fetch }));
    const keysFor = remoteKeySets(fetch);
    const registrar = createRegistrar({ provider, issuer, registerJwks: options.register.jwks, keysFor });
    const registration = registrationEndpoint(registrar);
    const registrationManagement = registrationManagementEndpoint({ provider, registrar });
    const arrangementRevocation = arrangementRevocationEndpoint({
      provider,
      arrangements,
      audiences: [issuer, `${mtlsOrigin}/arrangements/revoke`],
      authenticate: clientAssertionVerifier(provider, keysFor),
    });

    provider.use(async (ctx: KoaContextWithOIDC, next) => {
      const managedClient = /^\/register\/([\w-]+)$/.exec(ctx.path)?.[1];
      const mtlsPath = (MTLS_PATHS as readonly string[]).includes(ctx.path) || managedClient !== undefined;
      if (mtlsPath) {
        if (!mtlsRequests.has(ctx.req)) return oauthError(ctx, 400, 'invalid_request', 'this end point is served over mutual TLS: use mtls_endpoint_aliases');
        if (!verifiedClientCertificate(ctx.req)) return oauthError(ctx, 401, 'invalid_client', 'a client certificate issued by the CDR Register is required');
      }
      if (ctx.path === '/register') return registration(ctx);
      if (managedClient) return registrationManagement(ctx, managedClient);
      if (ctx.path === '/arrangements/revoke') return arrangementRevocation(ctx);
      await next();
      if ((ctx.path === '/token' || ctx.path === '/introspect') && ctx.status === 200) await addArrangementId(ctx);
    });
    provider.use(interactionPages(provider, arrangements, bankName));
    const notify = revocationNotifier({
      brandId: options.brandId ?? 'sandbox-bank',
      signingKey: { key: signing.key, kid: signing.kid, alg: 'PS256' },
      fetch,
      onOutcome: logOutcome,
      ...options.revocationNotices,
    });
    provider.use(consumerDashboard({ provider, arrangements, bankName, notify }));

    /** Token and introspection responses name the arrangement (Tokens; Introspection endpoint). */
    async function addArrangementId(ctx: KoaContextWithOIDC) {
      const body = ctx.body as Record<string, unknown> | undefined;
      if (!body) return;
      if (ctx.path === '/token' && typeof body.access_token === 'string') {
        const token = await provider.AccessToken.find(body.access_token);
        const arrangement = token?.grantId ? arrangements.byGrant(token.grantId) : undefined;
        if (!arrangement) return;
        body.cdr_arrangement_id = arrangement.id;
        // Request Object Submission: the amended arrangement's old tokens go once the new ones are issued.
        if (arrangement.replacedGrantId) {
          await revokeGrant(provider, arrangement.replacedGrantId);
          arrangements.settle(arrangement.id);
        }
      } else if (ctx.path === '/introspect' && body.active) {
        const token = await provider.RefreshToken.find(String(ctx.oidc.params?.token ?? ''));
        const arrangement = token?.grantId ? arrangements.byGrant(token.grantId) : undefined;
        if (arrangement) body.cdr_arrangement_id = arrangement.id;
        delete body.username;
      }
    }

    provider.on('server_error', (_ctx: unknown, err: Error) => (options.onServerError ?? console.error)(err));
    handler = provider.callback();
    return {
      issuer,
      mtlsOrigin,
      jwksUri: `${issuer}/jwks`,
      provider,
      arrangements,
      verifyAccess: accessVerifier(provider, arrangements),
      async close() {
        await closeListeners();
        await agent.close();
      },
    };
  }
}
