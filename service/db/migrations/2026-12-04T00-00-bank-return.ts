import { sql, type Kysely } from 'kysely';

/**
 * The bank returns to the service's own callback (docs/decisions/bank-return.md): each authorisation
 * records how the end user went to the bank (`mode`), the callback the bank returns to (`redirect_uri`),
 * and the one-time reference the callback hands the partner's page instead of the bank's code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('authorisations')
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('redirect').check(sql`mode in ('redirect', 'popup')`))
    .execute();
  await db.schema.alterTable('authorisations').addColumn('redirect_uri', 'text').execute();
  await db.schema.alterTable('authorisations').addColumn('result_ref', 'text').execute();
  await db.schema.createIndex('authorisations_result_ref').unique().on('authorisations').column('result_ref').execute();
  // Popup requests in flight already returned to the callback: they keep doing so, as popups.
  await sql`update authorisations set mode = 'popup', redirect_uri = return_url where return_url like '%/connect/callback'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('authorisations_result_ref').execute();
  await db.schema.alterTable('authorisations').dropColumn('result_ref').execute();
  await db.schema.alterTable('authorisations').dropColumn('redirect_uri').execute();
  await db.schema.alterTable('authorisations').dropColumn('mode').execute();
}
