import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { ClientMetadata, KoaContextWithOIDC, Provider } from 'oidc-provider';
import { SIGNING_ALGS } from './client-assertion.js';
import { oauthError } from './oauth-error.js';

/** Metadata from the SSA the data holder keeps on the client (Client Registration: Registration Request using JWT). */
export const SSA_METADATA = ['software_id', 'software_statement', 'software_roles', 'org_id', 'org_name', 'legal_entity_id', 'legal_entity_name', 'recipient_base_uri', 'revocation_uri'] as const;

interface ClientAdapterHolder {
  adapter: { upsert(id: string, payload: object): Promise<void> };
}

class RegistrationError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const MAX_BODY = 64 * 1024;

async function readBody(ctx: KoaContextWithOIDC): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new RegistrationError('invalid_client_metadata', 'request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * Dynamic client registration with a software statement (Client Registration; Dynamic Client
 * Registration end point): the request is a JWT signed with the recipient's key (found at the SSA's
 * `jwks_uri`), carrying an SSA the Register signed. The client's keys, redirect URIs and scope come
 * from the SSA, so a recipient cannot widen what the Register approved.
 */
export function createRegistrar(input: { provider: Provider; issuer: string; registerJwks: JSONWebKeySet; keysFor: (uri: string) => JWTVerifyGetKey }) {
  const registerKeys = createLocalJWKSet(input.registerJwks);
  const algorithms = [...SIGNING_ALGS];
  // A registration request is single-use: a replayed one is refused until it would have expired anyway.
  const seen = new Map<string, number>();

  /** Registers a client, or updates `existingClientId`'s registration (the software product must stay the same). */
  return async function register(jwt: string, existingClientId?: string) {
    let ssa: JWTPayload;
    try {
      const statement = decodeJwt(jwt).software_statement;
      if (typeof statement !== 'string') throw new Error('no software_statement');
      ({ payload: ssa } = await jwtVerify(statement, registerKeys, { issuer: 'cdr-register', algorithms: ['PS256'], requiredClaims: ['exp', 'jti'] }));
    } catch (e) {
      throw new RegistrationError('invalid_software_statement', `software statement not verified: ${(e as Error).message}`);
    }
    if (ssa.software_roles !== 'data-recipient-software-product' || typeof ssa.jwks_uri !== 'string' || typeof ssa.software_id !== 'string') {
      throw new RegistrationError('unapproved_software_statement', 'not a data recipient software product');
    }
    let request: JWTPayload;
    try {
      ({ payload: request } = await jwtVerify(jwt, input.keysFor(ssa.jwks_uri), { issuer: ssa.software_id, audience: input.issuer, algorithms, requiredClaims: ['exp', 'iat', 'jti'] }));
    } catch (e) {
      throw new RegistrationError('invalid_client_metadata', `registration request not verified: ${(e as Error).message}`);
    }
    const now = Date.now() / 1000;
    for (const [jti, exp] of seen) if (exp < now) seen.delete(jti);
    if (seen.has(request.jti!)) throw new RegistrationError('invalid_client_metadata', 'registration request already used');
    seen.set(request.jti!, request.exp!);
    const allowed = strings(ssa.redirect_uris);
    const redirectUris = strings(request.redirect_uris).length ? strings(request.redirect_uris) : allowed;
    if (redirectUris.some((u) => !allowed.includes(u))) throw new RegistrationError('invalid_redirect_uri', 'redirect_uris must be among the software statement\'s');
    if (request.token_endpoint_auth_method !== 'private_key_jwt') throw new RegistrationError('invalid_client_metadata', 'token_endpoint_auth_method must be private_key_jwt');
    const alg = (name: string) => {
      const value = request[name];
      if (value !== undefined && !algorithms.includes(value as (typeof algorithms)[number])) throw new RegistrationError('invalid_client_metadata', `${name} must be PS256 or ES256`);
      return (value as string | undefined) ?? 'PS256';
    };
    if (existingClientId) {
      const existing = await input.provider.Client.find(existingClientId);
      if (existing?.metadata().software_id !== ssa.software_id) throw new RegistrationError('invalid_software_statement', 'the software statement names another software product');
    }
    const metadata = {
      client_id: existingClientId ?? randomUUID(),
      client_id_issued_at: Math.floor(Date.now() / 1000),
      client_name: ssa.client_name,
      client_uri: ssa.client_uri,
      redirect_uris: redirectUris,
      jwks_uri: ssa.jwks_uri,
      scope: ssa.scope,
      application_type: 'web',
      // client_credentials only for the registration management end point (scope cdr:registration).
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: alg('token_endpoint_auth_signing_alg'),
      id_token_signed_response_alg: alg('id_token_signed_response_alg'),
      request_object_signing_alg: alg('request_object_signing_alg'),
      authorization_signed_response_alg: alg('authorization_signed_response_alg'),
      tls_client_certificate_bound_access_tokens: true,
      ...Object.fromEntries(SSA_METADATA.map((k) => [k, k === 'software_statement' ? decodeJwt(jwt).software_statement : ssa[k]]).filter(([, v]) => v !== undefined)),
    };
    try {
      await input.provider.Client.validate(metadata as ClientMetadata);
    } catch (e) {
      throw new RegistrationError('invalid_client_metadata', (e as Error).message);
    }
    // Stored as the provider stores dynamically registered clients, so Client.find sees it.
    await (input.provider.Client as unknown as ClientAdapterHolder).adapter.upsert(metadata.client_id, metadata);
    return metadata;
  };
}

export type Registrar = ReturnType<typeof createRegistrar>;

/** Reads an `application/jwt` registration request and answers with the registration, or the RFC 7591 error. */
export async function answerRegistration(ctx: KoaContextWithOIDC, registrar: Registrar, status: 200 | 201, existingClientId?: string) {
  if (!ctx.is('application/jwt')) return oauthError(ctx, 400, 'invalid_client_metadata', 'the registration request must be application/jwt');
  try {
    const metadata = await registrar((await readBody(ctx)).trim(), existingClientId);
    ctx.status = status;
    ctx.set('cache-control', 'no-store');
    ctx.body = metadata;
  } catch (e) {
    if (e instanceof RegistrationError) return oauthError(ctx, 400, e.code, e.message);
    throw e;
  }
}

/** POST /register. */
export function registrationEndpoint(registrar: Registrar) {
  return (ctx: KoaContextWithOIDC) => (ctx.method === 'POST' ? answerRegistration(ctx, registrar, 201) : oauthError(ctx, 405, 'invalid_request', 'registration takes POST'));
}
