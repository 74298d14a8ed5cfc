/** A structured log entry: one JSON object per line. Never put a secret (key, token) in one. */
export type LogEntry = Record<string, unknown> & { msg: string };

export interface Logger {
  info(entry: LogEntry): void;
  warn(entry: LogEntry): void;
  error(entry: LogEntry): void;
}

/**
 * JSON lines to a writer, buffered and flushed once per event-loop turn: one write per burst instead
 * of one per request, so logging every request stays cheap under load (as pino's async mode does).
 */
export function jsonLogger(write: (chunk: string) => void = (chunk) => process.stdout.write(chunk), now: () => Date = () => new Date()): Logger & { flush(): void } {
  let buffer: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (buffer.length === 0) return;
    const chunk = buffer.join('');
    buffer = [];
    write(chunk);
  };
  const emit = (level: string) => (entry: LogEntry) => {
    // The same object as {time, level, ...entry}, without copying the entry (this runs per request).
    buffer.push(`{"time":"${now().toISOString()}","level":"${level}",${JSON.stringify(entry).slice(1)}\n`);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error'), flush };
}

/** Keeps entries in memory: for tests that check what would be logged. */
export function memoryLogger(): Logger & { entries: (LogEntry & { level: string })[] } {
  const entries: (LogEntry & { level: string })[] = [];
  const push = (level: string) => (entry: LogEntry) => void entries.push({ level, ...entry });
  return { entries, info: push('info'), warn: push('warn'), error: push('error') };
}

/** Drops everything. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
