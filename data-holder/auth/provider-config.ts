import { createHmac, type X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { errors, type Configuration, type JWKS } from 'oidc-provider';
import { CLUSTER_SCOPES } from '../../schema/index.js';
import { MAX_SHARING_DURATION_S, type ArrangementStore } from './arrangements.js';
import { assertArrangement, assertSharingDuration } from './cdr-request-params.js';
import { SIGNING_ALGS, type Fetch } from './client-assertion.js';
import { ACR_OTP } from './interactions.js';
import { memoryAdapter } from './memory-adapter.js';
import { certificateNamesProduct, verifiedClientCertificate } from './mtls.js';
import { bankPage, messagePage, PAGE_HEADERS } from './pages.js';
import { REGISTRATION_SCOPE } from './registration-management.js';
import { SSA_METADATA } from './registration.js';

/** Access tokens live 2 to 10 minutes (Tokens: Access Token); five is the middle. */
export const ACCESS_TOKEN_TTL_S = 300;
/** PAR request URIs expire between 10 and 90 seconds (Request Object Submission). */
const REQUEST_URI_TTL_S = 60;
const AUTHORIZATION_CODE_TTL_S = 60;

export interface ProfileInput {
  readonly issuer: string;
  readonly mtlsOrigin: string;
  readonly jwks: JWKS;
  readonly cookieKeys: string[];
  /** Keeps pairwise `sub` values unguessable; stable for as long as it is. */
  readonly pairwiseSalt: string;
  readonly arrangements: ArrangementStore;
  /** Outbound fetch for clients' `jwks_uri`, trusting the Register's CA. */
  readonly fetch: Fetch;
  /** Names the bank on the provider's error pages. */
  readonly bankName: string;
}

const nowS = () => Math.floor(Date.now() / 1000);
const algs = [...SIGNING_ALGS];

/**
 * oidc-provider configured to the CDS security profile: FAPI 1.0 Advanced (Final) with PAR only, signed
 * request objects, PKCE S256, private_key_jwt, certificate-bound tokens over mutual TLS, JARM, and the
 * CDR's own `sharing_duration` and `cdr_arrangement_id`.
 */
export function cdrProfile(input: ProfileInput): Configuration {
  const { arrangements } = input;
  const alias = (path: string) => `${input.mtlsOrigin}${path}`;
  const arrangementOf = (grantId: string | undefined) => (grantId ? arrangements.byGrant(grantId) : undefined);

  return {
    adapter: memoryAdapter(),
    jwks: input.jwks,
    cookies: { keys: input.cookieKeys },
    routes: {
      authorization: '/authorise',
      pushed_authorization_request: '/par',
      token: '/token',
      introspection: '/introspect',
      revocation: '/revoke',
      userinfo: '/userinfo',
      jwks: '/jwks',
      end_session: '/session/end',
    },
    scopes: ['openid', 'profile', REGISTRATION_SCOPE, ...CLUSTER_SCOPES],
    claims: { openid: ['sub'], profile: ['name', 'given_name', 'family_name', 'updated_at'] },
    // Levels of Assurance: the OTP flow reaches urn:cds.au:cdr:2.
    acrValues: [ACR_OTP, 'urn:cds.au:cdr:3'],
    // Identifiers and Subject Types: sub is a pairwise identifier per software product.
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: async (_ctx, accountId, client) => createHmac('sha256', input.pairwiseSalt).update(`${client.sectorIdentifier}\n${accountId}`).digest('base64url'),
    // Authentication Flows: the authorisation code flow only (hybrid flow retired).
    responseTypes: ['code'],
    // Client Authentication: private_key_jwt only.
    clientAuthMethods: ['private_key_jwt'],
    enabledJWA: {
      requestObjectSigningAlgValues: algs,
      clientAuthSigningAlgValues: algs,
      idTokenSigningAlgValues: algs,
      authorizationSigningAlgValues: algs,
      userinfoSigningAlgValues: algs,
    },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'PS256',
      id_token_signed_response_alg: 'PS256',
      authorization_signed_response_alg: 'PS256',
      request_object_signing_alg: 'PS256',
      subject_type: 'pairwise',
      tls_client_certificate_bound_access_tokens: true,
    },
    extraClientMetadata: { properties: [...SSA_METADATA] },
    extraParams: {
      sharing_duration: (_ctx, value) => assertSharingDuration(value),
      cdr_arrangement_id: (_ctx, value, client) => assertArrangement(arrangements, value, client.clientId),
    },
    features: {
      fapi: { enabled: true, profile: '1.0 Final' },
      // Request Object: PAR is the only way in, request_uri values are single-use.
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: true, allowUnregisteredRedirectUris: false },
      requestObjects: { enabled: true, requireSignedRequestObject: true },
      // Authorisation End Point: response_mode=jwt (JARM) for the code flow.
      jwtResponseModes: { enabled: true },
      mTLS: {
        enabled: true,
        certificateBoundAccessTokens: true,
        getCertificate: (ctx) => {
          const cert = verifiedClientCertificate(ctx.req as IncomingMessage);
          // Called once the client is authenticated, when a token is bound: a certificate the Register
          // issued to another software product does not do (Certificate Management: client certificates).
          const product = ctx.oidc.client?.metadata().software_id;
          if (cert && typeof product === 'string' && !certificateNamesProduct(cert, product)) {
            throw new errors.InvalidClientAuth('client certificate not issued to this software product');
          }
          return cert?.toString() as unknown as X509Certificate;
        },
        certificateAuthorized: (ctx) => verifiedClientCertificate(ctx.req as IncomingMessage) !== undefined,
        certificateSubjectMatches: () => false,
      },
      // Introspection endpoint: refresh tokens only.
      introspection: { enabled: true, allowedPolicy: async (_ctx, _client, token) => token.kind === 'RefreshToken' },
      revocation: { enabled: true },
      // Dynamic Client Registration: the recipient manages its registration with a client-credentials token.
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
      claimsParameter: {
        enabled: true,
        // The standard's examples carry sharing_duration and cdr_arrangement_id inside `claims`.
        assertClaimsParameter: async (_ctx, claims, client) => {
          for (const container of ['userinfo', 'id_token'] as const) {
            for (const value of Object.values(claims[container] ?? {})) {
              if (value !== null && (typeof value !== 'object' || Array.isArray(value))) throw new errors.InvalidRequest(`claims.${container} members must be null or objects`);
            }
          }
          const nested = claims as Record<string, unknown>;
          assertSharingDuration(nested.sharing_duration);
          assertArrangement(arrangements, nested.cdr_arrangement_id, client.clientId);
        },
      },
      devInteractions: { enabled: false },
    },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Consent is asked every time: only the grant the customer has just confirmed counts, never one a
    // browser session holds from an earlier authorisation.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    // Tokens: refresh tokens live for the sharing duration, not the browser session, and never rotate.
    expiresWithSession: async () => false,
    rotateRefreshToken: () => false,
    issueRefreshToken: async (_ctx, client, code) => {
      const arrangement = arrangementOf(code.grantId);
      return client.grantTypeAllowed('refresh_token') && !!arrangement && arrangement.sharingExpiresAt > nowS() + ACCESS_TOKEN_TTL_S;
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_S,
      ClientCredentials: ACCESS_TOKEN_TTL_S,
      AuthorizationCode: AUTHORIZATION_CODE_TTL_S,
      PushedAuthorizationRequest: REQUEST_URI_TTL_S,
      IdToken: ACCESS_TOKEN_TTL_S,
      Interaction: 600,
      Session: 600,
      Grant: MAX_SHARING_DURATION_S,
      RefreshToken: (_ctx, token) => Math.max(1, (arrangementOf(token.grantId)?.sharingExpiresAt ?? nowS()) - nowS()),
    },
    extraTokenClaims: async (_ctx, token) => {
      const arrangement = arrangementOf('grantId' in token ? token.grantId : undefined);
      return arrangement ? { cdr_arrangement_id: arrangement.id } : undefined;
    },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    discovery: {
      mtls_endpoint_aliases: {
        token_endpoint: alias('/token'),
        pushed_authorization_request_endpoint: alias('/par'),
        introspection_endpoint: alias('/introspect'),
        revocation_endpoint: alias('/revoke'),
        userinfo_endpoint: alias('/userinfo'),
        registration_endpoint: alias('/register'),
      },
      // Endpoints: the data holder publishes these in its OpenID Provider metadata.
      registration_endpoint: alias('/register'),
      cdr_arrangement_revocation_endpoint: alias('/arrangements/revoke'),
    },
    fetch: input.fetch as Configuration['fetch'],
    // The provider's own error page loads a web font from a third party and has no CSP: this one is the bank's.
    renderError: async (ctx, out) => {
      ctx.set(PAGE_HEADERS);
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = bankPage(input.bankName, 'Something went wrong', messagePage(`This request could not be completed (${out.error_description ?? out.error}). Please go back to the app and try again.`));
    },
  };
}
