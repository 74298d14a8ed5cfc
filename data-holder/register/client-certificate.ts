import type { X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Context } from 'hono';

/**
 * The client certificate of a request to the Register, when the TLS handshake verified it against the
 * Register's CA; unverified ones count as absent. @hono/node-server puts the Node request in `env`.
 */
export function verifiedCertificate(c: Context): X509Certificate | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const socket = incoming?.socket as TLSSocket | undefined;
  if (!socket?.encrypted || !socket.authorized) return undefined;
  return socket.getPeerX509Certificate();
}

/** The software product a Register-issued client certificate names: its CN and OU carry the id. */
export function namesProduct(cert: X509Certificate, softwareProductId: string): boolean {
  return cert.subject
    .split('\n')
    .filter((line) => line.startsWith('CN=') || line.startsWith('OU='))
    .some((line) => line.slice(3) === softwareProductId);
}
