import type { Provider } from 'oidc-provider';

/** Revokes every token of a grant and the grant itself (CDR Arrangement Revocation End Point: revoking consent revokes its tokens). */
export async function revokeGrant(provider: Provider, grantId: string): Promise<void> {
  await Promise.all([
    provider.AccessToken.revokeByGrantId(grantId),
    provider.RefreshToken.revokeByGrantId(grantId),
    provider.AuthorizationCode.revokeByGrantId(grantId),
    (provider.Grant as unknown as { adapter: { destroy(id: string): Promise<void> } }).adapter.destroy(grantId),
  ]);
}
