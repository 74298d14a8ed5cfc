import fc from 'fast-check';
import { brokenConfigInput, validConfigInput } from '../../../schema/testing/config-arbitraries.js';
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

const latin1 = (maxLength: number) =>
  fc.string({ unit: fc.oneof({ arbitrary: fc.integer({ min: 0x20, max: 0x7e }), weight: 9 }, { arbitrary: fc.integer({ min: 0xa0, max: 0xff }), weight: 1 }).map((c) => String.fromCharCode(c)), maxLength });

const BAD_AUTH = [
  'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer cui_test_0000000000000000000000000000', 'Bearer cus_00000000000000000000000000000000', 'bearer {KEY}',
  'Bearer  {KEY}', '{KEY}', 'Bearer {KEY}x', 'Bearer {KEY} {KEY}', 'Bearer {SESSION}', 'Bearer {REVOKED}', 'Token {KEY}', `Bearer ${'a'.repeat(10_000)}`, 'Bearer null',
];
const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-16', 'application/json;charset=latin1', 'APPLICATION/JSON',
  'application/vnd.api+json', 'application/problem+json', 'text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x',
  'application/octet-stream', '', ';;;', 'application/json; charset="utf-8"', 'image/png', 'application/json, text/plain', 'application/jsonx',
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

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | readonly number[])[]): Uint8Array<ArrayBuffer> => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)));

/** Bodies a JSON route must refuse without a 5xx: not JSON, not UTF-8, too big, too deep, or JSON of the wrong shape. */
function hostileBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<{ body: string | Uint8Array<ArrayBuffer> | undefined; kind: string }> {
  const wrap = (kind: string) => (body: string | Uint8Array<ArrayBuffer> | undefined) => ({ body, kind });
  return fc.oneof(
    fc.constantFrom(undefined, '').map(wrap('empty')),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null').map(wrap('any JSON')),
    fc.integer({ min: 250 * 1024, max: 300 * 1024 }).map((n) => `{"name":"${'x'.repeat(n)}"}`).map(wrap('huge')),
    fc.constantFrom(1_000, 100_000, 1_000_000).chain((depth) => fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, `{"consent":${'['.repeat(depth)}${']'.repeat(depth)}}`)).map(wrap('deep')),
    fc.constantFrom(
      bytes('{"name":"', [0xff, 0xfe], '"}'), bytes('{"name":"', [0xc0, 0xaf], '"}'), bytes('{"name":"', [0xed, 0xa0, 0x80], '"}'), bytes('{"name":"', [0xe2, 0x82]),
      bytes([0xef, 0xbb, 0xbf], '{}'), bytes([0xfe, 0xff, 0, 0x7b, 0, 0x7d]), bytes([0, 0, 0, 0]),
    ).map(wrap('invalid UTF-8')),
    // A body that would pass but for one byte: only its decoding stands between it and a saved row.
    fc.tuple(valid, fc.constantFrom<readonly number[]>([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80])).map(([v, bad]) => {
      const json = JSON.stringify(v) ?? 'null';
      const at = json.indexOf('":"') + 3;
      return at > 2 ? bytes(json.slice(0, at), bad, json.slice(at)) : bytes(json, bad);
    }).map(wrap('invalid UTF-8 in a valid body')),
    fc.constantFrom('not json', '{"a":', 'a=1&b=2', '<xml/>', 'null', 'true', '1e999', '"str"', '[]', '{}', '\u0000', '{"a":1}garbage', "{'a':1}", '{"a":NaN}', '{"a":1,}').map(wrap('not an object')),
    valid.map((v) => JSON.stringify(v)).map((json) => json.replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},').replace(/,}$/, '}')).map(wrap('prototype keys')),
    valid.map((v) => { const json = JSON.stringify(v); return json.length > 2 ? json.replace(/^\{("[^"]+":)/, '{$1null,$1') : json; }).map(wrap('duplicate keys')),
  );
}

/** Image-like bytes: each format's magic, then anything, under whatever type is claimed. */
const IMAGE_MAGIC = [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0xff, 0xd8, 0xff], [0x47, 0x49, 0x46, 0x38], [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50], [0x3c, 0x73, 0x76, 0x67]];
const imageBody = fc
  .tuple(fc.constantFrom(...IMAGE_MAGIC), fc.uint8Array({ maxLength: 64 }), fc.constantFrom(0, 0, 1000, 201 * 1024))
  .map(([magic, rest, padding]) => ({ body: Uint8Array.from([...magic, ...rest, ...new Uint8Array(padding)]), kind: 'image bytes' }));

/** A valid body with one place replaced by a value of another kind. */
function mutatedBody(valid: fc.Arbitrary<unknown>) {
  return fc.tuple(valid, fc.jsonValue({ maxDepth: 2 }), fc.nat()).map(([value, replacement, pick]) => {
    if (typeof value !== 'object' || value === null) return replacement;
    const keys = Object.keys(value);
    if (keys.length === 0) return { [`k${pick % 7}`]: replacement };
    return { ...value, [keys[pick % keys.length]!]: replacement };
  });
}

function bodyOf(op: FuzzOperation, known: KnownValues): fc.Arbitrary<{ body: string | Uint8Array<ArrayBuffer> | undefined; kind: string; contentType: string }> {
  const form = op.parameters.filter((p) => p.in === 'form');
  const contentType = (usual: string) => fc.oneof({ arbitrary: fc.constant(usual), weight: 6 }, { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 1 });
  if (form.length) {
    const fields = fc.record(Object.fromEntries(form.map((p) => [p.name, fc.oneof(...(known[p.name]?.length ? [fc.constantFrom(...known[p.name]!)] : []), latin1(200))])), { requiredKeys: [] });
    return fc.tuple(fc.oneof(fields.map((f) => ({ body: new URLSearchParams(f as Record<string, string>).toString(), kind: 'form' })), hostileBody(fields)), contentType('application/x-www-form-urlencoded'))
      .map(([b, type]) => ({ ...b, contentType: type }));
  }
  if (!op.body && op.method === 'GET') return fc.constant({ body: undefined, kind: 'none', contentType: '' });
  // The config routes take the whole config: its own arbitraries get past the schema, and break it in one place.
  const valid = op.path.endsWith('/draft') ? (validConfigInput as fc.Arbitrary<unknown>) : jsonSchemaArbitrary(op.body ?? { type: 'object' }, known);
  const json = (kind: string) => (v: unknown) => ({ body: JSON.stringify(v), kind });
  const bodies = fc.oneof(
    { arbitrary: valid.map(json('valid')), weight: op.body ? 5 : 1 },
    { arbitrary: (op.path.endsWith('/draft') ? brokenConfigInput.map((b) => b.input) : mutatedBody(valid)).map(json('one place wrong')), weight: op.body ? 3 : 1 },
    { arbitrary: hostileBody(valid), weight: 3 },
    { arbitrary: imageBody, weight: op.path.includes('image') ? 6 : 1 },
    { arbitrary: fc.constant({ body: undefined, kind: 'none' }), weight: op.body ? 1 : 4 },
  );
  const usualType = op.path.includes('image') ? fc.constantFrom('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml') : fc.constant('application/json');
  return fc.tuple(bodies, usualType.chain(contentType)).map(([b, type]) => ({ ...b, contentType: b.body === undefined && type === 'application/json' ? '' : type }));
}

function queryOf(op: FuzzOperation, known: KnownValues): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const one = (name: string, schema: JsonSchema | undefined) =>
    fc.oneof(jsonSchemaArbitrary(schema ?? {}, known, name).map((v) => encodeURIComponent(String(v))), piece(known[name])).map((value) => `${encodeURIComponent(name)}=${value}`);
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
  const optionalHeaders = fc.record(
    {
      ...Object.fromEntries(documentedHeaders.map((name) => [name, HEADER_VALUES])),
      'idempotency-key': HEADER_VALUES,
      origin: fc.constantFrom('https://evil.example', 'null', 'http://localhost', 'http://localhost:3000', 'http://127.0.0.1:1'),
      'sec-fetch-site': fc.constantFrom('cross-site', 'same-origin', 'same-site', 'none', 'bogus'),
      accept: fc.constantFrom('*/*', 'text/html', 'application/json', 'application/problem+json', 'image/*', '', 'x'.repeat(2000)),
      'x-request-id': HEADER_VALUES,
      cookie: fc.oneof(latin1(60), fc.constantFrom('consent_editor=', 'consent_editor=x; consent_editor=y', `consent_editor=${'a'.repeat(5000)}`)),
      'x-forwarded-proto': fc.constantFrom('https', 'http', 'gopher'),
      'x-forwarded-host': fc.constantFrom('evil.example', 'localhost:1', ''),
    },
    { requiredKeys: [] },
  );
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
        ...(headers as Record<string, string>),
        ...(auth.authorization === undefined ? {} : { authorization: auth.authorization }),
        ...(body.contentType ? { 'content-type': body.contentType } : {}),
      },
      body: method === 'GET' || method === 'HEAD' ? undefined : body.body,
      bodyKind: method === 'GET' || method === 'HEAD' ? 'none' : body.kind,
    }));
}
