import type { ApiKeyScope } from '../../schema/index.js';

/** Who a partner request acts for: one application, through one API key with its scopes. */
export interface Principal {
  readonly appId: string;
  readonly keyId: string;
  /** Written to `published_by`, `updated_by`: the key's name and visible prefix, never the secret. */
  readonly actor: string;
  readonly scopes: ReadonlySet<ApiKeyScope>;
}

/** An authenticated session token: bound to one application and one end user, grants nothing else. */
export interface SessionContext {
  readonly id: string;
  readonly appId: string;
  readonly userId: string;
  readonly purpose: 'connect' | 'manage' | 'extend';
  readonly state: string | null;
  readonly consentId: string | null;
  readonly expiresAt: string;
  readonly application: { readonly id: string; readonly name: string; readonly environment: 'sandbox' | 'production'; readonly allowedOrigins: readonly string[] };
}

/** Hono's typed context variables for every route of the service. */
export interface AppEnv {
  Variables: {
    principal: Principal;
    session: SessionContext;
    requestId: string;
    /** The origin links are minted from (service/http/allowed-hosts.ts sets it). */
    publicOrigin: string;
  };
}
