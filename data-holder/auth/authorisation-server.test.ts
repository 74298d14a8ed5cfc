import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyAccess as ResourceSeam } from '../resources/access.js';
import { createAuthorisationServer, type AuthorisationServer } from './authorisation-server.js';
import { certificateThumbprint } from './mtls.js';
import { consentAtBank, NINETY_DAYS_S, SCOPE, type TestRecipient } from './test-recipient.js';
import { bank, recipients, register, revokeArrangement, server, useAuthorisationServer } from './test-server.js';

useAuthorisationServer();
let recipient: TestRecipient;
// DATA_HOLDER_TRACE=1 prints the exchange, secrets cut short.
const trace: string[] = [];
const log = (line: string) => trace.push(line);
const cut = (secret: string) => `${secret.slice(0, 8)}…`;

beforeAll(() => {
  recipient = recipients[0]!;
});

afterAll(() => {
  if (process.env.DATA_HOLDER_TRACE) console.info(trace.join('\n'));
});

const arrangementRevocation = (arrangementId: string) => revokeArrangement(recipient, arrangementId);

describe('data holder authorisation server (CDS security profile)', () => {
  it('meets the resource APIs\' verifyAccess contract', () => {
    const seam: ResourceSeam = server.verifyAccess;
    expect(seam).toBeTypeOf('function');
  });

  it('publishes the profile in its discovery document', () => {
    const m = recipient.config.serverMetadata();
    log(`discovery: ${m.issuer} (mTLS aliases at ${server.mtlsOrigin})`);
    expect(m).toMatchObject({
      require_pushed_authorization_requests: true,
      require_signed_request_object: true,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      tls_client_certificate_bound_access_tokens: true,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      cdr_arrangement_revocation_endpoint: `${server.mtlsOrigin}/arrangements/revoke`,
    });
    expect(m.response_modes_supported).toContain('jwt');
    expect(m.request_object_signing_alg_values_supported).toEqual(['PS256', 'ES256']);
    log(`registered client ${recipient.clientId} for software product ${recipient.softwareProductId} (SSA verified against the Register's JWKS)`);
  });

  it('runs PAR → authorise → JARM → token → verifyAccess → refresh → introspection → arrangement revocation', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const params = {
      redirect_uri: recipient.redirectUri, scope: SCOPE, response_type: 'code', response_mode: 'jwt', state, nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', sharing_duration: String(NINETY_DAYS_S),
      // Levels of Assurance: acr requested as an essential claim, as the standard's request object example does.
      claims: JSON.stringify({ id_token: { acr: { essential: true, values: ['urn:cds.au:cdr:2'] } } }),
    };
    const jar = await client.buildAuthorizationUrlWithJAR(recipient.config, params, recipient.privateKey);
    log(`request object: PS256, nbf/exp 60 s apart, sharing_duration ${NINETY_DAYS_S}`);
    const authorise = await client.buildAuthorizationUrlWithPAR(recipient.config, jar.searchParams);
    log(`PAR (mTLS, private_key_jwt) → 201 request_uri ${cut(authorise.searchParams.get('request_uri')!)}`);
    log(`GET ${authorise.pathname}?client_id&request_uri`);

    const callback = await consentAtBank(bank, authorise, recipient.redirectUri, { log: (l) => log(`  ${l}`) });
    expect(callback.searchParams.get('response')).toBeTruthy();
    expect(callback.searchParams.get('code')).toBeNull();

    const tokens = await client.authorizationCodeGrant(recipient.config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    const arrangementId = tokens.cdr_arrangement_id as string;
    log(`JARM response validated (PS256, iss, aud, exp, state); token (mTLS, private_key_jwt, code_verifier) → access_token ${cut(tokens.access_token)} expires_in ${tokens.expires_in}, refresh_token ${cut(tokens.refresh_token!)}, id_token, cdr_arrangement_id ${arrangementId}`);
    expect(tokens.expires_in).toBeGreaterThanOrEqual(120);
    expect(tokens.expires_in).toBeLessThanOrEqual(600);
    expect(arrangementId).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens.claims()?.acr).toBe('urn:cds.au:cdr:2');

    const thumbprint = certificateThumbprint(recipient.clientCertificate.cert);
    const access = await server.verifyAccess({ accessToken: tokens.access_token, clientCertificateThumbprint: thumbprint });
    expect(access).toEqual({ customerId: 'jsmith', accountIds: ['jsmith-everyday', 'jsmith-savings'], scopes: SCOPE.split(' '), arrangementId, sharingSince: expect.any(String), softwareProductId: recipient.softwareProductId });
    const other = await register.issueClientCertificate(recipient.softwareProductId);
    expect(await server.verifyAccess({ accessToken: tokens.access_token, clientCertificateThumbprint: certificateThumbprint(other.cert) })).toBeUndefined();
    log(`verifyAccess(x5t#S256 of the recipient's certificate) → ${JSON.stringify(access)}; with another certificate → undefined`);

    const introspected = await client.tokenIntrospection(recipient.config, tokens.refresh_token!);
    expect(introspected).toMatchObject({ active: true, cdr_arrangement_id: arrangementId, scope: SCOPE });
    expect(introspected.exp).toBeGreaterThan(Date.now() / 1000 + NINETY_DAYS_S - 60);
    expect(introspected.username).toBeUndefined();
    expect((await client.tokenIntrospection(recipient.config, tokens.access_token)).active).toBe(false);
    log(`introspection (mTLS) of the refresh token → active, exp = sharing end (+${Math.round((introspected.exp! - Date.now() / 1000) / 86400)} days), cdr_arrangement_id; of the access token → active: false`);

    const refreshed = await client.refreshTokenGrant(recipient.config, tokens.refresh_token!);
    expect(refreshed.cdr_arrangement_id).toBe(arrangementId);
    expect(refreshed.refresh_token ?? tokens.refresh_token).toBe(tokens.refresh_token);
    expect(await server.verifyAccess({ accessToken: refreshed.access_token, clientCertificateThumbprint: thumbprint })).toMatchObject({ arrangementId });
    log(`refresh → access_token ${cut(refreshed.access_token)}, same refresh token (no rotation), cdr_arrangement_id ${arrangementId}`);

    const revoked = await arrangementRevocation(arrangementId);
    expect(revoked.status).toBe(204);
    expect(await server.verifyAccess({ accessToken: refreshed.access_token, clientCertificateThumbprint: thumbprint })).toBeUndefined();
    await expect(client.refreshTokenGrant(recipient.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await client.tokenIntrospection(recipient.config, tokens.refresh_token!)).active).toBe(false);
    log(`POST /arrangements/revoke (mTLS, private_key_jwt) → 204; verifyAccess → undefined; refresh → invalid_grant; introspection → active: false`);

    const again = await arrangementRevocation(arrangementId);
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ errors: [{ code: 'urn:au-cds:error:cds-all:Authorisation/InvalidArrangement' }] });
    log(`revoking it again → 422 urn:au-cds:error:cds-all:Authorisation/InvalidArrangement`);
  });
});


describe('mtlsRoutes: another handler on the mutual-TLS listener', () => {
  let routed: AuthorisationServer;
  const seen: { path: string | undefined; peerCertificate: boolean }[] = [];

  beforeAll(async () => {
    routed = await createAuthorisationServer({
      register,
      serverCertificate: await register.issueServerCertificate(['127.0.0.1']),
      mtlsRoutes: {
        pathPrefix: '/resources/',
        handler(req, res) {
          const socket = req.socket as import('node:tls').TLSSocket;
          seen.push({ path: req.url, peerCertificate: Boolean(socket.getPeerCertificate?.()?.raw) });
          res.writeHead(200, { 'content-type': 'text/plain' }).end('routed');
        },
      },
    });
  });
  afterAll(() => routed?.close());

  it('gets requests under its prefix on the mTLS listener, with the TLS socket; everything else stays the provider\'s', async () => {
    const hit = await recipient.mtlsFetch(`${routed.mtlsOrigin}/resources/x?y=1`);
    expect([hit.status, await hit.text()]).toEqual([200, 'routed']);
    expect(seen).toEqual([{ path: '/resources/x?y=1', peerCertificate: true }]);

    const discovery = await recipient.mtlsFetch(`${routed.mtlsOrigin}/.well-known/openid-configuration`);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(routed.issuer);
    // The plain listener never reaches the handler.
    expect((await recipient.mtlsFetch(`${routed.issuer}/resources/x`)).status).toBe(404);
    expect(seen).toHaveLength(1);
  });
});
