import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type ConfigDraft } from '../../schema/index.js';
import { brokenConfigInput, validConfigInput } from '../../schema/testing/config-arbitraries.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let partner: Awaited<ReturnType<typeof addPartner>>;
let editorCookie: string;
beforeAll(async () => {
  t = await createTestApp();
  partner = await addPartner(t, { name: 'Property Partner' });
  const { url } = (await (await partner.call('/v1/editor-links', { method: 'POST' })).json()) as { url: string };
  const link = new URL(url).searchParams.get('link')!;
  const opened = await t.app.request('/editor', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ link }).toString() });
  editorCookie = opened.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(() => t.close());

/** Both ways a draft is saved: the partner's API key, and the designer's editor session. */
const ROUTES = {
  api: { path: '/v1/config/draft', headers: () => ({ authorization: `Bearer ${partner.key}` }) },
  editor: { path: '/editor/api/draft', headers: () => ({ cookie: editorCookie }) },
} as const;
type Route = keyof typeof ROUTES;

async function readDraft(route: Route) {
  const res = await t.app.request(ROUTES[route].path, { headers: ROUTES[route].headers() });
  return { etag: res.headers.get('etag')!, draft: (await res.json()) as ConfigDraft };
}

async function putDraft(route: Route, body: string, etag: string) {
  return t.app.request(ROUTES[route].path, { method: 'PUT', headers: { ...ROUTES[route].headers(), 'content-type': 'application/json', 'if-match': etag }, body });
}

const RUNS = 600;
const route = fc.constantFrom<Route>('api', 'editor');

describe('PUT of the config draft, property by property', () => {
  it(`answers 400 naming body.<path> for a config broken in one place, and keeps the draft (${RUNS} configs)`, async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(brokenConfigInput, route, async ({ input, path, label }, via) => {
        runs++;
        const before = await readDraft(via);
        const res = await putDraft(via, JSON.stringify(input), before.etag);
        expect(res.status, label).toBe(400);
        const problem = await problemOf(res);
        expect(problem).toMatchObject({ type: '/problems/validation-failed', status: 400 });
        expect(problem.errors!.map((e) => e.path), label).toContain(path ? `body.${path}` : 'body');
        expect(await readDraft(via), label).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    console.log(`draft PUT: ${runs} rejected configs`);
  });

  it('saves every config the schema accepts as the schema parses it (200 configs)', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(validConfigInput, route, async (input, via) => {
        runs++;
        const { etag } = await readDraft(via);
        const res = await putDraft(via, JSON.stringify(input), etag);
        expect(res.status).toBe(200);
        const saved = (await res.json()) as ConfigDraft;
        expect(saved.config).toEqual(parseConfig(input));
        expect((await readDraft(via)).draft.config).toEqual(saved.config);
      }),
      { numRuns: 200 },
    );
    console.log(`draft PUT: ${runs} accepted configs`);
  });
});
