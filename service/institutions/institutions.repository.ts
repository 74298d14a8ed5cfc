import type { Institution, InstitutionStatus } from '../../schema/index.js';
import type { Db } from '../db/database.js';
import type { InstitutionsTable } from '../db/schema.js';

export type InstitutionRow = InstitutionsTable;

export function toInstitution(row: InstitutionRow, base: string): Institution {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    logoUrl: `${base}/logos/${row.id}.svg`,
    country: row.country,
    type: row.type,
    tier: row.tier,
    sandbox: row.sandbox === 1,
    status: row.status,
    ...(row.status_reason ? { statusReason: row.status_reason } : {}),
    statusSince: row.status_since,
  };
}

/** The whole catalogue, in display order: tier, then name. */
export async function listInstitutions(db: Db): Promise<InstitutionRow[]> {
  return db.selectFrom('institutions').selectAll().orderBy('tier').orderBy('name').execute();
}

export async function findInstitution(db: Db, id: string): Promise<InstitutionRow | undefined> {
  return db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records a status change (monitoring, or the sandbox simulating an outage); `since` is when it began. */
export async function setInstitutionStatus(db: Db, id: string, status: InstitutionStatus, reason: string | null, since: string): Promise<boolean> {
  const result = await db
    .updateTable('institutions')
    .set({ status, status_reason: status === 'operational' ? null : reason, status_since: since })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
