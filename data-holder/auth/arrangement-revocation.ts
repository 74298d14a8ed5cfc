import type { KoaContextWithOIDC, Provider } from 'oidc-provider';
import type { ArrangementStore } from './arrangements.js';
import { endArrangement } from './grant-revocation.js';
import { cdsError, oauthError } from './oauth-error.js';

/** Payload Conventions: Invalid Consent Arrangement. */
const INVALID_ARRANGEMENT = 'urn:au-cds:error:cds-all:Authorisation/InvalidArrangement';

/**
 * POST /arrangements/revoke (CDR Arrangement Revocation End Point): the data holder supports only the
 * "CDR Arrangement Form Parameter" method, authenticates the recipient with private_key_jwt over mutual
 * TLS, refuses arrangements of other clients, and revokes the arrangement's tokens. 204 on success.
 */
export function arrangementRevocationEndpoint(input: {
  provider: Provider;
  arrangements: ArrangementStore;
  audiences: string[];
  authenticate: (form: URLSearchParams, audiences: string[]) => Promise<string | undefined>;
}) {
  return async function arrangementRevocation(ctx: KoaContextWithOIDC) {
    if (ctx.method !== 'POST') return oauthError(ctx, 405, 'invalid_request', 'arrangement revocation takes POST');
    if (!ctx.is('application/x-www-form-urlencoded')) return oauthError(ctx, 400, 'invalid_request', 'the request must be application/x-www-form-urlencoded');
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const clientId = await input.authenticate(form, input.audiences);
    if (!clientId) return oauthError(ctx, 401, 'invalid_client', 'client authentication failed');
    const arrangement = input.arrangements.get(form.get('cdr_arrangement_id') ?? '');
    if (!arrangement || arrangement.clientId !== clientId || arrangement.status !== 'active') {
      return cdsError(ctx, 422, INVALID_ARRANGEMENT, 'Invalid Consent Arrangement', 'The arrangement is unknown, not yours, or already revoked.');
    }
    await endArrangement(input.provider, input.arrangements, arrangement);
    ctx.status = 204;
  };
}
