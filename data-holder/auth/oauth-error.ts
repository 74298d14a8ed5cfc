import type { KoaContextWithOIDC } from 'oidc-provider';

/** An OAuth 2.0 error response (RFC 6749 §5.2) from the data holder's own middleware. */
export function oauthError(ctx: KoaContextWithOIDC, status: number, error: string, description: string): void {
  ctx.status = status;
  ctx.set('cache-control', 'no-store');
  ctx.body = { error, error_description: description };
}

/** A CDS error (Payload Conventions: the `errors` array), e.g. Invalid Consent Arrangement. */
export function cdsError(ctx: KoaContextWithOIDC, status: number, code: string, title: string, detail: string): void {
  ctx.status = status;
  ctx.body = { errors: [{ code, title, detail }] };
}
