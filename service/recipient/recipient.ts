import type { JSONWebKeySet } from 'jose';
import type { Db } from '../db/database.js';
import { accessTokenFor, expireAccessToken } from './arrangement-tokens.js';
import { revocationNoticeVerifier, revokeAtHolder } from './arrangement-revocation.js';
import { pushAuthorisationRequest, type AuthorisationRequest } from './authorisation-request.js';
import { answerVerifier, redeemAnswer } from './authorisation-response.js';
import { cdsClient, CdsError } from './cds-client.js';
import { HolderError, holderClients } from './holder-clients.js';
import { mtlsFetch } from './mtls-fetch.js';
import type { RecipientIdentity } from './recipient-identity.js';
import { loadRecipientKeys, type RecipientKeys } from './recipient-keys.js';
import { registerClient } from './register-client.js';
import { holderKeySets } from './holder-keys.js';
import { loggedFetch } from './logged-fetch.js';
import type { Logger } from '../logging/logger.js';

/** The service's own CDR endpoints, under its public origin. */
export const RECIPIENT_PATHS = {
  callback: '/connect/callback',
  jwks: '/cdr/jwks',
  revocation: '/arrangements/revoke',
} as const;

/**
 * The data recipient's client, assembled: its identity and keys, the Register, one registered client
 * per data holder, and the protocol steps the consent lifecycle calls (docs/cdr.md, security profile).
 */
export function createRecipient(options: { db: Db; identity: RecipientIdentity; baseUrl: string | (() => string); log?: Logger | undefined }) {
  const { db, identity } = options;
  // The origin may be known only once the server listens (port 0): it is read when first needed.
  const baseUrl = () => (typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl).replace(/\/$/, '');
  const redirectUri = () => `${baseUrl()}${RECIPIENT_PATHS.callback}`;
  const jwksUri = () => `${baseUrl()}${RECIPIENT_PATHS.jwks}`;
  const tls = mtlsFetch(identity);
  const transport = { fetch: options.log ? loggedFetch(tls.fetch, options.log) : tls.fetch, close: tls.close };
  let keysLoaded: Promise<RecipientKeys> | undefined;
  const keys = () => {
    keysLoaded ??= loadRecipientKeys(db, identity);
    keysLoaded.catch(() => (keysLoaded = undefined));
    return keysLoaded;
  };
  const register = registerClient(identity, transport.fetch, { get baseUrl() { return baseUrl(); }, get redirectUri() { return redirectUri(); }, get jwksUri() { return jwksUri(); } });
  let holders: ReturnType<typeof holderClients> | undefined;
  const holder = async (issuer: string) => {
    holders ??= holderClients({ db, fetch: transport.fetch, keys: await keys(), register, softwareProductId: identity.softwareProductId, redirectUri: redirectUri() });
    return holders.of(issuer);
  };
  const issuerOf = async (iss: string) => {
    const row = await db.selectFrom('institutions').select('issuer').where((eb) => eb.or([eb('id', '=', iss), eb('issuer', '=', iss)])).where('issuer', 'is not', null).executeTakeFirst();
    return row?.issuer ?? undefined;
  };
  const keySet = holderKeySets(transport.fetch);
  const answers = answerVerifier(keySet);
  // A holder's notices are signed with the keys its discovery document names, as its answers are.
  const noticeKeys = async (issuer: string) => {
    const jwksUri = (await holder(issuer)).config.serverMetadata().jwks_uri;
    if (!jwksUri) throw new HolderError('The data holder publishes no JWKS.', 'holder-misconfigured');
    return keySet(jwksUri);
  };
  let verifier: ReturnType<typeof revocationNoticeVerifier> | undefined;
  const verifyNotice = (authorization: string | undefined, arrangementJwt: string | undefined) => {
    verifier ??= revocationNoticeVerifier(noticeKeys, `${baseUrl()}${RECIPIENT_PATHS.revocation}`, issuerOf);
    return verifier(authorization, arrangementJwt);
  };

  return {
    get redirectUri() {
      return redirectUri();
    },
    get jwksUri() {
      return jwksUri();
    },
    softwareProductId: identity.softwareProductId,
    /** Who this recipient is, for another instance of the same deployment (tests build one). */
    identity,
    async jwks(): Promise<JSONWebKeySet> {
      return (await keys()).jwks;
    },
    /** Pushes the request; the PKCE verifier comes back sealed, for the authorisation row. */
    async push(issuer: string, request: Omit<AuthorisationRequest, 'redirectUri'>) {
      const [client, k] = await Promise.all([holder(issuer), keys()]);
      const pushed = await pushAuthorisationRequest(client, { key: k.signingKey, kid: k.kid }, { ...request, redirectUri: redirectUri() });
      return { url: pushed.url, state: pushed.state, nonce: pushed.nonce, codeVerifier: await k.vault.seal(pushed.codeVerifier) };
    },
    /** Whether a JARM answer is the holder's, to us, for the request with `state` (no exchange). */
    async verifyAnswer(issuer: string, callback: URL, state: string, options: { allowExpired?: boolean } = {}) {
      return answers(await holder(issuer), callback, state, options);
    },
    /** Verifies the holder's JARM answer and exchanges its code (once); the tokens come back in clear for sealing. */
    async redeem(issuer: string, callback: URL, checks: { state: string; nonce: string; codeVerifier: string }) {
      const [client, k] = await Promise.all([holder(issuer), keys()]);
      const redeemed = await redeemAnswer(client, callback, { ...checks, codeVerifier: await k.vault.open(checks.codeVerifier) });
      return { ...redeemed, clientId: client.clientId };
    },
    vault: async () => (await keys()).vault,
    /** The accounts a fresh token reaches (Get Accounts): which ones the customer chose at the holder. */
    accountsAt: (resourceBaseUri: string, accessToken: string) => cdsClient(transport.fetch, resourceBaseUri, { token: async () => accessToken, authTime: new Date() }).accounts(),
    /** The holder's resource APIs for one consent, refreshing its tokens as needed, once more after a 401. */
    async cds(consent: { id: string; issuer: string; resourceBaseUri: string; authTime: Date }) {
      const [client, k] = await Promise.all([holder(consent.issuer), keys()]);
      const api = cdsClient(transport.fetch, consent.resourceBaseUri, { token: () => accessTokenFor(db, k.vault, client, consent.id), authTime: consent.authTime });
      const retried = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
        try {
          return await call(...args);
        } catch (error) {
          if (!(error instanceof CdsError) || error.status !== 401) throw error;
          await expireAccessToken(db, consent.id);
          return call(...args);
        }
      };
      return { accounts: retried(api.accounts), balances: retried(api.balances), detail: retried(api.detail), transactions: retried(api.transactions) };
    },
    async revoke(issuer: string, arrangementId: string) {
      const [client, k] = await Promise.all([holder(issuer), keys()]);
      await revokeAtHolder(transport.fetch, k, client, arrangementId);
    },
    verifyNotice,
    brands: () => register.dataHolderBrands(),
    /** A public CDS endpoint of a holder (Get Status), over the same trusted transport. */
    async publicGet(url: string, version: string): Promise<unknown> {
      const res = await transport.fetch(url, { headers: { 'x-v': version, accept: 'application/json' } });
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      return res.json();
    },
    /** A brand's logo (from the Register's `logoUri`): SVG or PNG, at most 256 KiB, else undefined. */
    async logo(url: string): Promise<{ type: 'image/svg+xml' | 'image/png'; bytes: Buffer } | undefined> {
      const res = await transport.fetch(url, { headers: { accept: 'image/svg+xml, image/png' } });
      const type = res.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (!res.ok || (type !== 'image/svg+xml' && type !== 'image/png')) {
        await res.body?.cancel();
        return undefined;
      }
      const bytes = Buffer.from(await res.arrayBuffer());
      return bytes.length <= 256 * 1024 ? { type, bytes } : undefined;
    },
    close: () => transport.close(),
  };
}

export type Recipient = ReturnType<typeof createRecipient>;
