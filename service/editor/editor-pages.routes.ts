import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { DraftEvent } from '../../schema/api/editor.js';
import { findDraft } from '../configs/configs.repository.js';
import type { ServiceDeps } from '../deps.js';
import { STRICT_CSP } from '../demo/demo.routes.js';
import { notFound, Problem } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import type { AppEnv } from '../http/app-env.js';
import { describeRoute } from '../openapi/describe.js';
import type { DraftEvents } from './draft-events.js';
import { editorSessionOf, isCrossSite, setEditorCookie } from './editor-auth.js';
import { findImage } from './editor.repository.js';
import { institutionsToChooseFrom } from './editor-institutions.js';
import { isSpendableLink, resolveToken, startEditorSession, type EditorPrincipal } from './editor-tokens.js';

/**
 * The demo page's strict policy (no inline script or style, docs/contract.md §2), widened only so a partner's
 * custom web font (an https stylesheet and its font files) shows in the preview.
 */
export const EDITOR_CSP = STRICT_CSP.replace("style-src 'self'", "style-src 'self' https:") + "; font-src 'self' https: data:";

const PAGE = {
  editorTitle: 'Consent UI editor',
  previewTitle: 'Consent UI draft preview',
  expiredTitle: 'This link has expired',
  openTitle: 'Open the Consent UI editor',
  openButton: 'Open the editor',
  editorExpired: 'This editor link has expired or was already used. Editor links work once, for 15 minutes. Ask for a new one (POST /v1/editor-links, or restart `npm start`).',
  previewExpired: 'This preview link has expired. Create a new one in the editor ("Open on another device").',
} as const;

/** Keep-alive comment interval: under common proxy idle timeouts (60 s), and lets a closed tab be noticed. */
const KEEP_ALIVE_MS = 15_000;
/** How soon a browser reconnects after the service ends its stream for a stop (the SSE `retry` field). */
const RECONNECT_MS = 1_000;

const tags = ['Editor'];
const appParams = z.strictObject({ appId: z.string().min(1).max(64) });
const linkForm = z.strictObject({ link: z.string().min(1).max(128) });
const imageParams = z.strictObject({ id: z.string().regex(/^[\w-]{22}\.(png|jpg|gif|webp)$/) });

function page(c: Context, status: 200 | 401, title: string, body: ReturnType<typeof html>) {
  c.header('content-security-policy', EDITOR_CSP);
  // The URL may hold a single-use or preview token: never send it on as a Referer, never cache the page.
  c.header('referrer-policy', 'no-referrer');
  c.header('cache-control', 'no-store');
  return c.html(
    html`<!doctype html>
<html lang="en-AU">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <script type="module" src="/editor.js"></script>
  </head>
  <body>
    ${body}
  </body>
</html>`,
    status,
  );
}

const expiredPage = (c: Context, message: string) => page(c, 401, PAGE.expiredTitle, html`<main><h1>${PAGE.expiredTitle}</h1><p>${message}</p></main>`);

/** `GET /editor`, `GET /preview/{appId}` and its event stream, and uploaded images. */
export function editorPageRoutes(deps: ServiceDeps, events: DraftEvents) {
  /** Who may see `appId`'s draft: its editor session (cookie) or a preview link (`?t=`). */
  async function previewAccess(c: Context, appId: string): Promise<{ principal: EditorPrincipal; token?: string } | undefined> {
    const session = await editorSessionOf(c, deps);
    if (session?.appId === appId) return { principal: session };
    const token = c.req.query('t');
    const preview = await resolveToken(deps.db, deps.clock, token, 'preview');
    return preview?.appId === appId ? { principal: preview, token: token! } : undefined;
  }

  return new Hono<AppEnv>()
    .get('/editor', describeRoute({ summary: 'The designer\'s editor; with an editor link (?link=), the page that opens it', tags, responses: { 200: { description: 'The editor page, or with a spendable link the page that spends it (by POST)', contentType: 'text/html' }, 401: { description: 'Link spent or expired, and no editor session', contentType: 'text/html' } } }), async (c) => {
      const link = c.req.query('link');
      // A GET never spends the link: chat and mail previews fetch links before the designer clicks.
      // The page posts it (editor.js submits the form at once; without script, one click does).
      if (link && (await isSpendableLink(deps.db, deps.clock, link))) {
        return page(c, 200, PAGE.editorTitle, html`<main><h1>${PAGE.openTitle}</h1>
    <form method="post" action="/editor" data-editor-link><input type="hidden" name="link" value="${link}" /><button type="submit">${PAGE.openButton}</button></form></main>`);
      }
      // A reload of a spent link's URL still opens the editor for the session it started.
      if (!(await editorSessionOf(c, deps))) return expiredPage(c, PAGE.editorExpired);
      return page(c, 200, PAGE.editorTitle, html`<main><consent-editor></consent-editor></main>`);
    })
    .post('/editor', describeRoute({ summary: 'Spends an editor link: starts an editor session (HttpOnly cookie) and redirects to the editor', tags, responses: { 303: { description: 'Session started; on to /editor' }, 401: { description: 'Link spent or expired', contentType: 'text/html' }, 403: { description: 'Posted from another site' } } }), validate('form', linkForm), async (c) => {
      // Another site posting its own link would swap the designer's session for the attacker's (login CSRF).
      if (isCrossSite(c)) throw new Problem(403, 'cross-site-request', 'Forbidden', { detail: 'Open the editor link itself.' });
      const started = await startEditorSession(deps.db, deps.clock, c.req.valid('form').link);
      if (!started) return expiredPage(c, PAGE.editorExpired);
      setEditorCookie(c, started.token);
      c.header('cache-control', 'no-store');
      return c.redirect('/editor', 303);
    })
    .get('/preview/:appId', describeRoute({ summary: 'The journey on the draft config, following it live (editor session or preview link ?t=)', tags, responses: { 200: { description: 'The preview page', contentType: 'text/html' }, 401: { description: 'No session and no live preview link', contentType: 'text/html' } } }), validate('param', appParams), async (c) => {
      const { appId } = c.req.valid('param');
      const access = await previewAccess(c, appId);
      if (!access) return expiredPage(c, PAGE.previewExpired);
      const stream = `/preview/${encodeURIComponent(appId)}/events${access.token ? `?t=${encodeURIComponent(access.token)}` : ''}`;
      return page(c, 200, PAGE.previewTitle, html`<main><consent-live-preview events="${stream}" app="${appId}"></consent-live-preview></main>`);
    })
    .get('/preview/:appId/events', describeRoute({ summary: 'Server-Sent Events: the institutions to choose from (event `institutions`), the draft now, then on every save (event `draft`); `reconnect` before the service stops', tags, responses: { 200: { description: 'An event stream', contentType: 'text/event-stream' }, 404: { description: 'No access' } } }), validate('param', appParams), async (c) => {
      const { appId } = c.req.valid('param');
      const access = await previewAccess(c, appId);
      if (!access) throw notFound('Preview', 'No editor session or live preview link for this application.');
      const draft = await findDraft(deps.db, appId);
      if (!draft) throw notFound('Draft');
      const institutions = await institutionsToChooseFrom(deps, c, appId);
      c.header('cache-control', 'no-store');
      c.header('x-accel-buffering', 'no');
      return streamSSE(c, async (stream) => {
        const send = (event: DraftEvent) => stream.writeSSE({ event: 'draft', id: String(event.revision), data: JSON.stringify(event) });
        // Subscribe before the first write so no save between the read and the subscription is missed.
        const queue: DraftEvent[] = [];
        let ready = false;
        const off = events.subscribe(appId, (event) => (ready ? void send(event) : queue.push(event)));
        stream.onAbort(off);
        // First what the bank step picks from: the draft's own selection filters it (event `institutions`).
        await stream.writeSSE({ event: 'institutions', data: JSON.stringify({ data: institutions }) });
        await send({ revision: draft.revision, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy, config: JSON.parse(draft.document) as DraftEvent['config'] });
        for (const event of queue) if (event.revision > draft.revision) await send(event);
        ready = true;
        const expiresAt = Date.parse(access.principal.expiresAt);
        const ending = events.ending;
        let wake = () => {};
        const left = new AbortController();
        ending.addEventListener('abort', () => wake(), { once: true, signal: left.signal });
        stream.onAbort(() => wake());
        while (!stream.aborted && !ending.aborted && deps.clock.now().getTime() < expiresAt) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, KEEP_ALIVE_MS);
            wake = () => (clearTimeout(timer), resolve());
          });
          if (!stream.aborted && !ending.aborted) await stream.write(': keep-alive\n\n');
        }
        // A stop: EventSource reconnects by itself once the stream ends, after `retry` milliseconds.
        if (ending.aborted && !stream.aborted) await stream.writeSSE({ event: 'reconnect', data: '{}', retry: RECONNECT_MS });
        left.abort();
        off();
      });
    })
    .get('/assets/images/:id', describeRoute({ summary: 'An uploaded header image (public, immutable)', tags, responses: { 200: { description: 'The image', contentType: 'image/*' }, 404: { description: 'No such image' } } }), validate('param', imageParams), async (c) => {
      const image = await findImage(deps.db, c.req.valid('param').id);
      if (!image) throw notFound('Image');
      // Content-addressed: the bytes under an id never change. Any site may show it (it is in the public config).
      return c.body(new Uint8Array(image.bytes), 200, {
        'content-type': image.content_type,
        'cache-control': 'public, max-age=31536000, immutable',
        'cross-origin-resource-policy': 'cross-origin',
        'x-content-type-options': 'nosniff',
      });
    });
}
