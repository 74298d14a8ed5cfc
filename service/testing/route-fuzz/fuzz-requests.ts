import fc from 'fast-check';
import { bodyOf, latin1 } from './fuzz-bodies.js';
import { jsonSchemaArbitrary, type JsonSchema } from './json-schema-arbitrary.js';

/** One operation of the OpenAPI document, as the fuzzer needs it. */
export interface FuzzOperation {
  readonly method: string;
  /** In OpenAPI form: `/v1/users/{id}`. */
  readonly path: string;
  readonly parameters: readonly { readonly name: string; readonly in: string; readonly required?: boolean; readonly schema?: JsonSchema }[];
  readonly body?: JsonSchema;
  readonly security?: 'apiKey' | 'sessionToken';
  /** Status → media type, for the statuses the operation documents. */
  readonly responses: Readonly<Record<string, readonly string[]>>;
}

/** The credential a request carries, filled in when it is sent (session tokens are minted fresh for each). */
export type Credential = 'key' | 'session' | 'revoked-key' | 'none' | 'raw';

/** A generated request, as plain data: printable when it finds a bug, and replayable. */
export interface FuzzRequest {
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly credential: Credential;
  /** Which purpose the fresh session is for, when `credential` is `session`. */
  readonly sessionPurpose: 'connect' | 'manage';
  readonly editorCookie: boolean;
  /** Header values may hold `{KEY}`, `{SESSION}`, `{REVOKED}` and `{ETAG}` (the draft's), filled in when sent. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array<ArrayBuffer> | undefined;
  readonly bodyKind: string;
}

/** Real values by path segment or property name: an existing user for `users/{id}` and `userId`. */
export type KnownValues = Readonly<Record<string, readonly string[]>>;

/** Path segments and query values as they go on the wire: bad escapes, traversal, overlong UTF-8, huge. */
const RAW_PIECES = [
  '', '%00', '%2F', '%2e%2e', '..', '%ff', '%E0%A4%A', '%', '%%', '%C0%AF', '%ED%A0%80', '..%2F..%2Fetc%2Fpasswd', ';', '%20', '+', '%0D%0AX-Injected:%201',
  'a'.repeat(5000), '9'.repeat(400), '-1', '0', '1.5', '1e309', 'NaN', 'null', '__proto__', 'constructor', 'usr_0000000000000000', 'key_0000000000000000',
  "'%20OR%201=1--", '%3Cscript%3E', '%F0%9F%98%80', '%EF%BB%BF',
];
const piece = (real: readonly string[] = []) =>
  fc.oneof(
    ...(real.length ? [{ arbitrary: fc.constantFrom(...real).map(encodeURIComponent), weight: 4 }] : []),
    { arbitrary: fc.string({ maxLength: 30 }).map(encodeURIComponent), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }).map(encodeURIComponent), weight: 1 },
    { arbitrary: fc.constantFrom(...RAW_PIECES), weight: 2 },
  );

/** `arb`, one time in `every`; null otherwise. */
const sometimes = <T>(arb: fc.Arbitrary<T>, every: number) => fc.oneof({ arbitrary: fc.constant(null), weight: every - 1 }, { arbitrary: arb, weight: 1 });

const BAD_AUTH = [
  'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer cui_test_0000000000000000000000000000', 'Bearer cus_00000000000000000000000000000000', 'bearer {KEY}',
  'Bearer  {KEY}', '{KEY}', 'Bearer {KEY}x', 'Bearer {KEY} {KEY}', 'Bearer {SESSION}', 'Bearer {REVOKED}', 'Token {KEY}', `Bearer ${'a'.repeat(10_000)}`, 'Bearer null',
];
const HEADER_VALUES = fc.oneof(latin1(40), fc.constantFrom('{ETAG}', '{ETAG}', '*', '"draft-1"', '"draft-2"', 'W/"draft-1"', '"draft-999999999999999999999"', '""', '"', 'x'.repeat(10_000), 'null', '0'));

/** The request's credential, by the operation's security: mostly valid, so requests reach the handlers. */
function credential(op: FuzzOperation): fc.Arbitrary<{ credential: Credential; authorization?: string }> {
  const valid: Credential = op.security === 'sessionToken' ? 'session' : 'key';
  return fc.oneof(
    { arbitrary: fc.constant({ credential: valid }), weight: op.security ? 14 : 4 },
    { arbitrary: fc.constant({ credential: 'none' as const }), weight: op.security ? 1 : 6 },
    { arbitrary: fc.constant({ credential: 'revoked-key' as const }), weight: 1 },
    { arbitrary: fc.oneof(fc.constantFrom(...BAD_AUTH), latin1(60)).map((authorization) => ({ credential: 'raw' as const, authorization })), weight: 3 },
  );
}

/** A generated value as query text: objects (some without a prototype, which String() cannot convert) as JSON. */
const asQueryText = (value: unknown) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

function queryOf(op: FuzzOperation, known: KnownValues): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const one = (name: string, schema: JsonSchema | undefined) =>
    fc.oneof(jsonSchemaArbitrary(schema ?? {}, known, name).map((v) => encodeURIComponent(asQueryText(v))), piece(known[name])).map((value) => `${encodeURIComponent(name)}=${value}`);
  return fc
    .tuple(
      fc.subarray(params.map((p) => p.name)).chain((names) => fc.tuple(...names.map((name) => one(name, params.find((p) => p.name === name)!.schema)))),
      sometimes(fc.tuple(piece(), piece()).map(([k, v]) => `${k}=${v}`), 5),
      sometimes(fc.constantFrom(...params.map((p) => p.name), 'limit').chain((name) => one(name, params.find((p) => p.name === name)?.schema)), 8),
    )
    .map(([documented, extra, repeated]) => [...documented, ...(extra ? [extra] : []), ...(repeated ? [repeated] : [])].join('&'))
    .map((query) => (query ? `?${query}` : ''));
}

function urlOf(op: FuzzOperation, known: KnownValues): fc.Arbitrary<string> {
  const parts = op.path.split('/');
  const segments = parts.map((part, i) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (!name) return fc.constant(part);
    return piece([...(known[name] ?? []), ...(known[parts[i - 1] ?? ''] ?? [])]);
  });
  return fc.tuple(fc.tuple(...segments).map((s) => s.join('/')), queryOf(op, known)).map(([path, query]) => path + query);
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Requests for one operation: its own method mostly, its parameters, odd headers, and bodies from valid to hostile. */
export function requestArbitrary(op: FuzzOperation, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const documentedHeaders = op.parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase());
  const odd: Record<string, fc.Arbitrary<string>> = {
    ...Object.fromEntries(documentedHeaders.map((name) => [name, HEADER_VALUES])),
    'idempotency-key': HEADER_VALUES,
    origin: fc.constantFrom('https://evil.example', 'null', 'http://localhost', 'http://localhost:3000', 'http://127.0.0.1:1'),
    'sec-fetch-site': fc.constantFrom('cross-site', 'same-origin', 'same-site', 'none', 'bogus'),
    accept: fc.constantFrom('*/*', 'text/html', 'application/json', 'application/problem+json', 'image/*', '', 'x'.repeat(2000)),
    'x-request-id': HEADER_VALUES,
    cookie: fc.oneof(latin1(60), fc.constantFrom('consent_editor=', 'consent_editor=x; consent_editor=y', `consent_editor=${'a'.repeat(5000)}`)),
    'x-forwarded-proto': fc.constantFrom('https', 'http', 'gopher'),
    'x-forwarded-host': fc.constantFrom('evil.example', 'localhost:1', ''),
  };
  // Each odd header one time in four (a documented one half the time): with all of them at once, most
  // requests would stop at a CSRF or origin check and never reach a handler.
  const optionalHeaders = fc
    .tuple(...Object.entries(odd).map(([name, value]) => sometimes(value.map((v) => [name, v] as const), documentedHeaders.includes(name) ? 2 : 4)))
    .map((pairs) => Object.fromEntries(pairs.filter((pair) => pair !== null)));
  return fc
    .record({
      method: fc.oneof({ arbitrary: fc.constant(op.method), weight: 12 }, { arbitrary: fc.constantFrom(...METHODS), weight: 1 }),
      url: urlOf(op, known),
      auth: credential(op),
      sessionPurpose: fc.constantFrom('connect' as const, 'manage' as const),
      // The editor's pages and API need the session cookie to get anywhere.
      editorCookie: /^\/(editor|preview)/.test(op.path) ? fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }) : fc.boolean(),
      headers: optionalHeaders,
      body: bodyOf(op, known),
    })
    .map(({ method, url, auth, sessionPurpose, editorCookie, headers, body }) => ({
      operation: `${op.method} ${op.path}`,
      method,
      url,
      credential: auth.credential,
      sessionPurpose,
      editorCookie,
      headers: {
        ...headers,
        ...(auth.authorization === undefined ? {} : { authorization: auth.authorization }),
        ...(body.contentType ? { 'content-type': body.contentType } : {}),
      },
      body: method === 'GET' || method === 'HEAD' ? undefined : body.body,
      bodyKind: method === 'GET' || method === 'HEAD' ? 'none' : body.kind,
    }));
}
