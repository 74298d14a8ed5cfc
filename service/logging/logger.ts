import { pino, type DestinationStream } from 'pino';

/** A structured log entry: one JSON object per line. Never put a secret (key, token) in one. */
export type LogEntry = Record<string, unknown> & { msg: string };

export interface Logger {
  info(entry: LogEntry): void;
  warn(entry: LogEntry): void;
  error(entry: LogEntry): void;
}

/** Field names that would hold a secret: censored even if a caller slips one in (defence in depth). */
const SECRET_FIELDS = ['authorization', 'token', 'apiKey', 'key', 'secret', 'password', 'cookie'];

/**
 * JSON lines through pino: `{"level":"info","time":"…","msg":…,…}`. By default to stdout through an
 * asynchronous buffered destination (sonic-boom): lines are written in 4 KiB batches off the request
 * path, at least every `flushEveryMs` when traffic is light, and synchronously when the process exits.
 * Logging every request then costs a few per cent of the cached config route instead of a write per
 * event-loop turn (docs/decisions/published-config-cache.md).
 */
export function jsonLogger(options: { destination?: DestinationStream; now?: () => Date; flushEveryMs?: number } = {}): Logger {
  const now = options.now ?? (() => new Date());
  let destination = options.destination;
  if (!destination) {
    // periodicFlush: without it a quiet service would hold its last lines until 4 KiB had gathered.
    destination = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: options.flushEveryMs ?? 250 });
  }
  // The ISO string is made once per millisecond, not per line: under load many lines share one.
  let stampedAt = NaN;
  let stamp = '';
  const timestamp = () => {
    const at = now();
    const ms = at.getTime();
    if (ms !== stampedAt) {
      stampedAt = ms;
      stamp = `,"time":"${at.toISOString()}"`;
    }
    return stamp;
  };
  return pino(
    {
      base: undefined,
      messageKey: 'msg',
      timestamp,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_FIELDS, censor: '[redacted]' },
    },
    destination,
  );
}

/** Keeps entries in memory: for tests that check what would be logged. */
export function memoryLogger(): Logger & { entries: (LogEntry & { level: string })[] } {
  const entries: (LogEntry & { level: string })[] = [];
  const push = (level: string) => (entry: LogEntry) => void entries.push({ level, ...entry });
  return { entries, info: push('info'), warn: push('warn'), error: push('error') };
}

/** Drops everything. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
