import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/**
 * ECDSA P-256 keeps a test run fast (RSA key generation costs ~100 ms a key). The Register's
 * production CA issues RSA certificates (Certificate Management); nothing here depends on the key type.
 */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60_000;

/** A certificate and its private key, PEM-encoded as `node:tls` takes them. */
export interface IssuedCertificate {
  readonly cert: string;
  readonly key: string;
}

/** The test CA standing in for the CDR Register's CA (Certificate Management: the Register is the CA). */
export interface RegisterCa {
  /** The CA certificate: trust anchor for server and client certificates alike. */
  readonly caCert: string;
  /** A server certificate for the given host names / IP addresses (Transport Security: TLS 1.2+ with CA-issued certs). */
  issueServerCertificate(hosts: readonly string[]): Promise<IssuedCertificate>;
  /** A client certificate whose subject names the software product (Certificate Management: client certificates for MTLS). */
  issueClientCertificate(softwareProductId: string): Promise<IssuedCertificate>;
}

const IP = /^[0-9.]+$|:/;
let serial = 0;
const nextSerial = () => (++serial).toString(16).padStart(2, '0') + webcrypto.getRandomValues(new Uint8Array(8)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');

async function exportKey(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** Makes a fresh CA in memory: nothing is fetched or written to disk. */
export async function createRegisterCa(name = 'Mock CDR Register CA'): Promise<RegisterCa> {
  const caKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const now = Date.now();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(),
    name: `CN=${name}, O=Mock CDR Register, C=AU`,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 365 * DAY_MS),
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });

  async function issue(subject: string, extensions: x509.Extension[]): Promise<IssuedCertificate> {
    const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: nextSerial(),
      subject,
      issuer: ca.subject,
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + 90 * DAY_MS),
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        ...extensions,
      ],
    });
    return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
  }

  return {
    caCert: ca.toString('pem'),
    issueServerCertificate(hosts) {
      const names = hosts.map((host) => ({ type: IP.test(host) ? ('ip' as const) : ('dns' as const), value: host }));
      return issue(`CN=${hosts[0] ?? 'localhost'}, O=Mock Data Holder, C=AU`, [
        new x509.SubjectAlternativeNameExtension(names),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      ]);
    },
    issueClientCertificate(softwareProductId) {
      return issue(`CN=${softwareProductId}, OU=${softwareProductId}, O=Mock Data Recipient, C=AU`, [
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      ]);
    },
  };
}
