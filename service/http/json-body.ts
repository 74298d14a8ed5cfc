import type { Context } from 'hono';
import { Problem, validationFailed } from '../errors/problem.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * Why a Content-Type is not one this service reads as JSON, or undefined when it is:
 * `application/json` or any `application/…+json` (RFC 6839 §3.1), compared case-insensitively
 * (RFC 9110 §8.3.1), with any parameters; a charset, if given, must be UTF-8, the only encoding
 * JSON has between systems (RFC 8259 §8.1), so a body is never decoded as something it is not.
 */
export function jsonMediaTypeProblem(contentType: string | undefined): string | undefined {
  if (contentType === undefined || contentType.trim() === '') return 'The request has a body but no Content-Type; send it as "Content-Type: application/json".';
  const [essence = '', ...parameters] = contentType.split(';');
  const [type, subtype, extra] = essence.trim().toLowerCase().split('/');
  const isJson = type === 'application' && extra === undefined && subtype !== undefined && TOKEN.test(subtype) && (subtype === 'json' || subtype.endsWith('+json'));
  if (!isJson) return `${essence.trim()} is not JSON; send the body as "Content-Type: application/json".`;
  for (const parameter of parameters) {
    const at = parameter.indexOf('=');
    if (at < 0 || parameter.slice(0, at).trim().toLowerCase() !== 'charset') continue;
    const charset = parameter.slice(at + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (charset !== 'utf-8') return `JSON bodies are UTF-8; charset=${charset} is not accepted.`;
  }
  return undefined;
}

/** The one 415 answer of every JSON route. */
export const unsupportedMediaType = (detail: string) => new Problem(415, 'unsupported-media-type', 'Unsupported media type', { detail });

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The request's JSON body, parsed. The media type is checked before a byte is read, and a body that
 * is empty or not JSON is refused: nothing else ever stands in for the body (a schema of optional
 * fields would accept `{}` and save defaults). With `optional`, a request with no body at all means
 * "no fields" and reads as `{}`.
 */
export async function readJsonBody(c: Context, options: { optional?: boolean } = {}): Promise<unknown> {
  const contentType = c.req.header('content-type');
  const refused = jsonMediaTypeProblem(contentType);
  // An optional body may come without a Content-Type only if it is really absent: that needs a read.
  if (refused && !(options.optional && contentType === undefined)) throw unsupportedMediaType(refused);
  // JSON is UTF-8 (RFC 8259 §8.1): bytes that are not are refused, never replaced by U+FFFD and saved.
  let text: string;
  try {
    text = UTF8.decode(await c.req.arrayBuffer());
  } catch {
    throw validationFailed([{ path: 'body', message: 'The body is not valid UTF-8' }]);
  }
  if (text === '' && options.optional) return {};
  if (refused) throw unsupportedMediaType(refused);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validationFailed([{ path: 'body', message: text === '' ? 'The body is empty; send a JSON document' : 'The body is not valid JSON' }]);
  }
}
