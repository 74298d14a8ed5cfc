import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { findLatestVersion } from './configs.repository.js';

export interface CachedConfig {
  readonly version: number;
  /** The response body, serialised once. */
  readonly body: string;
  /** Strong ETag: the version and a hash of the exact bytes served. */
  readonly etag: string;
}

/**
 * Published configs held in memory, so the public config route does no query, parse or hash per
 * request (issue 3: it must stay near a constant-JSON route under load). Publishing calls
 * `invalidate`; a miss (first request, unknown app) reads the database once.
 * One process owns the database file, so in-process invalidation is complete.
 */
export class PublishedConfigCache {
  readonly #entries = new Map<string, CachedConfig | null>();

  constructor(private readonly db: Db) {}

  async get(appId: string): Promise<CachedConfig | undefined> {
    const cached = this.#entries.get(appId);
    if (cached !== undefined) return cached ?? undefined;
    const latest = await findLatestVersion(this.db, appId);
    const entry = latest ? toEntry(latest.version, latest.document) : null;
    // Unknown ids are not remembered: anyone can request any id, and the map must not grow with them.
    if (entry) this.#entries.set(appId, entry);
    return entry ?? undefined;
  }

  invalidate(appId: string): void {
    this.#entries.delete(appId);
  }
}

function toEntry(version: number, document: string): CachedConfig {
  const hash = createHash('sha256').update(document).digest('base64url').slice(0, 22);
  return { version, body: document, etag: `"v${version}-${hash}"` };
}
