import type { Config } from '../../schema/index.js';
import type { Db } from '../db/database.js';
import { lockRow } from '../db/dialect.js';

export interface PublishedVersion {
  readonly appId: string;
  readonly version: number;
  /** The document exactly as stored: already validated and defaulted at publish time. */
  readonly document: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
}

/** The live config: the highest published version. */
export async function findLatestVersion(db: Db, appId: string): Promise<PublishedVersion | undefined> {
  const row = await db
    .selectFrom('config_versions')
    .selectAll()
    .where('app_id', '=', appId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { appId: row.app_id, version: row.version, document: row.document, publishedAt: row.published_at, publishedBy: row.published_by };
}

/** Writes the draft; the caller has validated `config` with the shared schema. */
export async function upsertDraft(db: Db, appId: string, config: Config, at: string, by: string): Promise<number> {
  const row = await db
    .insertInto('config_drafts')
    .values({ app_id: appId, document: JSON.stringify(config), revision: 1, updated_at: at, updated_by: by })
    .onConflict((oc) =>
      oc.column('app_id').doUpdateSet((eb) => ({
        document: eb.ref('excluded.document'),
        revision: eb('config_drafts.revision', '+', 1),
        updated_at: eb.ref('excluded.updated_at'),
        updated_by: eb.ref('excluded.updated_by'),
      })),
    )
    .returning('revision')
    .executeTakeFirstOrThrow();
  return row.revision;
}

/** Snapshots the current draft as the next version, atomically; returns the new version number. */
export async function publishDraft(db: Db, appId: string, at: string, by: string): Promise<number> {
  return db.transaction().execute(async (trx) => (await snapshotDraft(trx, appId, at, by)).version);
}

/**
 * Inside a transaction: copies the draft into the next version. Returns the version and whether the
 * draft already equals the latest version (then nothing is written unless `force`).
 */
export async function snapshotDraft(trx: Db, appId: string, at: string, by: string, options: { skipIfUnchanged?: boolean } = {}) {
  // Two publishes at once would both take the same next version number.
  await lockRow(trx, 'config_drafts', 'app_id', appId);
  const draft = await trx.selectFrom('config_drafts').select(['document', 'revision']).where('app_id', '=', appId).executeTakeFirstOrThrow();
  const latest = await trx.selectFrom('config_versions').select(['version', 'document']).where('app_id', '=', appId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (options.skipIfUnchanged && latest && latest.document === draft.document) {
    return { version: latest.version, unchanged: true, draftRevision: draft.revision };
  }
  const version = (latest?.version ?? 0) + 1;
  await trx.insertInto('config_versions').values({ app_id: appId, version, document: draft.document, published_at: at, published_by: by }).execute();
  return { version, unchanged: false, draftRevision: draft.revision };
}

export interface DraftRow {
  readonly document: string;
  readonly revision: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export async function findDraft(db: Db, appId: string): Promise<DraftRow | undefined> {
  const row = await db.selectFrom('config_drafts').selectAll().where('app_id', '=', appId).executeTakeFirst();
  return row && { document: row.document, revision: row.revision, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

/**
 * Replaces the draft only if it is still at `expectedRevision` (optimistic concurrency: the check and
 * the write are one statement). Returns the new draft, or undefined when someone saved in between.
 */
export async function replaceDraftIfRevision(db: Db, appId: string, document: string, expectedRevision: number, at: string, by: string): Promise<DraftRow | undefined> {
  const row = await db
    .updateTable('config_drafts')
    .set((eb) => ({ document, revision: eb('revision', '+', 1), updated_at: at, updated_by: by }))
    .where('app_id', '=', appId)
    .where('revision', '=', expectedRevision)
    .returningAll()
    .executeTakeFirst();
  return row && { document: row.document, revision: row.revision, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

export async function listVersions(db: Db, appId: string, page: { limit: number; before?: number }) {
  let query = db.selectFrom('config_versions').select(['version', 'published_at', 'published_by']).where('app_id', '=', appId);
  if (page.before !== undefined) query = query.where('version', '<', page.before);
  return query.orderBy('version', 'desc').limit(page.limit + 1).execute();
}

export async function findVersion(db: Db, appId: string, version: number): Promise<PublishedVersion | undefined> {
  const row = await db.selectFrom('config_versions').selectAll().where('app_id', '=', appId).where('version', '=', version).executeTakeFirst();
  return row && { appId: row.app_id, version: row.version, document: row.document, publishedAt: row.published_at, publishedBy: row.published_by };
}
