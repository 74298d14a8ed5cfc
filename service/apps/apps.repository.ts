import type { Db } from '../db/database.js';
import type { ApplicationsTable } from '../db/schema.js';

export interface Application {
  readonly id: string;
  readonly name: string;
  readonly environment: ApplicationsTable['environment'];
  readonly allowedOrigins: readonly string[];
  readonly createdAt: string;
}

function toApplication(row: ApplicationsTable): Application {
  return {
    id: row.id,
    name: row.name,
    environment: row.environment,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    createdAt: row.created_at,
  };
}

export async function insertApplication(db: Db, app: Application): Promise<void> {
  await db
    .insertInto('applications')
    .values({
      id: app.id,
      name: app.name,
      environment: app.environment,
      allowed_origins: JSON.stringify(app.allowedOrigins),
      created_at: app.createdAt,
    })
    .execute();
}

export async function findApplication(db: Db, id: string): Promise<Application | undefined> {
  const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toApplication(row);
}
