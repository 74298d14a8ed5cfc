import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRegisterCa, type RegisterCa } from './register-ca.js';
import { createSsaSigner, type SsaSigner } from './software-statement.js';

export type { IssuedCertificate } from './register-ca.js';
export type { SoftwareProduct } from './software-statement.js';

/**
 * A mock CDR Register for tests and the sandbox: the CA that issues every party's TLS certificates and
 * the signer of software statement assertions. Made in memory at start; nothing is fetched.
 */
export interface Register extends RegisterCa, SsaSigner {
  /** Serves the Register's JWKS (Register APIs: GetJWKS), for a data holder that fetches it over HTTP. */
  jwksHandler(req: IncomingMessage, res: ServerResponse): void;
}

export async function createRegister(): Promise<Register> {
  const [ca, signer] = await Promise.all([createRegisterCa(), createSsaSigner()]);
  const body = JSON.stringify(signer.jwks);
  return {
    caCert: ca.caCert,
    issueServerCertificate: ca.issueServerCertificate,
    issueClientCertificate: ca.issueClientCertificate,
    jwks: signer.jwks,
    issueSoftwareStatement: signer.issueSoftwareStatement,
    jwksHandler(_req, res) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' }).end(body);
    },
  };
}
