/**
 * A data recipient for the authorisation server's tests, built only from what the standard publishes:
 * openid-client over undici with its Register-issued client certificate, keys served at its own
 * `jwks_uri`, and a software statement from the mock Register. It never reaches into the server.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import * as client from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';
import type { IssuedCertificate, Register } from '../register/register.js';

export const SCOPE = 'openid profile bank:accounts.basic:read bank:transactions:read';
export const NINETY_DAYS_S = 90 * 24 * 3600;

/** A request the data holder sent to the recipient's CDR Arrangement Revocation End Point. */
export interface ReceivedRevocation {
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: string;
}

export interface TestRecipient {
  readonly softwareProductId: string;
  /** Its `recipient_base_uri`: `<base>/jwks` serves its keys, `<base>/arrangements/revoke` takes notices. */
  readonly recipientBaseUri: string;
  /** Revocation notices received, in order. */
  readonly revocations: ReceivedRevocation[];
  /** Statuses to answer the next notices with (204 once these are used up). */
  answerRevocationsWith(...statuses: number[]): void;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly clientCertificate: IssuedCertificate;
  readonly privateKey: CryptoKey;
  readonly config: client.Configuration;
  /** fetch over mutual TLS with this recipient's certificate. */
  readonly mtlsFetch: typeof undiciFetch;
  /** A signed registration request carrying `ssa` (Client Registration), and a fresh SSA from the Register. */
  signRegistration(ssa: string): Promise<string>;
  issueSsa(): Promise<string>;
  /** A fresh configuration presenting another certificate (or none) on the back channel. */
  withCertificate(cert: IssuedCertificate | undefined): Promise<client.Configuration>;
  close(): Promise<void>;
}

export async function createTestRecipient(register: Register, issuer: string): Promise<TestRecipient> {
  const softwareProductId = `sp-${randomUUID()}`;
  const [serverCertificate, clientCertificate, keys] = await Promise.all([
    register.issueServerCertificate(['127.0.0.1']),
    register.issueClientCertificate(softwareProductId),
    generateKeyPair('PS256'),
  ]);
  const kid = randomUUID();
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(keys.publicKey)), kid, alg: 'PS256', use: 'sig' }] });
  const revocations: ReceivedRevocation[] = [];
  const statuses: number[] = [];
  const server: Server = createServer(serverCertificate, (req, res) => {
    if (req.method !== 'POST' || req.url !== '/arrangements/revoke') return void res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => {
      revocations.push({ authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
      res.writeHead(statuses.shift() ?? 204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = `${base}/callback`;

  const agents: Agent[] = [];
  const fetchWith = (cert: IssuedCertificate | undefined): typeof undiciFetch => {
    const agent = new Agent({ connect: { ca: register.caCert, ...(cert ?? {}) } });
    agents.push(agent);
    return (url, init) => undiciFetch(url, { ...init, dispatcher: agent });
  };
  const mtlsFetch = fetchWith(clientCertificate);

  // Client Registration: a signed registration request carrying the Register's SSA, sent as application/jwt.
  const metadata = (await (await mtlsFetch(`${issuer}/.well-known/openid-configuration`)).json()) as { mtls_endpoint_aliases: { registration_endpoint: string } };
  const issueSsa = () => register.issueSoftwareStatement({
    softwareProductId, brandName: 'Budget Buddy', legalEntityId: 'le-budget-buddy', legalEntityName: 'Budget Buddy Pty Ltd',
    redirectUris: [redirectUri], jwksUri: `${base}/jwks`, recipientBaseUri: base, scope: `${SCOPE} cdr:registration`,
  });
  const signRegistration = (ssa: string) => new SignJWT({
    software_statement: ssa, redirect_uris: [redirectUri], token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'PS256',
    grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], application_type: 'web',
    id_token_signed_response_alg: 'PS256', request_object_signing_alg: 'PS256', authorization_signed_response_alg: 'PS256',
  })
    .setProtectedHeader({ alg: 'PS256', kid, typ: 'JWT' })
    .setIssuer(softwareProductId).setAudience(issuer).setIssuedAt().setExpirationTime('5m').setJti(randomUUID())
    .sign(keys.privateKey);
  const registered = await mtlsFetch(metadata.mtls_endpoint_aliases.registration_endpoint, { method: 'POST', headers: { 'content-type': 'application/jwt' }, body: await signRegistration(await issueSsa()) });
  if (registered.status !== 201) throw new Error(`registration failed: ${registered.status} ${await registered.text()}`);
  const { client_id: clientId } = (await registered.json()) as { client_id: string };

  const configure = (fetch: typeof undiciFetch) =>
    client.discovery(new URL(issuer), clientId, { use_mtls_endpoint_aliases: true }, client.PrivateKeyJwt(keys.privateKey, { [client.modifyAssertion]: (h) => void (h.kid = kid) }), {
      [client.customFetch]: fetch as unknown as client.CustomFetch,
      execute: [client.useJwtResponseMode],
    });

  return {
    softwareProductId, recipientBaseUri: base, revocations, answerRevocationsWith: (...next) => void statuses.push(...next), clientId, redirectUri, clientCertificate, privateKey: keys.privateKey, mtlsFetch, signRegistration, issueSsa,
    config: await configure(mtlsFetch),
    withCertificate: (cert) => configure(fetchWith(cert)),
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await Promise.all(agents.map((a) => a.close()));
    },
  };
}

/** The customer's browser: plain fetch with a cookie jar, following the data holder's pages by hand. */
export function browser(caCert: string) {
  const agent = new Agent({ connect: { ca: caCert } });
  const jar = new Map<string, string>();
  /** `form` posts a urlencoded form; `body` posts exactly these bytes with `contentType` (none when absent). */
  async function request(url: string, init: { method?: string; form?: Record<string, string | string[]>; body?: Uint8Array; contentType?: string } = {}) {
    const form = init.form ? new URLSearchParams(Object.entries(init.form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))) : undefined;
    const body = form ? new TextEncoder().encode(form.toString()) : init.body;
    const contentType = form ? 'application/x-www-form-urlencoded' : init.contentType;
    const res = await undiciFetch(url, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      redirect: 'manual',
      dispatcher: agent,
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(contentType ? { 'content-type': contentType } : {}) },
      ...(body ? { body } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  }
  return { request, close: () => agent.close() };
}

export interface ConsentChoices {
  readonly loginId?: string;
  readonly accountIds?: readonly string[];
  /** Log each page and redirect (for the exchange trace). */
  readonly log?: (line: string) => void;
}

/**
 * Drives the data holder's pages as a customer would: customer id, one-time password, accounts,
 * Authorise; follows redirects until one leaves for the recipient's redirect URI, and returns it.
 */
export async function consentAtBank(b: ReturnType<typeof browser>, authorisationUrl: URL, redirectUri: string, choices: ConsentChoices = {}): Promise<URL> {
  const log = choices.log ?? (() => {});
  let url = authorisationUrl.toString();
  let form: Record<string, string | string[]> | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await b.request(url, form ? { form } : {});
    form = undefined;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      log(`${res.status} → ${next.origin === new URL(redirectUri).origin ? next.pathname + next.search.replace(/=[^&]{24,}/g, (m) => `=${m.slice(1, 13)}…`) : next.pathname}`);
      if (next.toString().startsWith(redirectUri)) return next;
      url = next.toString();
      await res.text();
      continue;
    }
    const page = await res.text();
    const action = /<form method="post" action="([^"]+)\/(login|otp|accounts|confirm)"/.exec(page);
    if (!action) throw new Error(`unexpected page ${res.status}: ${page.slice(0, 400)}`);
    log(`${res.status} page: ${action[2]}`);
    url = new URL(`${action[1]}/${action[2]}`, url).toString();
    form = action[2] === 'login' ? { loginId: choices.loginId ?? 'jsmith' }
      : action[2] === 'otp' ? { otp: '000789' }
      : action[2] === 'accounts' ? { accountId: [...(choices.accountIds ?? ['jsmith-everyday', 'jsmith-savings'])] }
      : {};
  }
  throw new Error('too many redirects');
}

/**
 * One authorisation as the recipient runs it: a PS256 request object pushed over mutual TLS, the
 * customer's consent at the bank, and the checks `authorizationCodeGrant` needs for the callback.
 */
export async function authorise(recipient: TestRecipient, b: ReturnType<typeof browser>, extra: Record<string, string> = {}, choices: ConsentChoices = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const params = {
    redirect_uri: recipient.redirectUri, scope: SCOPE, response_type: 'code', response_mode: 'jwt', state: client.randomState(), nonce: client.randomNonce(),
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...extra,
  };
  const jar = await client.buildAuthorizationUrlWithJAR(recipient.config, params, recipient.privateKey);
  const authoriseUrl = await client.buildAuthorizationUrlWithPAR(recipient.config, jar.searchParams);
  const callback = await consentAtBank(b, authoriseUrl, recipient.redirectUri, choices);
  return { callback, authoriseUrl, checks: { pkceCodeVerifier: verifier, expectedState: params.state, expectedNonce: params.nonce, idTokenExpected: true } };
}
