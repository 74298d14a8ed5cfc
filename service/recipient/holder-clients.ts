import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import * as client from 'openid-client';
import type { Db } from '../db/database.js';
import type { MtlsFetch } from './mtls-fetch.js';
import type { RecipientKeys } from './recipient-keys.js';
import type { RegisterClient } from './register-client.js';

/** A data holder as the recipient talks to it: the certified client's configuration, registered. */
export interface HolderClient {
  readonly issuer: string;
  readonly clientId: string;
  readonly config: client.Configuration;
  /** Where the holder takes arrangement revocations (its mutual-TLS alias when it has one). */
  readonly revocationEndpoint: string | undefined;
}

export class HolderError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

type Metadata = client.ServerMetadata & {
  mtls_endpoint_aliases?: Record<string, string>;
  cdr_arrangement_revocation_endpoint?: string;
};

/**
 * One registered client per data holder, kept in the database so every instance uses the same one and
 * a restart does not register again (Dynamic Client Registration with the Register's software statement).
 */
export function holderClients(deps: { db: Db; fetch: MtlsFetch; keys: RecipientKeys; register: RegisterClient; softwareProductId: string; redirectUri: string }) {
  const clients = new Map<string, Promise<HolderClient>>();
  const customFetch = deps.fetch as unknown as client.CustomFetch;

  async function metadataOf(issuer: string): Promise<Metadata> {
    const res = await deps.fetch(new URL('.well-known/openid-configuration', issuer.endsWith('/') ? issuer : `${issuer}/`));
    if (!res.ok) throw new HolderError(`The data holder's discovery document answered ${res.status}.`, 'holder-unavailable');
    return (await res.json()) as Metadata;
  }

  async function register(issuer: string, metadata: Metadata): Promise<string> {
    const endpoint = metadata.mtls_endpoint_aliases?.registration_endpoint ?? metadata.registration_endpoint;
    if (!endpoint) throw new HolderError('The data holder offers no registration endpoint.', 'holder-registration');
    const request = await new SignJWT({
      software_statement: await deps.register.softwareStatement(),
      redirect_uris: [deps.redirectUri],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'PS256',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      application_type: 'web',
      id_token_signed_response_alg: 'PS256',
      request_object_signing_alg: 'PS256',
      authorization_signed_response_alg: 'PS256',
    })
      .setProtectedHeader({ alg: 'PS256', kid: deps.keys.kid, typ: 'JWT' })
      .setIssuer(deps.softwareProductId)
      .setAudience(issuer)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(randomUUID())
      .sign(deps.keys.signingKey);
    const res = await deps.fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/jwt', accept: 'application/json' }, body: request });
    if (res.status !== 201) throw new HolderError(`The data holder refused our registration: ${res.status} ${(await res.text()).slice(0, 200)}`, 'holder-registration');
    const { client_id: clientId } = (await res.json()) as { client_id: string };
    await deps.db
      .insertInto('holder_registrations')
      .values({ issuer, client_id: clientId, software_product_id: deps.softwareProductId, registered_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('issuer').doNothing())
      .execute();
    // Another instance may have registered first: everyone uses the registration that was kept.
    return (await deps.db.selectFrom('holder_registrations').select('client_id').where('issuer', '=', issuer).executeTakeFirstOrThrow()).client_id;
  }

  async function build(issuer: string): Promise<HolderClient> {
    const metadata = await metadataOf(issuer);
    if (metadata.issuer !== issuer) throw new HolderError(`The discovery document names another issuer (${metadata.issuer}).`, 'holder-misconfigured');
    const kept = await deps.db.selectFrom('holder_registrations').select(['client_id', 'software_product_id']).where('issuer', '=', issuer).executeTakeFirst();
    const clientId = kept?.software_product_id === deps.softwareProductId ? kept.client_id : await register(issuer, metadata);
    const config = new client.Configuration(
      metadata,
      clientId,
      { use_mtls_endpoint_aliases: true, id_token_signed_response_alg: 'PS256', authorization_signed_response_alg: 'PS256' },
      client.PrivateKeyJwt(deps.keys.signingKey, { [client.modifyAssertion]: (header) => void (header.kid = deps.keys.kid) }),
    );
    config[client.customFetch] = customFetch;
    client.useJwtResponseMode(config);
    return {
      issuer,
      clientId,
      config,
      revocationEndpoint: metadata.mtls_endpoint_aliases?.cdr_arrangement_revocation_endpoint ?? metadata.cdr_arrangement_revocation_endpoint,
    };
  }

  return {
    /** The holder's client, discovered and registered once per process (a failure is retried next time). */
    of(issuer: string): Promise<HolderClient> {
      let found = clients.get(issuer);
      if (!found) {
        found = build(issuer);
        clients.set(issuer, found);
        found.catch(() => clients.delete(issuer));
      }
      return found;
    },
  };
}

export type HolderClients = ReturnType<typeof holderClients>;
