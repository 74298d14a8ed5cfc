import type { Institution, InstitutionStatus } from '../../schema/index.js';
import type { Db } from '../db/database.js';
import type { InstitutionsTable } from '../db/schema.js';
import type { CatalogueEntry } from './institutions.data.js';

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

/**
 * Writes the catalogue: new entries are added, names and brands of known ones refreshed. A known
 * entry's status is left alone (it is live data), so re-seeding at every start is safe.
 */
export async function upsertCatalogue(db: Db, entries: readonly CatalogueEntry[], at: string): Promise<void> {
  for (const entry of entries) {
    await db
      .insertInto('institutions')
      .values({
        id: entry.id,
        name: entry.name,
        short_name: entry.shortName,
        country: 'AU',
        type: 'cdr',
        tier: entry.tier,
        sandbox: entry.sandbox ? 1 : 0,
        brand_color: entry.color,
        status: entry.status?.status ?? 'operational',
        status_reason: entry.status?.reason ?? null,
        status_since: at,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          short_name: eb.ref('excluded.short_name'),
          tier: eb.ref('excluded.tier'),
          sandbox: eb.ref('excluded.sandbox'),
          brand_color: eb.ref('excluded.brand_color'),
        })),
      )
      .execute();
  }
}
