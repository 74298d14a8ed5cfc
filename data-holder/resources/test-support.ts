import { createSandboxHolderData } from '../data/holder-data.js';
import type { Access, VerifyAccess } from './access.js';
import { createResourceApi } from './resource-api.js';

/** Shared by the resource API tests: a fixed clock, arrangements behind fake tokens, a request helper. */
export const NOW = new Date('2026-11-25T00:00:00Z');

const ALL_BANKING = ['bank:accounts.basic:read', 'bank:accounts.detail:read', 'bank:transactions:read'];

/** The arrangements a fake authorisation server knows, by access token. */
export const ARRANGEMENTS: Record<string, Access> = {
  'jsmith-token': { customerId: 'jsmith', accountIds: ['jsmith-everyday', 'jsmith-savings', 'jsmith-card'], scopes: [...ALL_BANKING, 'common:customer.basic:read'], arrangementId: 'arr-jsmith' },
  'jsmith-basic-token': { customerId: 'jsmith', accountIds: ['jsmith-everyday'], scopes: ['bank:accounts.basic:read'], arrangementId: 'arr-jsmith-basic' },
  'jwilson-token': { customerId: 'jwilson', accountIds: ['jwilson-everyday', 'jwilson-joint'], scopes: [...ALL_BANKING, 'common:customer.detail:read'], arrangementId: 'arr-jwilson' },
  'acme-token': { customerId: 'acmeplumbing', accountIds: ['acme-business'], scopes: ['common:customer.basic:read'], arrangementId: 'arr-acme' },
  'janedoe-token': { customerId: '901f6f58-7cd1-4948-8f1b-e2e2502dcf8b', accountIds: ['9f812da9-de61-406c-bd67-33994afc2dc6'], scopes: [...ALL_BANKING, 'common:customer.basic:read'], arrangementId: 'arr-janedoe' },
  'jerde-token': { customerId: 'e8ad5b82-ca60-4540-9370-fa7c734e5009', accountIds: [], scopes: ['common:customer.basic:read'], arrangementId: 'arr-jerde' },
};

/** Stands in for the authorisation server's introspection: the seam, not a mock of our service. */
export const fakeVerifyAccess: VerifyAccess = async ({ accessToken }) => (accessToken ? ARRANGEMENTS[accessToken] : undefined);

export function buildApi(verifyAccess: VerifyAccess = fakeVerifyAccess) {
  return createResourceApi({ verifyAccess, data: createSandboxHolderData(), clock: () => NOW, certificateThumbprint: (c) => c.req.header('x-test-certificate-thumbprint') });
}

/** The headers a well-behaved recipient sends on an unattended call. */
export function headers(token: string, xv: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'x-v': xv, 'x-fapi-auth-date': 'Tue, 24 Nov 2026 22:15:00 GMT', ...extra };
}

export type Api = ReturnType<typeof buildApi>;

export async function getJson(app: Api, path: string, requestHeaders: Record<string, string>) {
  const response = await app.request(path, { headers: requestHeaders });
  // `any`: the tests assert response bodies field by field.
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}
