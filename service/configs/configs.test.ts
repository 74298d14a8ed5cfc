import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ConfigDraft, type ConfigVersion, type ConfigVersionSummary } from '../../schema/index.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let a: Awaited<ReturnType<typeof addPartner>>;
let b: Awaited<ReturnType<typeof addPartner>>;
beforeAll(async () => {
  t = await createTestApp();
  a = await addPartner(t, { name: 'Alpha' });
  b = await addPartner(t, { name: 'Beta' });
});
afterAll(() => t.close());

const readDraft = async (partner = a) => {
  const res = await partner.call('/v1/config/draft');
  return { etag: res.headers.get('etag')!, draft: (await res.json()) as ConfigDraft };
};
const withBrand = (brandName: string) => ({ ...DEFAULT_CONFIG, consent: { ...DEFAULT_CONFIG.consent, brandName } });

describe('GET /v1/config/draft', () => {
  it('starts as the default config, at revision 1, with a strong ETag', async () => {
    const res = await a.call('/v1/config/draft');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"draft-1"');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(await res.json()).toMatchObject({ revision: 1, updatedBy: 'app:create', config: DEFAULT_CONFIG });
  });
});

describe('PUT /v1/config/draft', () => {
  it('saves the whole document with the current ETag, filling defaults, and records who saved', async () => {
    const { etag } = await readDraft();
    const res = await a.call('/v1/config/draft', { method: 'PUT', body: { consent: { brandName: 'Alpha Money' } }, headers: { 'if-match': etag } });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as ConfigDraft;
    expect(res.headers.get('etag')).toBe(`"draft-${saved.revision}"`);
    expect(saved.config.consent.brandName).toBe('Alpha Money');
    expect(saved.config.appearance).toEqual(DEFAULT_CONFIG.appearance);
    expect(saved.updatedBy).toMatch(/^Default key \(cui_test_[0-9A-Za-z]{8}…\)$/);
    expect((await readDraft()).draft).toEqual(saved);
  });

  it('answers 428 without If-Match (or with *), and leaves the draft alone', async () => {
    const before = await readDraft();
    for (const headers of [{}, { 'if-match': '*' }] as Record<string, string>[]) {
      const res = await a.call('/v1/config/draft', { method: 'PUT', body: withBrand('Blind'), headers });
      expect(res.status).toBe(428);
      expect(await problemOf(res)).toMatchObject({ type: '/problems/precondition-required' });
    }
    expect(await readDraft()).toEqual(before);
  });

  it('answers 412 for a stale ETag: two designers never silently overwrite each other', async () => {
    const { etag } = await readDraft();
    const first = await a.call('/v1/config/draft', { method: 'PUT', body: withBrand('Designer one'), headers: { 'if-match': etag } });
    expect(first.status).toBe(200);
    const second = await a.call('/v1/config/draft', { method: 'PUT', body: withBrand('Designer two'), headers: { 'if-match': etag } });
    expect(second.status).toBe(412);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await problemOf(second)).toMatchObject({ type: '/problems/draft-changed', status: 412 });
    expect((await readDraft()).draft.config.consent.brandName).toBe('Designer one');
  });

  it('validates with the shared schema: 400 with a path per problem, draft unchanged', async () => {
    const before = await readDraft();
    const res = await a.call('/v1/config/draft', {
      method: 'PUT',
      body: { consent: { durationDays: 400 }, appearance: { colors: { primary: 'red' } }, surprise: true },
      headers: { 'if-match': before.etag },
    });
    expect(res.status).toBe(400);
    const paths = (await problemOf(res)).errors!.map((e) => e.path).sort();
    expect(paths).toEqual(['body', 'body.appearance.colors.primary', 'body.consent.durationDays']);
    expect(await readDraft()).toEqual(before);
  });

  it('answers 415 for a non-JSON body instead of saving a config of defaults', async () => {
    const { etag } = await readDraft();
    const res = await a.call('/v1/config/draft', { method: 'PUT', body: '{}', headers: { 'if-match': etag, 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
  });

  it('answers 413 for a body over 256 KiB', async () => {
    const { etag } = await readDraft();
    const res = await a.call('/v1/config/draft', { method: 'PUT', body: JSON.stringify({ consent: { title: 'x'.repeat(300 * 1024) } }), headers: { 'if-match': etag, 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(await problemOf(res)).toMatchObject({ type: '/problems/body-too-large' });
  });

  it('needs config:write (403) and a key (401)', async () => {
    const reader = await addPartner(t, { name: 'Reader' }, ['config:read']);
    const { etag } = await readDraft(reader);
    expect((await reader.call('/v1/config/draft', { method: 'PUT', body: {}, headers: { 'if-match': etag } })).status).toBe(403);
    expect((await reader.call('/v1/config/draft', { key: null })).status).toBe(401);
  });
});

describe('POST /v1/config/publish, GET /v1/config/versions', () => {
  it('publishes the draft as the next version, with who and when, and the public route serves it at once', async () => {
    const before = await t.app.request(`/v1/apps/${a.appId}/config`);
    expect(before.headers.get('etag')).toMatch(/^"v1-/);
    const { draft } = await readDraft();
    const res = await a.call('/v1/config/publish', { method: 'POST' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/v1/config/versions/2');
    const published = (await res.json()) as ConfigVersionSummary;
    expect(published).toEqual({ version: 2, publishedAt: t.clock.now().toISOString(), publishedBy: draft.updatedBy });
    const live = await t.app.request(`/v1/apps/${a.appId}/config`);
    expect(live.headers.get('etag')).toMatch(/^"v2-/);
    expect(await live.json()).toEqual(draft.config);
  });

  it('answers 409 when the draft equals the live version', async () => {
    const res = await a.call('/v1/config/publish', { method: 'POST' });
    expect(res.status).toBe(409);
    expect(await problemOf(res)).toMatchObject({ type: '/problems/nothing-to-publish' });
  });

  it('checks If-Match when given (412 for a stale one)', async () => {
    const { etag } = await readDraft();
    await a.call('/v1/config/draft', { method: 'PUT', body: withBrand('Third'), headers: { 'if-match': etag } });
    expect((await a.call('/v1/config/publish', { method: 'POST', headers: { 'if-match': etag } })).status).toBe(412);
    const current = (await readDraft()).etag;
    expect((await a.call('/v1/config/publish', { method: 'POST', headers: { 'if-match': current } })).status).toBe(201);
  });

  it('refuses (422) to publish a production draft with the demo identity or no CDR policy, naming each field; nothing goes live', async () => {
    const live = await addPartner(t, { name: 'Live', environment: 'production' });
    const before = await (await t.app.request(`/v1/apps/${live.appId}/config`)).text();
    const { etag } = await readDraft(live);
    await live.call('/v1/config/draft', { method: 'PUT', body: withBrand('Live Money'), headers: { 'if-match': etag } });
    const refused = await live.call('/v1/config/publish', { method: 'POST' });
    expect(refused.status).toBe(422);
    const problem = await problemOf(refused);
    expect(problem).toMatchObject({ type: '/problems/not-ready-to-publish', status: 422 });
    expect(problem.errors!.map((e) => e.path)).toEqual(['consent.accreditation.name', 'consent.accreditation.number', 'consent.cdrPolicyUrl']);
    expect(problem.errors![1]!.message).toContain('ADRBNK000001');
    expect((await (await live.call('/v1/config/versions')).json()) as { data: unknown[] }).toMatchObject({ data: [{ version: 1 }] });
    expect(await (await t.app.request(`/v1/apps/${live.appId}/config`)).text()).toBe(before);

    // Its own identity and policy: publishable. A sandbox application may publish the demo identity.
    const own = { ...DEFAULT_CONFIG, consent: { ...DEFAULT_CONFIG.consent, brandName: 'Live Money', accreditation: { name: 'Live Money Pty Ltd', number: 'ADRBNK000321' }, cdrPolicyUrl: 'https://live.example/cdr-policy' } };
    await live.call('/v1/config/draft', { method: 'PUT', body: own, headers: { 'if-match': (await readDraft(live)).etag } });
    expect((await live.call('/v1/config/publish', { method: 'POST' })).status).toBe(201);
    const sandbox = await addPartner(t, { name: 'Sandbox' });
    await sandbox.call('/v1/config/draft', { method: 'PUT', body: withBrand('Sandbox'), headers: { 'if-match': (await readDraft(sandbox)).etag } });
    expect((await sandbox.call('/v1/config/publish', { method: 'POST' })).status).toBe(201);
  });

  it('lists versions newest first, paged, and returns one with its config; versions are immutable', async () => {
    const list = (await (await a.call('/v1/config/versions')).json()) as { data: ConfigVersionSummary[]; nextCursor: string | null };
    expect(list.data.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(list.nextCursor).toBeNull();
    const first = (await (await a.call('/v1/config/versions?limit=2')).json()) as { data: ConfigVersionSummary[]; nextCursor: string };
    expect(first.data.map((v) => v.version)).toEqual([3, 2]);
    const rest = (await (await a.call(`/v1/config/versions?limit=2&cursor=${first.nextCursor}`)).json()) as { data: ConfigVersionSummary[]; nextCursor: string | null };
    expect(rest).toEqual({ data: [expect.objectContaining({ version: 1 })], nextCursor: null });
    const v2 = (await (await a.call('/v1/config/versions/2')).json()) as ConfigVersion;
    expect(v2.config.consent.brandName).toBe('Designer one');
    const { etag } = await readDraft();
    await a.call('/v1/config/draft', { method: 'PUT', body: withBrand('Later'), headers: { 'if-match': etag } });
    expect(((await (await a.call('/v1/config/versions/2')).json()) as ConfigVersion).config.consent.brandName).toBe('Designer one');
  });

  it('answers 404 for a version that does not exist and 400 for one that is not a number', async () => {
    expect((await a.call('/v1/config/versions/99')).status).toBe(404);
    const bad = await a.call('/v1/config/versions/first');
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).errors![0]!.path).toBe('param.n');
    expect((await problemOf(await a.call('/v1/config/versions?cursor=WzFd_x'))).errors![0]!.path).toBe('query.cursor');
  });
});

describe('POST /v1/config/rollback', () => {
  it('makes an old version the draft without changing the live config; publishing makes it live', async () => {
    const liveBefore = (await t.app.request(`/v1/apps/${a.appId}/config`)).headers.get('etag');
    const res = await a.call('/v1/config/rollback', { method: 'POST', body: { version: 1 } });
    expect(res.status).toBe(200);
    const draft = (await res.json()) as ConfigDraft;
    expect(draft.config).toEqual(DEFAULT_CONFIG);
    expect(res.headers.get('etag')).toBe(`"draft-${draft.revision}"`);
    expect((await t.app.request(`/v1/apps/${a.appId}/config`)).headers.get('etag')).toBe(liveBefore);
    expect((await a.call('/v1/config/publish', { method: 'POST' })).status).toBe(201);
    expect(await (await t.app.request(`/v1/apps/${a.appId}/config`)).json()).toEqual(DEFAULT_CONFIG);
  });

  it('answers 404 for an unknown version, 400 with a path for a bad body, 412 for a stale If-Match', async () => {
    expect((await a.call('/v1/config/rollback', { method: 'POST', body: { version: 42 } })).status).toBe(404);
    const bad = await a.call('/v1/config/rollback', { method: 'POST', body: { version: 'one' } });
    expect((await problemOf(bad)).errors).toEqual([{ path: 'body.version', message: 'Give a version number' }]);
    expect((await a.call('/v1/config/rollback', { method: 'POST', body: { version: 1 }, headers: { 'if-match': '"draft-1"' } })).status).toBe(412);
  });
});

describe('isolation between applications', () => {
  it("never shows or changes another application's draft or versions", async () => {
    const bDraft = await readDraft(b);
    expect(bDraft.draft.config).toEqual(DEFAULT_CONFIG);
    expect(bDraft.draft.revision).toBe(1);
    const bVersions = (await (await b.call('/v1/config/versions')).json()) as { data: ConfigVersionSummary[] };
    expect(bVersions.data.map((v) => v.version)).toEqual([1]);
    expect((await b.call('/v1/config/versions/2')).status).toBe(404);
    expect((await b.call('/v1/config/rollback', { method: 'POST', body: { version: 3 } })).status).toBe(404);
    const aBefore = await readDraft(a);
    await b.call('/v1/config/draft', { method: 'PUT', body: withBrand('Beta'), headers: { 'if-match': bDraft.etag } });
    await b.call('/v1/config/publish', { method: 'POST' });
    expect(await readDraft(a)).toEqual(aBefore);
    expect(((await (await t.app.request(`/v1/apps/${b.appId}/config`)).json()) as typeof DEFAULT_CONFIG).consent.brandName).toBe('Beta');
    expect(((await (await t.app.request(`/v1/apps/${a.appId}/config`)).json()) as typeof DEFAULT_CONFIG).consent.brandName).not.toBe('Beta');
  });
});
