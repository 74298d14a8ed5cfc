import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { EditorTokensTable } from './editor.tables.js';

export type EditorTokenRow = EditorTokensTable;

export async function insertToken(db: Db, row: Omit<EditorTokenRow, 'used_at'>): Promise<void> {
  await db.insertInto('editor_tokens').values({ ...row, used_at: null }).execute();
}

/**
 * Spends a single-use editor link: one statement checks it is unused and unexpired and marks it used,
 * so two tabs opening the same link cannot both get a session.
 */
export async function spendLink(db: Db, tokenHash: string, now: string): Promise<EditorTokenRow | undefined> {
  return db.updateTable('editor_tokens').set({ used_at: now }).where(spendableLink(tokenHash, now)).returningAll().executeTakeFirst();
}

/** An editor link that could still be spent (unused, unexpired), without spending it. */
export async function findSpendableLink(db: Db, tokenHash: string, now: string): Promise<EditorTokenRow | undefined> {
  return db.selectFrom('editor_tokens').selectAll().where(spendableLink(tokenHash, now)).executeTakeFirst();
}

/** The one definition of a link that can still be spent, for the look and for the spend. */
function spendableLink(tokenHash: string, now: string) {
  return (eb: ExpressionBuilder<Database, 'editor_tokens'>) =>
    eb.and([eb('token_hash', '=', tokenHash), eb('kind', '=', 'link'), eb('used_at', 'is', null), eb('expires_at', '>', now)]);
}

/** A live (unexpired) session or preview token. */
export async function findLiveToken(db: Db, tokenHash: string, kind: 'session' | 'preview', now: string): Promise<EditorTokenRow | undefined> {
  return db
    .selectFrom('editor_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('kind', '=', kind)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Expired tokens are useless; dropping them keeps the table small. */
export async function deleteExpiredTokens(db: Db, now: string): Promise<void> {
  await db.deleteFrom('editor_tokens').where('expires_at', '<=', now).execute();
}

export async function insertImage(db: Db, image: { id: string; appId: string; contentType: string; bytes: Uint8Array; createdAt: string }): Promise<void> {
  await db
    .insertInto('editor_images')
    .values({ id: image.id, app_id: image.appId, content_type: image.contentType, bytes: image.bytes, created_at: image.createdAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function findImage(db: Db, id: string) {
  return db.selectFrom('editor_images').select(['content_type', 'bytes']).where('id', '=', id).executeTakeFirst();
}
