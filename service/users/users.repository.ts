import type { CreateUser, PageQuery, User } from '../../schema/index.js';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/dialect.js';
import type { UsersTable } from '../db/schema.js';
import { Problem } from '../errors/problem.js';
import { afterCursor, toPage } from '../http/pagination.js';
import { randomId } from '../security/secrets.js';

const toUser = (row: UsersTable): User => ({ id: row.id, email: row.email, mobile: row.mobile, reference: row.reference, createdAt: row.created_at });

/** Adds an end user to an application; a reference already used in that application is a 409. */
export async function createUser(db: Db, appId: string, input: CreateUser, at: string): Promise<User> {
  const row: UsersTable = { id: randomId('usr'), app_id: appId, email: input.email ?? null, mobile: input.mobile ?? null, reference: input.reference ?? null, created_at: at };
  try {
    await db.insertInto('users').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new Problem(409, 'duplicate-reference', 'Reference already used', {
        detail: 'Another user of this application has this reference.',
        errors: [{ path: 'body.reference', message: 'Already used by another user' }],
      });
    }
    throw error;
  }
  return toUser(row);
}

/** The user, only if it belongs to this application: another application's id reads as unknown. */
export async function findUser(db: Db, appId: string, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('app_id', '=', appId).where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

/** A page of the application's users, oldest first; with `reference`, only the user holding it. */
export async function listUsers(db: Db, appId: string, page: PageQuery & { reference?: string | undefined }) {
  let query = db.selectFrom('users').selectAll().where('app_id', '=', appId);
  if (page.reference !== undefined) query = query.where('reference', '=', page.reference);
  if (page.cursor) query = query.where(afterCursor(page.cursor, 'created_at', 'id', { time: 'asc', id: 'asc' }));
  const rows = await query.orderBy('created_at').orderBy('id').limit(page.limit + 1).execute();
  return toPage(rows, page.limit, toUser, (row) => [row.created_at, row.id]);
}
