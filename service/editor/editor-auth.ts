import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ServiceDeps } from '../deps.js';
import { Problem } from '../errors/problem.js';
import type { AppEnv } from '../http/app-env.js';
import { isOwnOrigin, publicBase } from '../http/base-url.js';
import { EDITOR_TTL, resolveToken, type EditorPrincipal } from './editor-tokens.js';

export const EDITOR_COOKIE = 'consent_editor';

export interface EditorEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { editor: EditorPrincipal };
}

/**
 * The editor-session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page can
 * send it), Secure whenever the service is reached over https. Path / because /preview needs it too.
 */
export function setEditorCookie(c: Context, token: string): void {
  const secure = publicBase(c).startsWith('https:');
  setCookie(c, EDITOR_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: EDITOR_TTL.sessionSeconds });
}

/** The editor session the request's cookie carries, if it is live. */
export function editorSessionOf(c: Context, deps: Pick<ServiceDeps, 'db' | 'clock'>): Promise<EditorPrincipal | undefined> {
  return resolveToken(deps.db, deps.clock, getCookie(c, EDITOR_COOKIE), 'session');
}

/**
 * A write must come from the editor's own page. SameSite=Strict already keeps other sites' requests
 * cookieless; checking Origin / Sec-Fetch-Site as well (OWASP CSRF cheat sheet) covers old browsers.
 */
export function isCrossSite(c: Context): boolean {
  // Fetch Metadata, where the browser sends it, decides: the editor's pages send no Referer, and a
  // form post from such a page carries `Origin: null` though it is same-origin.
  const site = c.req.header('sec-fetch-site');
  if (site) return !['same-origin', 'none'].includes(site);
  const origin = c.req.header('origin');
  if (!origin) return false;
  return !isOwnOrigin(c, origin);
}

/** `/editor/api/*`: 401 without a live editor session; 403 for a cross-site write. */
export function editorAuth(deps: Pick<ServiceDeps, 'db' | 'clock'>): MiddlewareHandler<EditorEnv> {
  return async (c, next) => {
    const editor = await editorSessionOf(c, deps);
    if (!editor) {
      throw new Problem(401, 'editor-session-required', 'Editor session required', {
        detail: 'Open a new editor link (POST /v1/editor-links, or the one `npm start` prints); editor sessions last 8 hours.',
      });
    }
    if (!['GET', 'HEAD'].includes(c.req.method) && isCrossSite(c)) {
      throw new Problem(403, 'cross-site-request', 'Forbidden', { detail: 'Editor changes must come from the editor page itself.' });
    }
    c.set('editor', editor);
    c.header('cache-control', 'private, no-store');
    await next();
  };
}
