import type { Executor } from '../consents/consents.repository.js';
import type { Db } from '../db/database.js';
import type { AuthorisationsTable } from '../db/lifecycle-schema.js';

export type Authorisation = AuthorisationsTable;

export async function insertAuthorisation(db: Db, row: Authorisation): Promise<void> {
  await db.insertInto('authorisations').values(row).execute();
}

export async function findAuthorisation(db: Executor, id: string): Promise<Authorisation | undefined> {
  return db.selectFrom('authorisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Moves an authorisation on, but only from the stage the caller saw: a second tab or a replayed form
 * post finds the row already moved and changes nothing (returns false).
 */
export async function advanceAuthorisation(db: Db, id: string, fromStage: Authorisation['stage'], changes: Partial<Authorisation>): Promise<boolean> {
  const result = await db
    .updateTable('authorisations')
    .set(changes)
    .where('id', '=', id)
    .where('stage', '=', fromStage)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
