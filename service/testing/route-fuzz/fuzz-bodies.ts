import fc from 'fast-check';
import { brokenConfigInput, validConfigInput } from '../../../schema/testing/config-arbitraries.js';
import type { FuzzOperation, KnownValues } from './fuzz-requests.js';
import { jsonSchemaArbitrary } from './json-schema-arbitrary.js';

/** Text a header value may hold (Latin-1, no controls), mostly ASCII. */
export const latin1 = (maxLength: number) =>
  fc.string({ unit: fc.oneof({ arbitrary: fc.integer({ min: 0x20, max: 0x7e }), weight: 9 }, { arbitrary: fc.integer({ min: 0xa0, max: 0xff }), weight: 1 }).map((c) => String.fromCharCode(c)), maxLength });

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-16', 'application/json;charset=latin1', 'APPLICATION/JSON',
  'application/vnd.api+json', 'application/problem+json', 'text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x',
  'application/octet-stream', '', ';;;', 'application/json; charset="utf-8"', 'image/png', 'application/json, text/plain', 'application/jsonx',
];

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
const IMAGES: [string, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]], ['image/jpeg', [0xff, 0xd8, 0xff]], ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]], ['image/svg+xml', [0x3c, 0x73, 0x76, 0x67]],
];
const imageBody = fc
  .tuple(fc.constantFrom(...IMAGES), fc.uint8Array({ maxLength: 64 }), fc.constantFrom(0, 0, 1000, 201 * 1024), fc.constantFrom(...IMAGES.map(([type]) => type)), fc.boolean())
  .map(([[type, magic], rest, padding, claimed, truthful]) => ({ body: Uint8Array.from([...magic, ...rest, ...new Uint8Array(padding)]), kind: 'image bytes', type: truthful ? type : claimed }));

/** A valid body with one place replaced by a value of another kind. */
function mutatedBody(valid: fc.Arbitrary<unknown>) {
  return fc.tuple(valid, fc.jsonValue({ maxDepth: 2 }), fc.nat()).map(([value, replacement, pick]) => {
    if (typeof value !== 'object' || value === null) return replacement;
    const keys = Object.keys(value);
    if (keys.length === 0) return { [`k${pick % 7}`]: replacement };
    return { ...value, [keys[pick % keys.length]!]: replacement };
  });
}

/** The body of a request to `op`: valid for its schema, broken in one place, hostile, or none. */
export function bodyOf(op: FuzzOperation, known: KnownValues): fc.Arbitrary<{ body: string | Uint8Array<ArrayBuffer> | undefined; kind: string; contentType: string }> {
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
  return bodies.chain((b) => contentType('type' in b ? b.type : 'application/json').map((type) => ({ body: b.body, kind: b.kind, contentType: b.body === undefined && type === 'application/json' ? '' : type })));
}

