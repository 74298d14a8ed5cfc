import type { KoaContextWithOIDC, Provider } from 'oidc-provider';
import { certificateThumbprint, verifiedClientCertificate } from './mtls.js';
import { oauthError } from './oauth-error.js';
import { answerRegistration, type Registrar } from './registration.js';

/** The scope of the client-credentials token that manages a registration (Dynamic Client Registration). */
export const REGISTRATION_SCOPE = 'cdr:registration';

interface ClientAdapterHolder {
  adapter: { destroy(id: string): Promise<void> };
}

/**
 * GET, PUT and DELETE /register/{clientId} (Dynamic Client Registration): the recipient presents a
 * client-credentials access token with scope `cdr:registration`, issued to that client and bound to
 * the certificate it calls with. PUT takes a new signed registration request for the same product.
 */
export function registrationManagementEndpoint(input: { provider: Provider; registrar: Registrar }) {
  async function authorised(ctx: KoaContextWithOIDC, clientId: string): Promise<boolean> {
    const bearer = /^Bearer (.+)$/i.exec(ctx.get('authorization'))?.[1];
    const token = bearer ? await input.provider.ClientCredentials.find(bearer) : undefined;
    const cert = verifiedClientCertificate(ctx.req);
    const client = await input.provider.Client.find(clientId);
    return !!client && !!token && !token.isExpired && token.clientId === clientId && token.scopes.has(REGISTRATION_SCOPE) && !!cert && token['x5t#S256'] === certificateThumbprint(cert);
  }

  return async function registrationManagement(ctx: KoaContextWithOIDC, clientId: string) {
    if (!(await authorised(ctx, clientId))) {
      ctx.set('www-authenticate', 'Bearer error="invalid_token"');
      return oauthError(ctx, 401, 'invalid_token', 'a client credentials token for this client with scope cdr:registration is required');
    }
    switch (ctx.method) {
      case 'GET': {
        const client = await input.provider.Client.find(clientId);
        ctx.set('cache-control', 'no-store');
        ctx.body = client?.metadata();
        return;
      }
      case 'PUT':
        return answerRegistration(ctx, input.registrar, 200, clientId);
      case 'DELETE':
        await (input.provider.Client as unknown as ClientAdapterHolder).adapter.destroy(clientId);
        ctx.status = 204;
        return;
      default:
        return oauthError(ctx, 405, 'invalid_request', 'GET, PUT or DELETE');
    }
  };
}
