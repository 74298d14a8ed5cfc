import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

let t: Awaited<ReturnType<typeof createTestApp>>;
let doc: Doc;
beforeAll(async () => {
  t = await createTestApp();
  doc = (await (await t.app.request('/openapi.json')).json()) as Doc;
});
afterAll(() => t.close());

const typesOf = (path: string, method: string, status: number) => Object.keys(doc.paths[path]![method]!.responses[status]!.content ?? {}).sort();

describe('error answers in /openapi.json', () => {
  it('are problem+json unless the route says otherwise', () => {
    expect(typesOf('/v1/users', 'post', 400)).toEqual(['application/problem+json']);
    expect(typesOf('/v1/users', 'post', 500)).toEqual(['application/problem+json']);
  });

  it('are the HTML pages a person in a browser gets, where the route serves one', async () => {
    expect(typesOf('/editor', 'get', 401)).toEqual(['text/html']);
    expect(typesOf('/preview/{appId}', 'get', 401)).toEqual(['text/html']);
    expect(typesOf('/connect', 'get', 404)).toEqual(['text/html']);
    const res = await t.app.request('/connect?session=cus_unknown');
    expect([res.status, res.headers.get('content-type')?.split(';')[0]]).toEqual([404, 'text/html']);
  });

  it('state both media types where a validator and the route share a status', () => {
    // A missing `response` fails validation (problem+json); an answer we never asked for gets a page.
    expect(typesOf('/connect/callback', 'get', 400)).toEqual(['application/problem+json', 'text/html']);
  });

  it("are the CDS ErrorList (JSON) on the data holder's revocation endpoint", async () => {
    expect(typesOf('/arrangements/revoke', 'post', 415)).toEqual(['application/json']);
    const res = await t.app.request('/arrangements/revoke', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([res.status, res.headers.get('content-type')?.split(';')[0]]).toEqual([415, 'application/json']);
  });
});
