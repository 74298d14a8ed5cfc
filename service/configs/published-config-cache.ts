import { createHash } from 'node:crypto';
import type { InstitutionsSelection } from '../../schema/index.js';
import type { Db } from '../db/database.js';
import { findLatestVersion } from './configs.repository.js';

export interface CachedConfig {
  readonly version: number;
  /** The response body, serialised once. */
  readonly body: string;
  /** Strong ETag: the version and a hash of the exact bytes served. */
  readonly etag: string;
  /** The institutions section, parsed once for `GET /v1/apps/{appId}/institutions`. */
  readonly institutions: InstitutionsSelection;
  /** The web-font stylesheet the widget will load (`appearance.font.url`), for the hosted pages' CSP. */
  readonly fontUrl: string;
}

/**
 * Published configs held in memory, so the public config route does no query, parse or hash per
 * request (it must stay near a constant-JSON route under load). Publishing calls `invalidate`
 * (service/configs/configs.routes.ts); a miss (first request, unknown app) reads the database once.
 * Another instance's publish is found by `dropStale`, which the service runs every half second
 * (service/configs/config-sync.ts): one query over the cached apps only
 * (docs/decisions/published-config-cache.md).
 */
export class PublishedConfigCache {
  readonly #entries = new Map<string, CachedConfig>();

  constructor(private readonly db: Db) {}

  /** The cached entry, synchronously, or undefined on a miss (then call `get`). */
  peek(appId: string): CachedConfig | undefined {
    return this.#entries.get(appId);
  }

  async get(appId: string): Promise<CachedConfig | undefined> {
    const cached = this.#entries.get(appId);
    if (cached) return cached;
    const latest = await findLatestVersion(this.db, appId);
    if (!latest) return undefined;
    // Unknown ids are not remembered: anyone can request any id, and the map must not grow with them.
    const entry = toEntry(latest.version, latest.document);
    // A publish that raced this read has already invalidated; keep the newer version if one landed.
    const current = this.#entries.get(appId);
    if (current && current.version > entry.version) return current;
    this.#entries.set(appId, entry);
    return entry;
  }

  invalidate(appId: string): void {
    this.#entries.delete(appId);
  }

  /**
   * Drops every entry older than the version the database now holds (a publish or rollback through
   * another instance), so the next request reads it. Returns the apps dropped.
   */
  async dropStale(): Promise<string[]> {
    const cached = [...this.#entries];
    const dropped: string[] = [];
    // Bound the statement's parameters (SQLite allows some thousands).
    for (let i = 0; i < cached.length; i += 500) {
      const chunk = cached.slice(i, i + 500);
      const latest = await this.db
        .selectFrom('config_versions')
        .select(['app_id', (eb) => eb.fn.max('version').as('version')])
        .where('app_id', 'in', chunk.map(([appId]) => appId))
        .groupBy('app_id')
        .execute();
      const versions = new Map(latest.map((row) => [row.app_id, Number(row.version)]));
      for (const [appId, entry] of chunk) {
        const now = versions.get(appId);
        if (now !== entry.version && this.#entries.get(appId) === entry) {
          this.#entries.delete(appId);
          dropped.push(appId);
        }
      }
    }
    return dropped;
  }
}

function toEntry(version: number, document: string): CachedConfig {
  const hash = createHash('sha256').update(document).digest('base64url').slice(0, 22);
  const { institutions, appearance } = JSON.parse(document) as { institutions: InstitutionsSelection; appearance?: { font?: { url?: string } } };
  return { version, body: document, etag: `"v${version}-${hash}"`, institutions, fontUrl: appearance?.font?.url ?? '' };
}
