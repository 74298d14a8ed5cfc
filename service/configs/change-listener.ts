import pg from 'pg';
import { dialectOfUrl } from '../db/dialect.js';
import type { Logger } from '../logging/logger.js';

/** The channel the database's triggers notify on (migration 2026-12-05T06-00-change-notices). */
export const CHANGES_CHANNEL = 'consent_ui_changes';

/**
 * On PostgreSQL, calls `onChange` as soon as any instance publishes or saves a draft (LISTEN on one
 * connection of its own, outside the pool), reconnecting after a second when the connection drops; the
 * poll in config-sync.ts still runs, so a notice missed meanwhile costs one interval, not correctness.
 * On SQLite there is nothing to listen to. Returns a function that stops listening.
 */
export function listenForChanges(databaseUrl: string, onChange: (table: string, appId: string) => void, log: Logger): () => Promise<void> {
  if (dialectOfUrl(databaseUrl) !== 'postgres') return async () => undefined;
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      const [table = '', appId = ''] = (message.payload ?? '').split(':');
      onChange(table, appId);
    });
    next.on('error', (error) => {
      log.warn({ msg: 'change listener lost its connection', error: error.message });
      again();
    });
    next.on('end', again);
    client = next;
    try {
      await next.connect();
      await next.query(`listen ${CHANGES_CHANNEL}`);
      // What changed while no one listened is found by looking once now.
      onChange('', '');
    } catch (error) {
      log.warn({ msg: 'change listener could not connect', error: (error as Error).message });
      again();
    }
  };
  function again() {
    if (stopped || retry) return;
    client?.removeAllListeners();
    void client?.end().catch(() => undefined);
    client = undefined;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1_000);
    retry.unref();
  }
  void connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const last = client;
    client = undefined;
    last?.removeAllListeners();
    await last?.end().catch(() => undefined);
  };
}
