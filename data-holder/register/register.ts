import { createRegisterCa, type RegisterCa } from './register-ca.js';
import { createSsaSigner, type SsaSigner } from './software-statement.js';

export type { IssuedCertificate } from './register-ca.js';
export type { SoftwareProduct } from './software-statement.js';

/**
 * A mock CDR Register for tests and the sandbox: the CA that issues every party's TLS certificates and
 * the signer of software statement assertions. Made in memory at start; nothing is fetched. Its HTTP
 * APIs are `register-api.ts`.
 */
export type Register = RegisterCa & SsaSigner;

export async function createRegister(): Promise<Register> {
  const [ca, signer] = await Promise.all([createRegisterCa(), createSsaSigner()]);
  return {
    caCert: ca.caCert,
    issueServerCertificate: ca.issueServerCertificate,
    issueClientCertificate: ca.issueClientCertificate,
    jwks: signer.jwks,
    issueSoftwareStatement: signer.issueSoftwareStatement,
  };
}
