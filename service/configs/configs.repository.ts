import type { Config } from '../../schema/index.js';
import type { Db } from '../db/database.js';

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
  return db.transaction().execute(async (trx) => {
    const draft = await trx.selectFrom('config_drafts').select('document').where('app_id', '=', appId).executeTakeFirstOrThrow();
    const latest = await trx
      .selectFrom('config_versions')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('app_id', '=', appId)
      .executeTakeFirst();
    const version = (latest?.version ?? 0) + 1;
    await trx
      .insertInto('config_versions')
      .values({ app_id: appId, version, document: draft.document, published_at: at, published_by: by })
      .execute();
    return version;
  });
}
