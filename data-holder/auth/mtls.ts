import { createHash, X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * The client certificate of a request, when the TLS handshake verified it against the Register's CA.
 * Unverified certificates count as absent (Transport Security: mutual TLS with Register-issued certificates).
 */
export function verifiedClientCertificate(req: IncomingMessage): X509Certificate | undefined {
  const socket = req.socket as TLSSocket;
  if (!socket.encrypted || !socket.authorized) return undefined;
  return socket.getPeerX509Certificate();
}

/** RFC 8705 `x5t#S256`: the base64url SHA-256 of the certificate's DER. */
export function certificateThumbprint(cert: X509Certificate | string): string {
  const raw = typeof cert === 'string' ? new X509Certificate(cert).raw : cert.raw;
  return createHash('sha256').update(raw).digest('base64url');
}

/**
 * The endpoints only reachable over mutual TLS (Transport Security; Client Authentication: MTLS is
 * required for the token, PAR, introspection, revocation, registration and arrangement revocation end
 * points). The authorisation end point, discovery and JWKS stay on plain TLS for browsers.
 */
export const MTLS_PATHS = ['/token', '/par', '/introspect', '/revoke', '/userinfo', '/register', '/arrangements/revoke'] as const;

/** The software product a Register-issued client certificate names (its CN and OU carry the id). */
export function certificateNamesProduct(cert: X509Certificate, softwareProductId: string): boolean {
  const names = cert.subject.split('\n').filter((line) => line.startsWith('CN=') || line.startsWith('OU=')).map((line) => line.slice(3));
  return names.includes(softwareProductId);
}
