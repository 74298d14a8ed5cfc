/**
 * The one line logged per HTTP request. Every field is named here, so none can carry a secret: no
 * headers, no query string (hosted pages carry the session token there), no body.
 */
export interface RequestLine {
  readonly requestId: string;
  readonly method: string;
  /** The path without its query string. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  readonly appId?: string;
  /** The API key's id (never the key), when a key authenticated the request. */
  readonly keyId?: string;
  /** The session's id (never its token), when a session authenticated the request. */
  readonly sessionId?: string;
}

const RECEIPTS = '/receipts/';
const HANDOVER = '/connect/authorise/';

/**
 * The path as logged: the segment after `/receipts/` (an unguessable receipt id the end user keeps as
 * its only key) and after `/connect/authorise/` (the hand-over to the bank) is a capability, so it becomes
 * `:redacted`. Every other path costs one character test: no capability path starts with another
 * letter, and the request line is on the hot path. Query strings never reach here (the session token
 * of /connect and /manage is in the query).
 */
export function loggablePath(path: string): string {
  const first = path.charCodeAt(1);
  if (first === 114 /* r */ && path.startsWith(RECEIPTS)) return redactSegment(path, RECEIPTS.length);
  if (first === 99 /* c */ && path.startsWith(HANDOVER)) return redactSegment(path, HANDOVER.length);
  return path;
}

function redactSegment(path: string, from: number): string {
  const end = path.indexOf('/', from);
  return `${path.slice(0, from)}:redacted${end === -1 ? '' : path.slice(end)}`;
}

export const requestLineLevel = (line: RequestLine): 'info' | 'error' => (line.status >= 500 ? 'error' : 'info');

const finiteOrZero = (n: number) => (Number.isFinite(n) ? n : 0);
const optional = (name: string, value: string | undefined) => (value === undefined ? '' : `,"${name}":${JSON.stringify(value)}`);

/**
 * The line as JSON, in the shape pino gives every other entry (`{"level":…,"time":…,"msg":"request",…}`).
 * Written by hand for this one fixed shape because it runs once per request: under load the cached
 * config route logged by pino (key loop, redaction, formatters) ran at 0.81–0.85× its unlogged
 * throughput, with this line at 0.91–0.93× (docs/decisions/published-config-cache.md). Strings go
 * through JSON.stringify and numbers are checked, so even a hostile path stays one valid line.
 */
export function requestLineJson(line: RequestLine, time: string): string {
  return (
    `{"level":"${requestLineLevel(line)}","time":"${time}","msg":"request","requestId":${JSON.stringify(String(line.requestId))}` +
    `,"method":${JSON.stringify(String(line.method))},"path":${JSON.stringify(String(line.path))},"status":${finiteOrZero(Math.trunc(line.status))}` +
    `,"durationMs":${finiteOrZero(line.durationMs)}` +
    `${optional('appId', line.appId)}${optional('keyId', line.keyId)}${optional('sessionId', line.sessionId)}}\n`
  );
}
