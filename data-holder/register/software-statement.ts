import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';

/** What the Register knows of a data recipient's software product (Register APIs: GetSoftwareStatementAssertion). */
export interface SoftwareProduct {
  readonly softwareProductId: string;
  /** The Data Recipient Brand the product belongs to: the SSA's `org_id` (the legal entity's id when absent). */
  readonly brandId?: string;
  readonly brandName: string;
  readonly legalEntityId: string;
  readonly legalEntityName: string;
  readonly redirectUris: readonly string[];
  /** Where the recipient publishes the keys its request objects and client assertions are signed with. */
  readonly jwksUri: string;
  readonly recipientBaseUri: string;
  readonly scope: string;
}

/** The Register's signing key and the SSAs it signs (CDR Federation: the Register signs with PS256). */
export interface SsaSigner {
  /** The Register's public keys, as its JWKS endpoint publishes them. */
  readonly jwks: JSONWebKeySet;
  issueSoftwareStatement(product: SoftwareProduct): Promise<string>;
}

/** SSAs are short-lived: the recipient asks for a fresh one per registration (Register APIs: SSA lifetime of 10 minutes). */
const SSA_TTL_S = 600;

export async function createSsaSigner(): Promise<SsaSigner> {
  const { privateKey, publicKey } = await generateKeyPair('PS256');
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'PS256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    issueSoftwareStatement: (product) => signSsa(privateKey as CryptoKey, kid, product),
  };
}

function signSsa(key: CryptoKey, kid: string, p: SoftwareProduct): Promise<string> {
  return new SignJWT({
    legal_entity_id: p.legalEntityId,
    legal_entity_name: p.legalEntityName,
    org_id: p.brandId ?? p.legalEntityId,
    org_name: p.brandName,
    client_name: p.brandName,
    client_description: `${p.brandName}, a data recipient software product`,
    client_uri: p.recipientBaseUri,
    redirect_uris: p.redirectUris,
    jwks_uri: p.jwksUri,
    // CDR Arrangement Revocation End Point: `<RecipientBaseUri>/arrangements/revoke`, keeping the base's path.
    revocation_uri: `${p.recipientBaseUri.replace(/\/+$/, '')}/arrangements/revoke`,
    recipient_base_uri: p.recipientBaseUri,
    software_id: p.softwareProductId,
    software_roles: 'data-recipient-software-product',
    scope: p.scope,
  })
    .setProtectedHeader({ alg: 'PS256', kid, typ: 'JWT' })
    .setIssuer('cdr-register')
    .setIssuedAt()
    .setExpirationTime(`${SSA_TTL_S}s`)
    .setJti(randomUUID())
    .sign(key);
}
