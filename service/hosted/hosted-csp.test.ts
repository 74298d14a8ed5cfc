import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ConfigDraft } from '../../schema/index.js';
import { STRICT_CSP } from '../demo/demo.routes.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { fontSource, hostedPageCsp } from './hosted-csp.js';

/** URLs that try to carry CSP syntax (a directive, a keyword, a wildcard) through the font's host. */
const INJECTIONS = [
  'https://fonts.example;script-src/brand.css',
  "https://fonts.example'unsafe-inline'/brand.css",
  'https://fonts.example"x/brand.css',
  'https://*.example/brand.css',
  'https://fonts.example,evil.example/brand.css',
  'https://fonts.example%3Bscript-src/brand.css',
];

describe('fontSource', () => {
  it('is the exact https origin: host lower-cased, port kept, path and query dropped', () => {
    expect(fontSource('https://Fonts.Partner.example/css/brand.css?family=A;B&x="y"')).toBe('https://fonts.partner.example');
    expect(fontSource('https://fonts.partner.example:8443/brand.css')).toBe('https://fonts.partner.example:8443');
    expect(fontSource('https://bücher.example/f.css')).toBe('https://xn--bcher-kva.example');
  });

  it.each(['', 'not a url', 'http://localhost:8080/f.css', 'http://fonts.partner.example/f.css', 'https://user:pw@fonts.partner.example/f.css', 'data:text/css,body{}', 'https://[::1]/f.css', ...INJECTIONS])(
    'is nothing for %j',
    (url) => expect(fontSource(url)).toBeUndefined(),
  );
});

describe('hostedPageCsp', () => {
  it('is the strict policy without a usable font URL, whatever the URL holds', () => {
    for (const url of ['', 'http://localhost/f.css', ...INJECTIONS]) expect(hostedPageCsp(url), url).toBe(STRICT_CSP);
  });

  it('adds the font origin to style-src and font-src only', () => {
    const csp = hostedPageCsp('https://fonts.partner.example/brand.css');
    const directives = csp.split('; ');
    expect(directives).toContain("style-src 'self' https://fonts.partner.example");
    expect(directives).toContain("font-src 'self' https://fonts.partner.example");
    expect(directives.filter((d) => !/^(style|font)-src /.test(d))).toEqual(STRICT_CSP.split('; ').filter((d) => !d.startsWith('style-src ')));
  });
});

describe('the hosted pages of a partner with a custom font', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A partner whose published config has `font`, and a page of each kind for one of its users. */
  async function publishedWith(font: { family: string; url: string } | undefined) {
    const partner = await addPartner(t, { name: 'Font partner' });
    const read = await partner.call('/v1/config/draft');
    const { config } = (await read.json()) as ConfigDraft;
    // A new brand name as well: publishing needs a change.
    const changed = { ...config, consent: { ...config.consent, brandName: 'Font partner' } };
    const body = font ? { ...changed, appearance: { ...changed.appearance, font } } : changed;
    const saved = await partner.call('/v1/config/draft', { method: 'PUT', body, headers: { 'if-match': read.headers.get('etag')! } });
    expect(saved.status).toBe(200);
    expect((await partner.call('/v1/config/publish', { method: 'POST' })).status).toBe(201);
    const user = (await (await partner.call('/v1/users', { method: 'POST', body: { reference: `font-${Math.random()}` } })).json()) as { id: string };
    const policies: string[] = [];
    for (const [purpose, page] of [['connect', '/connect'], ['manage', '/manage']] as const) {
      const { token } = (await (await partner.call('/v1/sessions', { method: 'POST', body: { userId: user.id, purpose } })).json()) as { token: string };
      const res = await t.app.request(`${page}?session=${token}`);
      expect(res.status).toBe(200);
      policies.push(res.headers.get('content-security-policy')!);
    }
    return { partner, policies };
  }

  it('names exactly the font stylesheet origin in style-src and font-src', async () => {
    const { policies } = await publishedWith({ family: 'Brand Sans', url: 'https://fonts.partner.example/css/brand.css?v=2' });
    for (const csp of policies) {
      expect(csp).toBe(hostedPageCsp('https://fonts.partner.example/'));
      expect(csp.match(/https:\/\/[^\s;]+/g)).toEqual(['https://fonts.partner.example', 'https://fonts.partner.example']);
    }
  });

  it('adds no origin without a font URL', async () => {
    const { policies } = await publishedWith(undefined);
    expect(policies).toEqual([STRICT_CSP, STRICT_CSP]);
  });

  it('never lets a font URL carry CSP syntax: the schema refuses it before it is saved', async () => {
    const partner = await addPartner(t, { name: 'Injector' });
    for (const url of INJECTIONS) {
      const read = await partner.call('/v1/config/draft');
      const body = { ...DEFAULT_CONFIG, appearance: { ...DEFAULT_CONFIG.appearance, font: { family: 'Brand Sans', url } } };
      const res = await partner.call('/v1/config/draft', { method: 'PUT', body, headers: { 'if-match': read.headers.get('etag')! } });
      expect(res.status, url).toBe(400);
      expect((await problemOf(res)).errors?.map((e) => e.path)).toEqual(['body.appearance.font.url']);
    }
  });
});
