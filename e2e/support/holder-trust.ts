import { createHash, X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';

/**
 * Chromium's flag that trusts one server key, for the sandbox data holder's pages: its certificate is
 * issued by the test Register's CA, which no browser trusts, and nothing else is let through.
 */
export async function trustHolderArgs(issuer: string, caCert: string): Promise<string[]> {
  const { hostname, port } = new URL(issuer);
  const der = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), ca: caCert, servername: hostname === '127.0.0.1' ? undefined : hostname }, () => {
      resolve(socket.getPeerCertificate().raw);
      socket.end();
    });
    socket.once('error', reject);
  });
  const spki = new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
  return [`--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`];
}
