import type { Provider } from 'oidc-provider';
import type { ArrangementStore } from './arrangements.js';

/** What a resource API may serve for an access token. */
export interface Access {
  readonly customerId: string;
  readonly accountIds: readonly string[];
  readonly scopes: readonly string[];
  readonly arrangementId: string;
  /** When the arrangement was first established (ISO 8601); an amendment keeps it. */
  readonly sharingSince: string;
  /** The recipient's software product, from its registration's SSA: resource ids are per product (ID Permanence). */
  readonly softwareProductId: string | undefined;
}

export interface AccessQuery {
  /** The bearer token as sent; undefined when none was. */
  readonly accessToken: string | undefined;
  /** `x5t#S256` of the client certificate the resource request came with. */
  readonly clientCertificateThumbprint: string | undefined;
}

export type VerifyAccess = (query: AccessQuery) => Promise<Access | undefined>;

/**
 * The seam for the data holder's resource APIs: the access token must be live, bound to the
 * certificate presented (Tokens; Transport Security: holder of key, RFC 8705 certificate-bound access
 * tokens) and its arrangement still active. Undefined means 401.
 */
export function accessVerifier(provider: Provider, arrangements: ArrangementStore): VerifyAccess {
  return async ({ accessToken, clientCertificateThumbprint }) => {
    if (!accessToken || !clientCertificateThumbprint) return undefined;
    const token = await provider.AccessToken.find(accessToken);
    if (!token || token.isExpired) return undefined;
    if (token['x5t#S256'] !== clientCertificateThumbprint) return undefined;
    const arrangement = token.grantId ? arrangements.byGrant(token.grantId) : undefined;
    if (!arrangement || arrangement.status !== 'active' || !token.accountId) return undefined;
    const product = (await provider.Client.find(arrangement.clientId))?.metadata().software_id;
    return {
      customerId: token.accountId,
      accountIds: arrangement.accountIds,
      scopes: [...token.scopes],
      arrangementId: arrangement.id,
      sharingSince: arrangement.sharingSince,
      softwareProductId: typeof product === 'string' ? product : undefined,
    };
  };
}
