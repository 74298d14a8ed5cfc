import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { CdsError } from './cds-errors.js';

/**
 * The seam between the resource server and the authorisation server. The resource APIs never read a
 * token's contents: they hand the bearer token and the client certificate's thumbprint to
 * `verifyAccess`, which the authorisation server implements (token introspection, and the mTLS
 * binding of RFC 8705: the token's `cnf.x5t#S256` must equal the presented certificate's).
 */
export interface AccessRequest {
  /** The bearer token from `Authorization: Bearer …`, undefined when none was sent. */
  readonly accessToken: string | undefined;
  /** base64url(SHA-256(DER of the client certificate)), undefined without a client certificate. */
  readonly clientCertificateThumbprint: string | undefined;
}

/** What an active, certificate-bound token grants. */
export interface Access {
  /** The data holder's customer id (HolderData's; for the sandbox's own customers, the login id). */
  readonly customerId: string;
  /** The accounts the consumer chose to share under this arrangement. */
  readonly accountIds: readonly string[];
  /** Granted scopes, e.g. `bank:accounts.basic:read`. */
  readonly scopes: readonly string[];
  readonly arrangementId: string;
  /** When sharing began (ISO 8601), where the authorisation server knows it. */
  readonly sharingSince?: string;
  /**
   * The recipient's software product (from its registration). When given, and the API has an
   * `idSecret`, the ids recipients see are per product (public-ids.ts, "ID Permanence").
   */
  readonly softwareProductId?: string;
}

/** Undefined means no access: missing, unknown, expired or revoked token, or a certificate mismatch. */
export type VerifyAccess = (request: AccessRequest) => Promise<Access | undefined>;

/** How the client certificate reaches the app: the TLS socket (default) or a terminating proxy. */
export type CertificateThumbprint = (c: Context) => string | undefined;

/** Reads the peer certificate of a Node TLS socket (@hono/node-server puts `incoming` in env). */
export const socketCertificateThumbprint: CertificateThumbprint = (c) => {
  const socket = (c.env as { incoming?: { socket?: { getPeerCertificate?: () => { raw?: Buffer } } } } | undefined)?.incoming?.socket;
  const raw = socket?.getPeerCertificate?.()?.raw;
  return raw ? createHash('sha256').update(raw).digest('base64url') : undefined;
};

export type AccessVariables = { access: Access };

export function requireAccess(verifyAccess: VerifyAccess, thumbprint: CertificateThumbprint): MiddlewareHandler<{ Variables: AccessVariables }> {
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const accessToken = match?.[1];
    const access = await verifyAccess({ accessToken, clientCertificateThumbprint: thumbprint(c) });
    if (!access) {
      // RFC 6750 §3: no error attribute when no token was sent at all.
      throw new CdsError('unauthorised', 'The access token is missing, invalid, expired or not bound to this client certificate', {
        headers: { 'WWW-Authenticate': accessToken ? 'Bearer error="invalid_token"' : 'Bearer' },
      });
    }
    c.set('access', access);
    await next();
  };
}

/**
 * 403 unless the arrangement granted one of `scopes` ("HTTP Response Codes": token has incorrect
 * scope). Several when a detailed scope "includes" the basic one ("Authorisation Scopes").
 */
export function requireScope(access: Access, ...scopes: string[]): void {
  if (!scopes.some((s) => access.scopes.includes(s))) throw new CdsError('invalidConsent', `The consent does not include the scope ${scopes.join(' or ')}`);
}
