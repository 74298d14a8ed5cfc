import type { Provider } from 'oidc-provider';
import type { Arrangement, ArrangementStore } from './arrangements.js';

/** Revokes every token of a grant and the grant itself (CDR Arrangement Revocation End Point: revoking consent revokes its tokens). */
export async function revokeGrant(provider: Provider, grantId: string): Promise<void> {
  await Promise.all([
    provider.AccessToken.revokeByGrantId(grantId),
    provider.RefreshToken.revokeByGrantId(grantId),
    provider.AuthorizationCode.revokeByGrantId(grantId),
    (provider.Grant as unknown as { adapter: { destroy(id: string): Promise<void> } }).adapter.destroy(grantId),
  ]);
}

/** Ends an arrangement: marked revoked, and every token of its grant (and of one it is replacing) revoked. */
export async function endArrangement(provider: Provider, arrangements: ArrangementStore, arrangement: Arrangement): Promise<void> {
  arrangements.revoke(arrangement.id);
  await Promise.all([arrangement.grantId, arrangement.replacedGrantId].filter((g): g is string => !!g).map((g) => revokeGrant(provider, g)));
}
