import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:https';
import { connect, type TLSSocket } from 'node:tls';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegister, type Register } from './register.js';

let register: Register;
beforeAll(async () => {
  register = await createRegister();
});

describe('mock CDR Register', () => {
  it('issues server certificates for the hosts asked, chained to its CA', async () => {
    const { cert } = await register.issueServerCertificate(['localhost', '127.0.0.1']);
    const x = new X509Certificate(cert);
    expect(x.checkIssued(new X509Certificate(register.caCert))).toBe(true);
    expect(x.subjectAltName).toContain('DNS:localhost');
    expect(x.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(x.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
  });

  it('issues client certificates naming the software product, usable for mutual TLS', async () => {
    const server = await register.issueServerCertificate(['127.0.0.1']);
    const client = await register.issueClientCertificate('sp-123');
    expect(new X509Certificate(client.cert).subject).toContain('CN=sp-123');
    const https = createServer({ ...server, ca: register.caCert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      res.end((req.socket as TLSSocket).getPeerCertificate().subject.CN);
    });
    https.listen(0, '127.0.0.1');
    await once(https, 'listening');
    try {
      const { port } = https.address() as { port: number };
      const socket = connect({ host: '127.0.0.1', port, ca: register.caCert, cert: client.cert, key: client.key });
      await once(socket, 'secureConnect');
      expect(socket.authorized).toBe(true);
      socket.end('GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
      let reply = '';
      for await (const chunk of socket) reply += chunk;
      expect(reply).toContain('sp-123');
    } finally {
      https.close();
    }
  });

  it('signs software statement assertions with PS256 that verify against its JWKS', async () => {
    const ssa = await register.issueSoftwareStatement({
      softwareProductId: 'sp-123', brandName: 'Budget Buddy', legalEntityId: 'le-1', legalEntityName: 'Budget Buddy Pty Ltd',
      redirectUris: ['https://recipient.example/cb'], jwksUri: 'https://recipient.example/jwks', recipientBaseUri: 'https://recipient.example', scope: 'openid bank:accounts.basic:read',
    });
    const { payload, protectedHeader } = await jwtVerify(ssa, createLocalJWKSet(register.jwks), { issuer: 'cdr-register' });
    expect(protectedHeader.alg).toBe('PS256');
    expect(payload).toMatchObject({ software_id: 'sp-123', software_roles: 'data-recipient-software-product', redirect_uris: ['https://recipient.example/cb'] });
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(decodeJwt(ssa).jti).toBeTypeOf('string');
  });
});
