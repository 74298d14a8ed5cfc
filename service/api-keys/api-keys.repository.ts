import type { ApiKey, ApiKeyScope, PageQuery } from '../../schema/index.js';
import type { Db } from '../db/database.js';
import type { ApiKeysTable, ApplicationsTable } from '../db/schema.js';
import { afterCursor, toPage } from '../http/pagination.js';
import { randomBase62, randomId, sha256Hex } from '../security/secrets.js';

/** How many characters of the secret part stay visible in `prefix`; the other 32 carry ≈190 bits. */
const VISIBLE = 8;
const SECRET_LENGTH = 40;

/**
 * A new key: `cui_test_…` for sandbox applications, `cui_live_…` for production (so a leaked key says
 * what it opens, and secret scanners can match it). Only `hash` and `prefix` are stored.
 */
export function generateApiKey(environment: ApplicationsTable['environment']) {
  const key = `cui_${environment === 'production' ? 'live' : 'test'}_${randomBase62(SECRET_LENGTH)}`;
  return { key, prefix: key.slice(0, key.length - SECRET_LENGTH + VISIBLE), hash: sha256Hex(key) };
}

export function toApiKey(row: ApiKeysTable): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: JSON.parse(row.scopes) as ApiKeyScope[],
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Creates a key for an application; the returned `key` is the only copy of the secret. */
export async function createApiKey(
  db: Db,
  input: { appId: string; environment: ApplicationsTable['environment']; name: string; scopes: readonly ApiKeyScope[]; at: string },
): Promise<ApiKey & { key: string }> {
  const { key, prefix, hash } = generateApiKey(input.environment);
  const row: ApiKeysTable = {
    id: randomId('key'),
    app_id: input.appId,
    name: input.name,
    prefix,
    key_hash: hash,
    scopes: JSON.stringify([...new Set(input.scopes)]),
    created_at: input.at,
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_keys').values(row).execute();
  return { ...toApiKey(row), key };
}

/** An application's keys, oldest first, revoked ones included (so the history stays visible). */
export async function listApiKeys(db: Db, appId: string, page: PageQuery) {
  let query = db.selectFrom('api_keys').selectAll().where('app_id', '=', appId);
  if (page.cursor) query = query.where(afterCursor(page.cursor, 'created_at', 'id', { time: 'asc', id: 'asc' }));
  const rows = await query.orderBy('created_at').orderBy('id').limit(page.limit + 1).execute();
  return toPage(rows, page.limit, toApiKey, (row) => [row.created_at, row.id]);
}

/** The key with this hash and its application, revoked or not. */
export async function findApiKeyByHash(db: Db, hash: string) {
  return db
    .selectFrom('api_keys')
    .innerJoin('applications', 'applications.id', 'api_keys.app_id')
    .select(['api_keys.id', 'api_keys.app_id', 'api_keys.name', 'api_keys.prefix', 'api_keys.scopes', 'api_keys.last_used_at', 'api_keys.revoked_at', 'applications.environment'])
    .where('api_keys.key_hash', '=', hash)
    .executeTakeFirst();
}

/** Revokes a key of this application (idempotent); undefined when the application has no such key. */
export async function revokeApiKey(db: Db, appId: string, id: string, at: string): Promise<ApiKey | undefined> {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('app_id', '=', appId).where('id', '=', id).where('revoked_at', 'is', null).execute();
  const row = await db.selectFrom('api_keys').selectAll().where('app_id', '=', appId).where('id', '=', id).executeTakeFirst();
  return row && toApiKey(row);
}

export async function recordKeyUse(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}
