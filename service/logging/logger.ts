import { pino, type DestinationStream } from 'pino';
import { requestLineJson, requestLineLevel, type RequestLine } from './request-line.js';

/** A structured log entry: one JSON object per line. Never put a secret (key, token) in one. */
export type LogEntry = Record<string, unknown> & { msg: string };

export interface Logger {
  info(entry: LogEntry): void;
  warn(entry: LogEntry): void;
  error(entry: LogEntry): void;
  /** The one line per HTTP request (info, or error for a 5xx). */
  request(line: RequestLine): void;
}

/**
 * Top-level field names that would hold a secret: censored even if a caller slips one in (defence in
 * depth; no entry nests headers or credentials). Top level only: nested paths (`headers.token`) doubled
 * the cost of a line and a wildcard (`*.token`) made it ~10 µs, more than the cached config route's
 * whole answer.
 */
const SECRET_FIELDS = ['authorization', 'token', 'apiKey', 'key', 'secret', 'password', 'cookie'];

/**
 * JSON lines through pino: `{"level":"info","time":"…","msg":…,…}`, by default to stdout through
 * `batchedStdout`. Request lines, one per request with fixed non-secret fields, skip pino's general
 * serialisation (`requestLineJson`): under load it cost the cached config route 15–19% of its
 * throughput, against 7–9% for that line (docs/decisions/published-config-cache.md).
 */
export function jsonLogger(options: { destination?: DestinationStream; now?: () => Date } = {}): Logger {
  const now = options.now ?? (() => new Date());
  const destination = options.destination ?? batchedStdout();
  // The ISO string is made once per millisecond, not per line: under load many lines share one.
  let stampedAt = NaN;
  let iso = '';
  const isoTime = () => {
    const at = now();
    const ms = at.getTime();
    if (ms !== stampedAt) {
      stampedAt = ms;
      iso = at.toISOString();
    }
    return iso;
  };
  const entries = pino(
    {
      base: undefined,
      messageKey: 'msg',
      timestamp: () => `,"time":"${isoTime()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_FIELDS, censor: '[redacted]' },
    },
    destination,
  );
  return {
    info: (entry) => entries.info(entry),
    warn: (entry) => entries.warn(entry),
    error: (entry) => entries.error(entry),
    request: (line) => void destination.write(requestLineJson(line, isoTime())),
  };
}

/**
 * Lines gathered into writes of about `maxBytes` (counted in characters), flushed at least every
 * `flushEveryMs` when traffic is light and when the process exits (a SIGKILL loses at most that much).
 * pino's own sonic-boom destination cost 1.7 µs (sync) to 4 µs (async) a line here against 0.2 µs for
 * this: a tenth of the cached config route's time. Writes go through `process.stdout`, synchronous for
 * files and pipes on Linux, so nothing is lost at a normal exit.
 */
export function batchedStdout(options: { maxBytes?: number; flushEveryMs?: number; write?: (chunk: string) => void } = {}): DestinationStream & { flush(): void } {
  const maxBytes = options.maxBytes ?? 16 * 1024;
  const write = options.write ?? ((chunk: string) => void process.stdout.write(chunk));
  let lines: string[] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    const chunk = lines.join('');
    lines = [];
    size = 0;
    write(chunk);
  };
  setInterval(flush, options.flushEveryMs ?? 250).unref();
  process.once('exit', flush);
  return {
    write(line: string) {
      lines.push(line);
      size += line.length;
      if (size >= maxBytes) flush();
    },
    flush,
  };
}

/** Keeps entries in memory: for tests that check what would be logged. */
export function memoryLogger(): Logger & { entries: (LogEntry & { level: string })[] } {
  const entries: (LogEntry & { level: string })[] = [];
  const push = (level: string) => (entry: LogEntry) => void entries.push({ level, ...entry });
  return { entries, info: push('info'), warn: push('warn'), error: push('error'), request: (line) => void entries.push({ level: requestLineLevel(line), msg: 'request', ...line }) };
}

/** Drops everything. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {}, request: () => {} };
