import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ConfigDraft } from '../../schema/index.js';
import { tableNames } from '../db/dialect.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { sessionRule } from '../sessions/session-permissions.js';
import { jsonMediaTypeProblem } from './json-body.js';

/** Every media type a client might send, and whether the service must read the body as JSON. */
const MEDIA_TYPES: readonly (readonly [contentType: string | undefined, parsed: boolean])[] = [
  ['application/json', true],
  ['application/json; charset=utf-8', true],
  ['application/merge-patch+json', true],
  ['application/vnd.x+json', true],
  // Hono's own validator reads this one as `{}`: a check in front of it that disagreed saved defaults.
  ['application/vnd.a+b+json', true],
  ['APPLICATION/JSON', true],
  ['text/plain', false],
  ['application/x-www-form-urlencoded', false],
  ['multipart/form-data; boundary=probe', false],
  [undefined, false],
  ['application/json; charset=latin1', false],
];

describe('jsonMediaTypeProblem', () => {
  it.each([
    'application/json',
    'Application/JSON; Charset="UTF-8"',
    'application/json ; charset=utf-8',
    'application/problem+json',
    'application/vnd.api.v2+json; profile=x',
    'application/a+b+json',
  ])('reads %s as JSON', (type) => expect(jsonMediaTypeProblem(type)).toBeUndefined());

  it.each(['', 'json', 'text/json', 'application/jsonx', 'application/json/x', 'application/x-json', 'application/json; charset=utf-16', 'application/json;charset=iso-8859-1', 'application/vnd x+json'])(
    'refuses %j',
    (type) => expect(jsonMediaTypeProblem(type)).toMatch(/./),
  );
});

type Operation = { security?: Record<string, string[]>[]; parameters?: { name: string; in: string; required: boolean }[]; requestBody?: unknown };

describe('every route that takes a JSON body', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let partner: Awaited<ReturnType<typeof addPartner>>;
  /** A token of a purpose each session route admits (service/sessions/session-permissions.ts). */
  const sessionTokens: Record<string, string> = {};
  let editorCookie: string;
  let routes: { method: string; path: string; op: Operation }[];

  /** Every row of every table: what a refused request must leave exactly as it was. */
  const snapshot = async () => {
    const rows: Record<string, string[]> = {};
    // Sorted: PostgreSQL returns rows in no set order.
    for (const name of await tableNames(t.db)) rows[name] = (await sql`select * from ${sql.table(name)}`.execute(t.db)).rows.map((row) => JSON.stringify(row)).sort();
    return rows;
  };

  const send = (route: (typeof routes)[number], contentType: string | undefined, body: string) => {
    const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
    const scheme = Object.keys(route.op.security?.[0] ?? {})[0];
    if (scheme === 'apiKey') headers.authorization = `Bearer ${partner.key}`;
    else if (scheme === 'sessionToken') headers.authorization = `Bearer ${sessionTokens[sessionRule(`${route.method.toUpperCase()} ${route.path.replace(/\{(\w+)\}/g, ':$1')}`).purposes[0]!]}`;
    else headers.cookie = editorCookie;
    for (const p of route.op.parameters ?? []) if (p.in === 'header' && p.required) headers[p.name.toLowerCase()] = 'probe-header-0001';
    // Bytes, not a string: a string body would get a text/plain Content-Type from fetch's Request.
    return t.app.request(route.path.replace(/\{\w+\}/g, 'probe'), { method: route.method.toUpperCase(), headers, body: new TextEncoder().encode(body) });
  };

  beforeAll(async () => {
    t = await createTestApp();
    partner = await addPartner(t, { name: 'Media types' });
    const user = (await (await partner.call('/v1/users', { method: 'POST', body: { reference: 'media-types' } })).json()) as { id: string };
    for (const purpose of ['connect', 'manage']) {
      sessionTokens[purpose] = ((await (await partner.call('/v1/sessions', { method: 'POST', body: { userId: user.id, purpose } })).json()) as { token: string }).token;
    }
    const link = new URL(((await (await partner.call('/v1/editor-links', { method: 'POST' })).json()) as { url: string }).url);
    const opened = await t.app.request('/editor', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `link=${link.searchParams.get('link')}` });
    editorCookie = (opened.headers.get('set-cookie') ?? '').split(';')[0]!;
    const doc = (await (await t.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => op.requestBody).map(([method, op]) => ({ method, path, op })));
  });
  afterAll(() => t.close());

  it('are found in the OpenAPI document, with every kind of caller', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(expect.arrayContaining(['put /v1/config/draft', 'post /v1/editor-links', 'put /editor/api/draft', 'post /v1/session/authorisations']));
    expect(names.length).toBeGreaterThanOrEqual(10);
  });

  it('read the body as JSON or answer 415, and no 415 changes the database', async () => {
    // Once, so that a first use (an API key's last-used time) is not taken for a change.
    for (const route of routes) await send(route, 'application/json', '[]');
    const before = await snapshot();
    const answers: string[] = [];
    const expected: string[] = [];
    for (const route of routes) {
      for (const [contentType, parsed] of MEDIA_TYPES) {
        // An array: read as JSON it fails every schema at the body's root; anything standing in for it
        // (`{}`) would fail at a field, or pass and write.
        const res = await send(route, contentType, '[]');
        const problem = await problemOf(res);
        const outcome = res.status === 415 ? '415' : res.status === 400 && problem.errors?.[0]?.path === 'body' ? 'parsed' : `${res.status} ${JSON.stringify(problem.errors ?? problem.detail)}`;
        answers.push(`${route.method} ${route.path} ${contentType}: ${outcome}`);
        expected.push(`${route.method} ${route.path} ${contentType}: ${parsed ? 'parsed' : '415'}`);
      }
    }
    expect(answers).toEqual(expected);
    expect(await snapshot()).toEqual(before);
  });

  it('an empty body is refused, never validated as {}', async () => {
    for (const route of routes.filter((r) => r.path !== '/v1/editor-links')) {
      const res = await send(route, 'application/json', '');
      expect(res.status, `${route.method} ${route.path}`).toBe(400);
      expect((await problemOf(res)).errors).toEqual([{ path: 'body', message: 'The body is empty; send a JSON document' }]);
    }
  });

  it('a whole config draft is saved as sent under every JSON type, and left alone under every other', async () => {
    for (const [contentType, parsed] of MEDIA_TYPES) {
      const read = await partner.call('/v1/config/draft');
      const before = (await read.json()) as ConfigDraft;
      const brandName = `Brand for ${contentType ?? 'none'}`.slice(0, 60);
      const body = JSON.stringify({ ...DEFAULT_CONFIG, consent: { ...DEFAULT_CONFIG.consent, brandName } });
      const headers: Record<string, string> = { authorization: `Bearer ${partner.key}`, 'if-match': read.headers.get('etag')!, ...(contentType === undefined ? {} : { 'content-type': contentType }) };
      const res = await t.app.request('/v1/config/draft', { method: 'PUT', headers, body: new TextEncoder().encode(body) });
      const after = (await (await partner.call('/v1/config/draft')).json()) as ConfigDraft;
      if (parsed) {
        expect(res.status, contentType).toBe(200);
        expect(after.config.consent.brandName).toBe(brandName);
      } else {
        expect(res.status, contentType).toBe(415);
        expect(await problemOf(res)).toMatchObject({ type: '/problems/unsupported-media-type' });
        expect(after).toEqual(before);
      }
    }
  });
});
