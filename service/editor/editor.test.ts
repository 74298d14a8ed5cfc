import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../schema/index.js';
import type { DraftEvent, EditorDraft } from '../../schema/api/editor.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let partner: Awaited<ReturnType<typeof addPartner>>;
beforeAll(async () => {
  t = await createTestApp();
  partner = await addPartner(t, { name: 'Budget Buddy' });
});
afterAll(() => t.close());

/** Posts an editor link's token as its page's form does; returns the answer and the cookie it sets. */
async function spendLink(token: string) {
  const res = await t.app.request('/editor', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ link: token }).toString() });
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { res, setCookie, cookie: setCookie.split(';')[0]! };
}

/** Follows an editor link as a browser would (GET its page, which posts the link) and returns the session cookie. */
async function openEditor(link: string) {
  const url = new URL(link);
  const page = await t.app.request(`${url.pathname}${url.search}`);
  if (page.status !== 200) return { res: page, setCookie: page.headers.get('set-cookie') ?? '', cookie: '' };
  return spendLink(url.searchParams.get('link')!);
}

async function newEditorCookie(body?: object) {
  const res = await partner.call('/v1/editor-links', { method: 'POST', ...(body ? { body } : {}) });
  expect(res.status).toBe(201);
  const { url } = (await res.json()) as { url: string };
  return (await openEditor(url)).cookie;
}

function editor(cookie: string) {
  return (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    t.app.request(`/editor/api${path}`, {
      method: init.method ?? 'GET',
      headers: { cookie, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
}

describe('POST /v1/editor-links', () => {
  it('needs an API key with config:write', async () => {
    expect((await partner.call('/v1/editor-links', { method: 'POST', key: null })).status).toBe(401);
    const reader = await addPartner(t, { name: 'Read only' }, ['config:read']);
    const res = await reader.call('/v1/editor-links', { method: 'POST' });
    expect(res.status).toBe(403);
    expect((await problemOf(res)).detail).toContain('config:write');
  });

  it('answers a short-lived link into /editor', async () => {
    const res = await partner.call('/v1/editor-links', { method: 'POST' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { url: string; expiresAt: string };
    expect(body.url).toMatch(/^http:\/\/localhost\/editor\?link=[0-9A-Za-z]{32}$/);
    expect(Date.parse(body.expiresAt) - t.clock.now().getTime()).toBe(15 * 60_000);
  });

  it("makes a link for the key's own application only: no field names another, and the link opens only its drafts", async () => {
    const other = await addPartner(t, { name: 'Other App' });
    const named = await partner.call('/v1/editor-links', { method: 'POST', body: { appId: other.appId } });
    expect(named.status).toBe(400);
    expect((await problemOf(named)).errors).toEqual([{ path: 'body', message: 'Unknown field(s): appId' }]);

    // The other application's draft holds a brand name the partner's link must never show.
    const draft = await other.call('/v1/config/draft');
    const body = { ...DEFAULT_CONFIG, consent: { ...DEFAULT_CONFIG.consent, brandName: 'Other Secret Brand' } };
    const saved = await other.call('/v1/config/draft', { method: 'PUT', headers: { 'if-match': draft.headers.get('etag')! }, body });
    expect(saved.status).toBe(200);
    const cookie = await newEditorCookie();
    const session = (await (await editor(cookie)('/session')).json()) as { appId: string; appName: string };
    expect(session).toMatchObject({ appId: partner.appId, appName: 'Budget Buddy' });
    expect(await (await editor(cookie)('/draft')).text()).not.toContain('Other Secret Brand');
    expect(await (await other.call('/v1/config/draft')).text()).toContain('Other Secret Brand');
  });

  it('rejects a bad body field by path', async () => {
    const res = await partner.call('/v1/editor-links', { method: 'POST', body: { ttlSeconds: 5, extra: 1 } });
    expect(res.status).toBe(400);
    const paths = (await problemOf(res)).errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.ttlSeconds', 'body']));
  });
});

describe('GET /editor', () => {
  it('answers the link with a page that posts it, and spends nothing on a GET (link previews)', async () => {
    const { url } = (await (await partner.call('/v1/editor-links', { method: 'POST' })).json()) as { url: string };
    const path = url.replace('http://localhost', '');
    for (let i = 0; i < 3; i++) {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');
      const page = await res.text();
      expect(page).toContain('<form method="post" action="/editor" data-editor-link>');
      expect(page.match(/<script\b/g)).toHaveLength(1);
    }
    expect((await spendLink(new URL(url).searchParams.get('link')!)).res.status).toBe(303);
  });

  it('spends the link once, by POST, and starts an HttpOnly, SameSite=Strict session', async () => {
    const { url } = (await (await partner.call('/v1/editor-links', { method: 'POST' })).json()) as { url: string };
    const first = await openEditor(url);
    expect(first.res.status).toBe(303);
    expect(first.res.headers.get('location')).toBe('/editor');
    expect(first.setCookie).toMatch(/^consent_editor=[0-9A-Za-z]{32}; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict$/);
    const editorPage = await t.app.request('/editor', { headers: { cookie: first.cookie } });
    expect(editorPage.status).toBe(200);
    const page = await editorPage.text();
    expect(page).toContain('<script type="module" src="/editor.js"></script>');
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page).toContain('<main><consent-editor></consent-editor></main>');
    expect(editorPage.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(editorPage.headers.get('referrer-policy')).toBe('no-referrer');
    // No key, no token in the page: the session lives only in the HttpOnly cookie.
    expect(page).not.toContain(partner.key);
    expect(page).not.toContain(first.cookie.split('=')[1]);

    // Spent: its page says so, and posting it again starts nothing.
    const again = await openEditor(url);
    expect(again.res.status).toBe(401);
    expect(again.setCookie).toBe('');
    expect(await again.res.text()).toContain('expired or was already used');
    const reposted = await spendLink(new URL(url).searchParams.get('link')!);
    expect(reposted.res.status).toBe(401);
    expect(reposted.setCookie).toBe('');
  });

  it('refuses a link posted from another site (login CSRF), and leaves it spendable', async () => {
    const { url } = (await (await partner.call('/v1/editor-links', { method: 'POST' })).json()) as { url: string };
    const token = new URL(url).searchParams.get('link')!;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = new URLSearchParams({ link: token }).toString();
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const res = await t.app.request('/editor', { method: 'POST', headers: { ...form, ...headers }, body });
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect((await spendLink(token)).res.status).toBe(303);
  });

  it('rejects a malformed link form by path', async () => {
    const res = await t.app.request('/editor', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'link=' });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors!.map((e) => e.path)).toEqual(['form.link']);
  });

  it('refuses an expired link', async () => {
    const { url } = (await (await partner.call('/v1/editor-links', { method: 'POST', body: { ttlSeconds: 60 } })).json()) as { url: string };
    t.clock.advance(61_000);
    expect((await openEditor(url)).res.status).toBe(401);
  });

  it('opens for a live session cookie without a link, and not without one', async () => {
    const cookie = await newEditorCookie();
    expect((await t.app.request('/editor', { headers: { cookie } })).status).toBe(200);
    expect((await t.app.request('/editor')).status).toBe(401);
  });
});

describe('editor API (cookie-authenticated)', () => {
  let cookie: string;
  let call: ReturnType<typeof editor>;
  beforeEach(async () => {
    cookie = await newEditorCookie({ label: 'Dana (designer)' });
    call = editor(cookie);
  });

  it('answers 401 without the session cookie, and after the session expires', async () => {
    expect((await t.app.request('/editor/api/draft')).status).toBe(401);
    t.clock.advance(8 * 3600_000 + 1000);
    const res = await call('/draft');
    expect(res.status).toBe(401);
    expect((await problemOf(res)).type).toBe('/problems/editor-session-required');
  });

  it('tells the page whose session it is', async () => {
    const res = await call('/session');
    expect(await res.json()).toMatchObject({ appId: partner.appId, appName: 'Budget Buddy', label: 'Dana (designer)' });
  });

  it('saves a valid draft with If-Match, and refuses a stale one with who saved meanwhile', async () => {
    const draft = (await (await call('/draft')).json()) as EditorDraft;
    const config = { ...draft.config, consent: { ...draft.config.consent, brandName: 'Budget Buddy' } };
    const saved = await call('/draft', { method: 'PUT', body: config, headers: { 'if-match': `"draft-${draft.revision}"` } });
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as EditorDraft;
    expect(body).toMatchObject({ revision: draft.revision + 1, updatedBy: 'Dana (designer) (editor)' });
    expect(body.config.consent.brandName).toBe('Budget Buddy');

    const stale = await call('/draft', { method: 'PUT', body: config, headers: { 'if-match': `"draft-${draft.revision}"` } });
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ current: { revision: draft.revision + 1, updatedBy: 'Dana (designer) (editor)' } });
    expect((await call('/draft', { method: 'PUT', body: config })).status).toBe(428);
  });

  it('accepts only valid drafts, naming each bad field', async () => {
    const draft = (await (await call('/draft')).json()) as EditorDraft;
    const res = await call('/draft', { method: 'PUT', body: { ...draft.config, flow: { ...draft.config.flow, gtmId: 'UA-1' } }, headers: { 'if-match': `"draft-${draft.revision}"` } });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors).toEqual([{ path: 'body.flow.gtmId', message: expect.stringContaining('GTM-') }]);
  });

  it('refuses a write from another site', async () => {
    const draft = (await (await call('/draft')).json()) as EditorDraft;
    const res = await call('/draft', { method: 'PUT', body: draft.config, headers: { 'if-match': `"draft-${draft.revision}"`, origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('publishes the reviewed draft: the public config changes at once; versions, view and rollback', async () => {
    const before = await t.app.request(`/v1/apps/${partner.appId}/config`);
    const draft = (await (await call('/draft')).json()) as EditorDraft;
    const changed = { ...draft.config, appearance: { ...draft.config.appearance, colors: { ...draft.config.appearance.colors, primary: '#0A7B83' } } };
    const saved = (await (await call('/draft', { method: 'PUT', body: changed, headers: { 'if-match': `"draft-${draft.revision}"` } })).json()) as EditorDraft;

    expect((await call('/publish', { method: 'POST', headers: { 'if-match': `"draft-${draft.revision}"` } })).status).toBe(412);
    const published = await call('/publish', { method: 'POST', headers: { 'if-match': `"draft-${saved.revision}"` } });
    expect(published.status).toBe(201);
    const { version } = (await published.json()) as { version: number };

    const after = await t.app.request(`/v1/apps/${partner.appId}/config`);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(((await after.json()) as typeof DEFAULT_CONFIG).appearance.colors.primary).toBe('#0A7B83');
    expect((await call('/publish', { method: 'POST', headers: { 'if-match': `"draft-${saved.revision}"` } })).status).toBe(409);

    const { data } = (await (await call('/versions')).json()) as { data: { version: number; live: boolean; publishedBy: string }[] };
    expect(data[0]).toMatchObject({ version, live: true, publishedBy: 'Dana (designer) (editor)' });
    expect(data.filter((v) => v.live)).toHaveLength(1);
    const first = (await (await call(`/versions/${data.at(-1)!.version}`)).json()) as { config: typeof DEFAULT_CONFIG };
    expect(first.config.appearance.colors.primary).toBe(DEFAULT_CONFIG.appearance.colors.primary);

    const rolled = await call('/rollback', { method: 'POST', body: { version: data.at(-1)!.version }, headers: { 'if-match': `"draft-${saved.revision}"` } });
    expect(rolled.status).toBe(200);
    expect(((await rolled.json()) as EditorDraft).config.appearance.colors.primary).toBe(DEFAULT_CONFIG.appearance.colors.primary);
    // Rollback changes the draft only; the live config stays until the next publish.
    expect(((await (await t.app.request(`/v1/apps/${partner.appId}/config`)).json()) as typeof DEFAULT_CONFIG).appearance.colors.primary).toBe('#0A7B83');
  });

  it('lists every institution the application may offer', async () => {
    const { data } = (await (await call('/institutions')).json()) as { data: { id: string; name: string }[] };
    expect(data.length).toBeGreaterThan(3);
    expect(data.some((i) => i.name.includes('Sandbox'))).toBe(true);
  });

  it('stores an uploaded PNG and serves it publicly; refuses what is not an image', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);
    const res = await t.app.request('/editor/api/images', { method: 'POST', headers: { cookie, 'content-type': 'image/png' }, body: png });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^http:\/\/localhost\/assets\/images\/[\w-]{22}\.png$/);
    const image = await t.app.request(new URL(url).pathname);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(png);

    const html = await t.app.request('/editor/api/images', { method: 'POST', headers: { cookie, 'content-type': 'image/png' }, body: '<svg onload=alert(1)>' });
    expect(html.status).toBe(400);
  });
});

/** Reads Server-Sent Events `draft` messages from a streaming response. */
function draftEvents(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<DraftEvent> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const data = lines.find((l) => l.startsWith('data: '));
          if (lines.includes('event: draft') && data) return JSON.parse(data.slice('data: '.length)) as DraftEvent;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

describe('/preview/{appId}', () => {
  it('needs the editor session or a preview link for that application', async () => {
    const cookie = await newEditorCookie();
    expect((await t.app.request(`/preview/${partner.appId}`, { headers: { cookie } })).status).toBe(200);
    expect((await t.app.request(`/preview/${partner.appId}`)).status).toBe(401);
    // A session for one application shows nothing of another's draft.
    expect((await t.app.request('/preview/demo', { headers: { cookie } })).status).toBe(401);
    expect((await t.app.request('/preview/demo/events', { headers: { cookie } })).status).toBe(404);
  });

  it('makes a short-lived preview link with a QR code, good for the page and its stream', async () => {
    const cookie = await newEditorCookie();
    const res = await editor(cookie)('/preview-links', { method: 'POST' });
    const link = (await res.json()) as { url: string; expiresAt: string; qrSvg: string };
    expect(link.url).toMatch(new RegExp(`^http://localhost/preview/${partner.appId}\\?t=[0-9A-Za-z]{32}$`));
    expect(link.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const page = await t.app.request(new URL(link.url).pathname + new URL(link.url).search);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<consent-live-preview events="/preview/${partner.appId}/events?t=`);
    t.clock.advance(3600_000 + 1);
    expect((await t.app.request(new URL(link.url).pathname + new URL(link.url).search)).status).toBe(401);
  });

  it('starts the stream with every bank the app may offer, so a draft-only selection shows in the preview', async () => {
    const cookie = await newEditorCookie();
    const res = await t.app.request(`/preview/${partner.appId}/events`, { headers: { cookie } });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const [first] = text.split('\n\n');
    expect(first!.split('\n')[0]).toBe('event: institutions');
    const { data } = JSON.parse(first!.split('\n').find((l) => l.startsWith('data: '))!.slice('data: '.length)) as { data: { id: string; logoUrl: string }[] };
    const { data: choosable } = (await (await editor(cookie)('/institutions')).json()) as { data: { id: string }[] };
    expect(data.map((i) => i.id)).toEqual(choosable.map((i) => i.id));
    expect(data.length).toBeGreaterThan(10);
  });

  it('streams the draft, then every save (editor or API) as it happens', async () => {
    const cookie = await newEditorCookie();
    const call = editor(cookie);
    const res = await t.app.request(`/preview/${partner.appId}/events`, { headers: { cookie } });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = draftEvents(res);
    const initial = await stream.next();

    const changed = { ...initial.config, consent: { ...initial.config.consent, title: 'Live title' } };
    await call('/draft', { method: 'PUT', body: changed, headers: { 'if-match': `"draft-${initial.revision}"` } });
    const fromEditor = await stream.next();
    expect(fromEditor).toMatchObject({ revision: initial.revision + 1, config: { consent: { title: 'Live title' } } });

    const viaApi = { ...changed, consent: { ...changed.consent, title: 'From the API' } };
    const put = await partner.call('/v1/config/draft', { method: 'PUT', body: viaApi, headers: { 'if-match': `"draft-${fromEditor.revision}"` } });
    expect(put.status).toBe(200);
    expect((await stream.next()).config.consent.title).toBe('From the API');
    await stream.close();
  });
});

describe('POST /editor/api/publish for a production application', () => {
  it('answers 422 naming the demo identity fields and the missing CDR policy; nothing is published', async () => {
    const live = await addPartner(t, { name: 'Live', environment: 'production' });
    const { url } = (await (await live.call('/v1/editor-links', { method: 'POST' })).json()) as { url: string };
    const call = editor((await openEditor(url)).cookie);
    const draft = (await (await call('/draft')).json()) as EditorDraft;
    const changed = { ...draft.config, consent: { ...draft.config.consent, brandName: 'Live Money' } };
    const saved = (await (await call('/draft', { method: 'PUT', body: changed, headers: { 'if-match': `"draft-${draft.revision}"` } })).json()) as EditorDraft;
    const res = await call('/publish', { method: 'POST', headers: { 'if-match': `"draft-${saved.revision}"` } });
    expect(res.status).toBe(422);
    const problem = await problemOf(res);
    expect(problem.errors!.map((e) => e.path)).toEqual(['consent.accreditation.name', 'consent.accreditation.number', 'consent.cdrPolicyUrl']);
    const { data } = (await (await call('/versions')).json()) as { data: { version: number }[] };
    expect(data.map((v) => v.version)).toEqual([1]);
  });
});
