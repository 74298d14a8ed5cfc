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

/** 5xx answers are logged as errors, the rest as info. */
export const requestLineLevel = (line: RequestLine): 'info' | 'error' => (line.status >= 500 ? 'error' : 'info');

const optional = (name: string, value: string | undefined) => (value === undefined ? '' : `,"${name}":${JSON.stringify(value)}`);

/**
 * The line as JSON, in the shape pino gives every other entry (`{"level":…,"time":…,"msg":"request",…}`).
 * Written by hand for this one fixed shape because it runs once per request: pino's general
 * serialisation (key loop, redaction, formatters) cost 8–10% of the cached config route's throughput
 * under load, this ~1% (docs/decisions/published-config-cache.md). Strings go through JSON.stringify,
 * so a path with quotes or control characters stays one valid line.
 */
export function requestLineJson(line: RequestLine, time: string): string {
  return (
    `{"level":"${requestLineLevel(line)}","time":"${time}","msg":"request","requestId":${JSON.stringify(line.requestId)}` +
    `,"method":${JSON.stringify(line.method)},"path":${JSON.stringify(line.path)},"status":${Math.trunc(line.status)}` +
    `,"durationMs":${Number.isFinite(line.durationMs) ? line.durationMs : 0}` +
    `${optional('appId', line.appId)}${optional('keyId', line.keyId)}${optional('sessionId', line.sessionId)}}\n`
  );
}
