import { z, type ZodType } from 'zod';
import { docPartOf, type OperationDoc, type RouteDocPart } from './describe.js';

interface RouteLike {
  readonly method: string;
  readonly path: string;
  readonly handler: unknown;
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly doc: OperationDoc;
  readonly parts: readonly RouteDocPart[];
}

type JsonSchema = Record<string, unknown>;

/** `/v1/users/:id` → `/v1/users/{id}`; `:file{regex}` → `{file}`. */
export const toOpenApiPath = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

/** The routes the app has, one per method and path, with every documentation part their middleware carries. */
export function collectOperations(routes: readonly RouteLike[]): { operations: Operation[]; undocumented: string[] } {
  const groups = new Map<string, { method: string; path: string; parts: RouteDocPart[] }>();
  for (const route of routes) {
    // Middleware (`app.use`) and CORS preflights are not operations.
    if (route.method === 'ALL' || route.method === 'OPTIONS') continue;
    const key = `${route.method} ${route.path}`;
    const group = groups.get(key) ?? { method: route.method, path: route.path, parts: [] };
    const part = docPartOf(route.handler);
    if (part) group.parts.push(part);
    groups.set(key, group);
  }
  const operations: Operation[] = [];
  const undocumented: string[] = [];
  for (const [key, group] of groups) {
    const described = group.parts.find((p) => p.kind === 'operation');
    if (described) operations.push({ ...group, doc: described.doc });
    else undocumented.push(key);
  }
  return { operations, undocumented };
}

function jsonSchema(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

const problemRef = { $ref: '#/components/schemas/Problem' };
const RATE_LIMIT_HEADERS = {
  'retry-after': 'Seconds until the window resets',
  'ratelimit-policy': 'The limits that applied (draft-ietf-httpapi-ratelimit-headers), e.g. "api-key";q=600;w=60',
  ratelimit: 'What is left of each, e.g. "api-key";r=0;t=42',
};
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemRef } } });
const operationId = (method: string, path: string) =>
  method.toLowerCase() + toOpenApiPath(path).split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

function operationObject(op: Operation): Record<string, unknown> {
  const parameters: Record<string, unknown>[] = [];
  let requestBody: Record<string, unknown> | undefined;
  const responses: Record<string, unknown> = {};
  let security: Record<string, string[]>[] | undefined;
  const notes: string[] = [];

  for (const part of op.parts) {
    if (part.kind === 'request') {
      const schema = jsonSchema(part.schema, 'input');
      if (part.target === 'json') {
        requestBody = { required: !part.optional, content: { 'application/json': { schema } } };
        responses['413'] = problem('The body is larger than 256 KiB');
        responses['415'] = problem('The body is not JSON (application/json or a +json type, UTF-8)');
      } else {
        const where = part.target === 'param' ? 'path' : part.target;
        const required = new Set((schema.required as string[] | undefined) ?? []);
        for (const [name, property] of Object.entries((schema.properties as Record<string, JsonSchema> | undefined) ?? {})) {
          parameters.push({ name, in: where, required: where === 'path' || required.has(name), schema: property });
        }
      }
      responses['400'] = problem('Invalid request: see errors[] for each field path');
    } else if (part.kind === 'security') {
      security = [{ [part.scheme]: part.scope ? [part.scope] : [] }];
      responses['401'] = problem(part.scheme === 'apiKey' ? 'Missing, unknown or revoked API key' : 'Missing, unknown, expired, spent or replaced session token');
      responses['403'] = problem(part.scheme === 'apiKey' ? `The key lacks the "${part.scope}" scope` : "The request comes from an origin the application does not allow, or the route is not for the session's purpose (wrong-session-purpose) or its application's environment (wrong-environment)");
      if (part.scheme === 'apiKey') {
        // Every API key route counts against the key's quota (service/rate-limits/, docs/deploy.md).
        responses['429'] = {
          ...problem("Over a rate limit: the key's, or for POST /v1/sessions the application's; try again after Retry-After seconds"),
          headers: Object.fromEntries(Object.entries(RATE_LIMIT_HEADERS).map(([name, description]) => [name, { description, schema: { type: 'string' } }])),
        };
      }
      if (part.scope) notes.push(`Needs an API key with the \`${part.scope}\` scope.`);
    }
  }
  const documentedPathParams = new Set(parameters.filter((p) => p.in === 'path').map((p) => p.name));
  for (const [, name] of toOpenApiPath(op.path).matchAll(/\{(\w+)\}/g)) {
    if (!documentedPathParams.has(name!)) parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  for (const [name, header] of Object.entries(op.doc.headers ?? {})) {
    parameters.push({ name, in: 'header', required: header.required ?? false, description: header.description, schema: { type: 'string' } });
  }
  for (const [status, response] of Object.entries(op.doc.responses)) {
    const success = Number(status) < 400;
    const headers = response.headers && Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]));
    // An error is problem+json unless the route says otherwise: a page for a person in a browser is HTML.
    const errorType = response.contentType ?? 'application/problem+json';
    const content = success
      ? response.schema
        ? { [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema, 'output') } }
        : response.contentType
          ? { [response.contentType]: { schema: { type: 'string' } } }
          : undefined
      : { [errorType]: { schema: errorType === 'application/problem+json' ? problemRef : response.schema ? jsonSchema(response.schema, 'output') : { type: 'string' } } };
    // A route's own error page and its validator's problem can share a status: both media types are stated.
    const earlier = success ? undefined : (responses[status] as { content?: Record<string, unknown> } | undefined)?.content;
    const stated = earlier && content ? { ...earlier, ...content } : content;
    responses[status] = { description: response.description, ...(headers ? { headers } : {}), ...(stated ? { content: stated } : {}) };
  }
  responses['500'] ??= problem('Unexpected error');
  // Any route that touches the database (service/errors/on-error.ts).
  responses['503'] ??= {
    ...problem('The database is busy (`/problems/database-busy`), full (`/problems/storage-full`) or unreachable (`/problems/database-unavailable`): send the request again after Retry-After seconds'),
    headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'string' } } },
  };
  const description = [op.doc.description, ...notes].filter(Boolean).join('\n\n');
  return {
    operationId: operationId(op.method, op.path),
    summary: op.doc.summary,
    ...(description ? { description } : {}),
    tags: op.doc.tags,
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
    ...(security ? { security } : {}),
  };
}

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
};

/** OpenAPI 3.1 for every documented route of `routes` (generated, never hand-written). */
export function openApiDocument(routes: readonly RouteLike[], info: { title: string; version: string }) {
  const { operations } = collectOperations(routes);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations.sort((a, b) => a.path.localeCompare(b.path))) {
    (paths[toOpenApiPath(op.path)] ??= {})[op.method.toLowerCase()] = operationObject(op);
  }
  return {
    openapi: '3.1.0',
    info: { ...info, description: 'Consent UI: the config service and the widget\'s session routes (docs/contract.md §3).' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (cui_test_… or cui_live_…), for the partner\'s server only.' },
        sessionToken: { type: 'http', scheme: 'bearer', description: 'A session token (cus_…) from POST /v1/sessions, for the widget.' },
      },
    },
  };
}
