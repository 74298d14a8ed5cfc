import type { Executor } from './consents.repository.js';
import type { Db } from '../db/database.js';
import type { AuthorisationsTable } from '../db/lifecycle-schema.js';
import { sha256Hex } from '../security/secrets.js';

export type Authorisation = AuthorisationsTable;

/** The id is the hand-over's capability (GET /connect/authorise/{id}, redacted in request lines): logs name a request by this instead. */
export const authorisationLogRef = (id: string) => `authref_${sha256Hex(id).slice(0, 16)}`;

export async function insertAuthorisation(db: Db, row: Authorisation): Promise<void> {
  await db.insertInto('authorisations').values(row).execute();
}

export async function findAuthorisation(db: Executor, id: string): Promise<Authorisation | undefined> {
  return db.selectFrom('authorisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAuthorisationByState(db: Executor, state: string): Promise<Authorisation | undefined> {
  return db.selectFrom('authorisations').selectAll().where('state', '=', state).executeTakeFirst();
}
