import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import type { JsonSchema } from './json-schema-arbitrary.js';
import { changedTables, snapshotDb } from './db-snapshot.js';
import { fuzzFixture } from './fuzz-fixture.js';
import { requestArbitrary, type FuzzOperation, type FuzzRequest } from './fuzz-requests.js';

/** A broken promise of the API: what was sent, what came back, and what is wrong with it. */
export interface FuzzFinding {
  readonly request: FuzzRequest;
  readonly status: number | undefined;
  readonly problem: string;
}

export interface FuzzReport {
  readonly requests: number;
  readonly operations: number;
  readonly ms: number;
  readonly seed: number;
  readonly byStatus: Readonly<Record<string, number>>;
  /** Answers per operation and status: which operations the requests got past validation and auth into. */
  readonly byOperation: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly findings: readonly FuzzFinding[];
}

export interface FuzzOptions {
  readonly requests: number;
  readonly seed?: number;
  /** A request (and reading its answer) taking longer than this is a hang. */
  readonly timeoutMs?: number;
  readonly progress?: (done: number) => void;
}

type OpenApiDoc = {
  paths: Record<string, Record<string, {
    parameters?: FuzzOperation['parameters'];
    requestBody?: { content: Record<string, { schema: JsonSchema }> };
    security?: Record<string, string[]>[];
    responses: Record<string, { content?: Record<string, unknown> }>;
  }>>;
};

/** Every operation of the service's own OpenAPI document. */
export function operationsOf(doc: OpenApiDoc): FuzzOperation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      ...(op.requestBody ? { body: Object.values(op.requestBody.content)[0]!.schema } : {}),
      ...(op.security?.[0] ? { security: Object.keys(op.security[0])[0] as FuzzOperation['security'] } : {}),
      responses: Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, Object.keys(r.content ?? {})])),
    })),
  );
}

/** Matches a request's path to the operation it reaches, if any (for the media types it documents). */
function operationFor(operations: readonly FuzzOperation[], method: string, pathname: string): FuzzOperation | undefined {
  return operations.find((op) => (op.method === method || (method === 'HEAD' && op.method === 'GET')) && new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(pathname));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** What is wrong with an error answer, if anything: it must be the documented media type, and problem+json must be a problem. */
async function errorAnswerProblem(res: Response, method: string, op: FuzzOperation | undefined, timeoutMs: number): Promise<string | undefined> {
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const documented = op?.responses[String(res.status)] ?? [];
  const expected = documented.length ? documented : ['application/problem+json'];
  if (!expected.includes(type)) return `${res.status} answered as "${type}", documented as ${expected.join(' or ')}`;
  if (type !== 'application/problem+json' || method === 'HEAD') return undefined;
  const text = await withTimeout(res.text(), timeoutMs, 'reading the body');
  let body: { type?: unknown; title?: unknown; status?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `${res.status} problem+json body is not JSON: ${text.slice(0, 120)}`;
  }
  if (typeof body.type !== 'string' || typeof body.title !== 'string' || body.status !== res.status) {
    return `${res.status} problem body lacks type/title/status: ${text.slice(0, 200)}`;
  }
  return undefined;
}

/**
 * Fuzzes every operation of the OpenAPI document in process (`app.request`) with fast-check-generated
 * requests, and checks what the API promises for any input: never a 5xx or a hang; every error answer
 * is problem+json (or the media type the operation documents for it) with type, title and status; a
 * refused (4xx) request leaves every table of the database exactly as it was; a JSON answer parses; and
 * a JSON body that is not UTF-8 is never accepted.
 */
export async function fuzzRoutes(options: FuzzOptions): Promise<FuzzReport> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const { t, partner, userId, revokedKey, editorCookie, known } = await fuzzFixture();
  try {
    const doc = (await (await t.app.request('/openapi.json')).json()) as OpenApiDoc;
    const operations = operationsOf(doc);
    const arbitrary = fc.constantFrom(...operations).chain((op) => requestArbitrary(op, known));
    const findings: FuzzFinding[] = [];
    const byStatus: Record<string, number> = {};
    const byOperation: Record<string, Record<string, number>> = {};
    let done = 0;
    // Work a request started in the background (a job, a webhook) belongs to it, not to the next one.
    const settle = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      await t.lifecycle.jobs.idle();
    };

    const send = async (request: FuzzRequest) => {
      let session = '';
      const placeholders = [request.url, ...Object.values(request.headers)].join(' ');
      if (request.credential === 'session' || /\{SESSION\}|%7BSESSION%7D/.test(placeholders)) {
        const res = await partner.call('/v1/sessions', { method: 'POST', body: { userId, purpose: request.sessionPurpose } });
        session = ((await res.json()) as { token: string }).token;
      }
      const etag = placeholders.includes('{ETAG}') ? ((await partner.call('/v1/config/draft')).headers.get('etag') ?? '') : '';
      const fill = (value: string) => value.replaceAll('{KEY}', partner.key).replaceAll('{SESSION}', session).replaceAll('{REVOKED}', revokedKey).replaceAll('{ETAG}', etag);
      const url = request.url.replaceAll('%7BSESSION%7D', session);
      const headers: Record<string, string> = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, fill(v)]));
      if (request.credential === 'key') headers.authorization = `Bearer ${partner.key}`;
      if (request.credential === 'session') headers.authorization = `Bearer ${session}`;
      if (request.credential === 'revoked-key') headers.authorization = `Bearer ${revokedKey}`;
      if (request.editorCookie) headers.cookie = headers.cookie ? `${headers.cookie}; ${editorCookie}` : editorCookie;

      await settle();
      const before = await snapshotDb(t.db);
      const finding = (problem: string, status?: number) => findings.push({ request, status, problem });
      let res: Response;
      try {
        res = await withTimeout(Promise.resolve(t.app.request(url, { method: request.method, headers, ...(request.body === undefined ? {} : { body: request.body }) })), timeoutMs, 'request');
      } catch (error) {
        finding(`threw or hung: ${String(error).slice(0, 300)}`);
        return;
      }
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      const counts = (byOperation[request.operation] ??= {});
      counts[res.status] = (counts[res.status] ?? 0) + 1;
      const op = operationFor(operations, request.method, new URL(url, 'http://localhost').pathname);
      // JSON is UTF-8 (RFC 8259 §8.1): a body that is not must be refused, not saved with U+FFFD in place of its bytes.
      if (res.status < 300 && op?.body && request.body instanceof Uint8Array && !isUtf8(request.body)) finding(`${res.status}: accepted a body that is not UTF-8`, res.status);
      if (res.status < 300 && /^application\/([\w.+-]+\+)?json\b/.test(res.headers.get('content-type') ?? '') && request.method !== 'HEAD') {
        const text = await withTimeout(res.text(), timeoutMs, 'reading the body').catch((error: unknown) => String(error));
        try {
          JSON.parse(text);
        } catch {
          finding(`${res.status} JSON answer that does not parse: ${text.slice(0, 200)}`, res.status);
        }
      }
      if (res.status >= 500) finding(`${res.status}: ${(await res.text().catch(() => '')).slice(0, 300)}`, res.status);
      else if (res.status >= 400) {
        const wrong = await errorAnswerProblem(res, request.method, op, timeoutMs).catch((error: unknown) => String(error));
        if (wrong) finding(wrong, res.status);
        await settle();
        const changed = changedTables(before, await snapshotDb(t.db));
        if (changed.length) finding(`${res.status} but the database changed: ${changed.join(', ')}`, res.status);
      }
      // Unread bodies (an event stream never ends) are let go.
      await res.body?.cancel().catch(() => undefined);
    };

    const started = performance.now();
    await fc.check(
      fc.asyncProperty(arbitrary, async (request) => {
        await send(request);
        done++;
        options.progress?.(done);
        return true;
      }),
      { numRuns: options.requests, seed },
    );
    return { requests: done, operations: operations.length, ms: performance.now() - started, seed, byStatus, byOperation, findings };
  } finally {
    await t.close();
  }
}

/** A finding as one readable line: operation, problem, and the request that caused it. */
export function describeFinding({ request, problem }: FuzzFinding): string {
  const body = request.body === undefined ? '' : typeof request.body === 'string' ? request.body : `bytes ${Buffer.from(request.body).toString('hex')}`;
  const headers = Object.entries(request.headers).map(([k, v]) => `${k}: ${v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v}`).join('; ');
  const url = request.url.length > 160 ? `${request.url.slice(0, 160)}…(${request.url.length})` : request.url;
  return `${request.operation}: ${problem}\n    ${request.method} ${url} [${request.credential}${request.editorCookie ? ' + editor cookie' : ''}] {${headers}} body(${request.bodyKind}, ${body.length}): ${body.slice(0, 160)}`;
}
