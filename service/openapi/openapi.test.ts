import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSchema, createSessionSchema, createUserSchema } from '../../schema/index.js';
import { createTestApp } from '../testing/test-app.js';
import { collectOperations, toOpenApiPath } from './openapi-document.js';

type Operation = { operationId: string; security?: Record<string, string[]>[]; parameters?: { name: string; in: string; required: boolean; schema: unknown }[]; requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, { content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }> };
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };

let t: Awaited<ReturnType<typeof createTestApp>>;
let doc: Doc;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.request('/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
});
afterAll(() => t.close());

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
};

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 with both bearer schemes', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'sessionToken']);
  });

  it('describes exactly the routes the app really has', () => {
    const real = new Set(t.app.routes.filter((r) => r.method !== 'ALL' && r.method !== 'OPTIONS').map((r) => `${r.method} ${toOpenApiPath(r.path)}`));
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    // A failure here names the routes to document with describeRoute() (service/openapi/describe.ts).
    expect(collectOperations(t.app.routes).undocumented).toEqual([]);
    expect([...documented].sort()).toEqual([...real].sort());
  });

  it('covers the routes of docs/contract.md §3 that the config service owns', () => {
    const required = [
      'post /v1/users', 'get /v1/users/{id}', 'post /v1/sessions', 'get /v1/session',
      'get /v1/config/draft', 'put /v1/config/draft', 'post /v1/config/publish', 'get /v1/config/versions', 'get /v1/config/versions/{n}', 'post /v1/config/rollback',
      'get /v1/apps/{appId}/config', 'get /v1/apps/{appId}/institutions', 'get /widget.js', 'get /widget.iife.js', 'get /healthz', 'get /openapi.json', 'get /',
      'get /v1/api-keys', 'post /v1/api-keys', 'delete /v1/api-keys/{id}',
    ];
    for (const route of required) {
      const [method, path] = route.split(' ') as [string, string];
      expect(doc.paths[path]?.[method], route).toBeDefined();
    }
  });

  it('takes request and response schemas from the very zod schemas that validate them', () => {
    expect(doc.paths['/v1/users']!.post!.requestBody!.content['application/json']!.schema).toEqual(schemaOf(createUserSchema, 'input'));
    expect(doc.paths['/v1/sessions']!.post!.requestBody!.content['application/json']!.schema).toEqual(schemaOf(createSessionSchema, 'input'));
    expect(doc.paths['/v1/config/draft']!.put!.requestBody!.content['application/json']!.schema).toEqual(schemaOf(configSchema, 'input'));
    expect(doc.paths['/v1/apps/{appId}/config']!.get!.responses['200']!.content!['application/json']!.schema).toEqual(schemaOf(configSchema, 'output'));
  });

  it('states auth and scope per route, and none on public routes', () => {
    expect(doc.paths['/v1/users']!.post!.security).toEqual([{ apiKey: ['users:write'] }]);
    expect(doc.paths['/v1/config/publish']!.post!.security).toEqual([{ apiKey: ['config:write'] }]);
    expect(doc.paths['/v1/session']!.get!.security).toEqual([{ sessionToken: [] }]);
    expect(doc.paths['/v1/apps/{appId}/config']!.get!.security).toBeUndefined();
    expect(Object.keys(doc.paths['/v1/users']!.post!.responses).sort()).toEqual(['201', '400', '401', '403', '409', '413', '415', '429', '500', '503']);
    // The rate limit's answer names its fields.
    expect(Object.keys(doc.paths['/v1/sessions']!.post!.responses['429']!.headers!).sort()).toEqual(['ratelimit', 'ratelimit-policy', 'retry-after']);
  });

  it('documents limit and cursor, and a page with nextCursor, on every list route', () => {
    const lists = ['/v1/users', '/v1/api-keys', '/v1/config/versions', '/v1/users/{id}/transactions', '/v1/webhooks', '/v1/webhooks/{id}/deliveries', '/v1/users/{id}/consents', '/v1/users/{id}/accounts', '/v1/session/consents'];
    for (const path of lists) {
      const get = doc.paths[path]!.get!;
      const query = get.parameters?.filter((p) => p.in === 'query') ?? [];
      expect(query.map((p) => p.name), path).toEqual(expect.arrayContaining(['limit', 'cursor']));
      expect(query.find((p) => p.name === 'limit')!.schema, path).toMatchObject({ minimum: 1, maximum: expect.any(Number) });
    }
    for (const path of lists.filter((p) => !p.endsWith('/transactions') && !p.endsWith('/accounts'))) {
      expect(doc.paths[path]!.get!.responses['200']!.content!['application/json']!.schema, path).toMatchObject({ properties: { data: { type: 'array' }, nextCursor: {} }, required: ['data', 'nextCursor'] });
    }
    expect(doc.paths['/v1/session/consents']!.get!.parameters!.find((p) => p.name === 'limit')!.schema).toMatchObject({ default: 50, maximum: 100 });
  });

  it('declares every path parameter, and gives every operation a unique id', () => {
    const ids: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        ids.push(op.operationId);
        expect(op.parameters?.filter((p) => p.in === 'path').map((p) => p.name).sort() ?? [], `${path}`).toEqual(names.sort());
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/v1/users/{id}']!.get!.parameters).toContainEqual({ name: 'id', in: 'path', required: true, schema: expect.objectContaining({ pattern: '^usr_[0-9A-Za-z]{16}$' }) });
  });
});
