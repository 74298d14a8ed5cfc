import { sql, type Kysely } from 'kysely';
import { integerType } from '../dialect.js';

/**
 * The service becomes the data recipient's client of real data holders (docs/cdr.md, security profile):
 * an authorisation carries what the protocol needs to finish it (the issuer, the PKCE verifier sealed,
 * the nonce, when the callback claimed it); a consent carries its CDR arrangement and sealed tokens; the
 * service keeps its registrations with data holders, the revocations it owes them, and (in the sandbox
 * only) the keys it made for itself. The sandbox bank's own code and one-time-password columns go.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['issuer', 'nonce', 'code_verifier', 'claimed_at', 'holder_url', 'visited_at']) {
    await db.schema.alterTable('authorisations').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('authorisations').addColumn('sharing_duration', integerType(db)).execute();
  // The state is the key the data holder's answer is found by (it carries nothing else of ours).
  await db.schema.createIndex('authorisations_state').unique().on('authorisations').column('state').execute();
  for (const column of ['stage', 'otp_attempts', 'otp_expires_at', 'code_hash', 'code_expires_at']) {
    await db.schema.alterTable('authorisations').dropColumn(column).execute();
  }

  // Where each brand's data holder is, as the Register says (Get Data Holder Brands).
  // `logo` holds the brand's logo as fetched from `logo_uri` (base64), served from the service's origin.
  for (const column of ['issuer', 'resource_base_uri', 'public_base_uri', 'logo_uri', 'logo', 'logo_type']) {
    await db.schema.alterTable('institutions').addColumn(column, 'text').execute();
  }

  await db.schema.alterTable('consents').addColumn('arrangement_id', 'text').execute();
  await db.schema.alterTable('consents').addColumn('issuer', 'text').execute();
  await db.schema.createIndex('consents_by_arrangement').on('consents').columns(['issuer', 'arrangement_id']).execute();

  await db.schema
    .createTable('arrangement_tokens')
    .addColumn('consent_id', 'text', (c) => c.primaryKey().references('consents.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('access_token', 'text', (c) => c.notNull())
    .addColumn('access_expires_at', 'text', (c) => c.notNull())
    .addColumn('refresh_token', 'text')
    // Writers compare and bump it: two refreshes at once cannot overwrite each other's tokens.
    .addColumn('version', integerType(db), (c) => c.notNull().defaultTo(1))
    // One refresh at a time across instances: whoever sets this refreshes, the others wait for its tokens.
    .addColumn('refreshing_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('holder_registrations')
    .addColumn('issuer', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('software_product_id', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('holder_revocations')
    .addColumn('consent_id', 'text', (c) => c.notNull().references('consents.id').onDelete('cascade'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('arrangement_id', 'text', (c) => c.notNull())
    // One consent may owe more than one: an amendment the holder made a new arrangement for retires the old.
    .addPrimaryKeyConstraint('holder_revocations_pk', ['consent_id', 'arrangement_id'])
    .addColumn('attempts', integerType(db), (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('holder_revocations_due').on('holder_revocations').columns(['done_at', 'next_attempt_at']).execute();

  await db.schema
    .createTable('recipient_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Requests made for the sandbox bank inside the service cannot be finished any more.
  await sql`update authorisations set status = 'failed', error_code = 'authorisation-expired', error_detail = 'The service was upgraded while this request was open. Start again.' where status in ('pending', 'authorised')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['recipient_secrets', 'holder_revocations', 'holder_registrations', 'arrangement_tokens']) await db.schema.dropTable(table).execute();
  await db.schema.dropIndex('consents_by_arrangement').execute();
  for (const column of ['issuer', 'resource_base_uri', 'public_base_uri', 'logo_uri', 'logo', 'logo_type']) await db.schema.alterTable('institutions').dropColumn(column).execute();
  await db.schema.alterTable('consents').dropColumn('issuer').execute();
  await db.schema.alterTable('consents').dropColumn('arrangement_id').execute();
  await db.schema.dropIndex('authorisations_state').execute();
  await db.schema.alterTable('authorisations').addColumn('stage', 'text', (c) => c.notNull().defaultTo('done')).execute();
  await db.schema.alterTable('authorisations').addColumn('otp_attempts', integerType(db), (c) => c.notNull().defaultTo(0)).execute();
  for (const column of ['otp_expires_at', 'code_hash', 'code_expires_at']) await db.schema.alterTable('authorisations').addColumn(column, 'text').execute();
  for (const column of ['issuer', 'nonce', 'code_verifier', 'claimed_at', 'holder_url', 'visited_at', 'sharing_duration']) await db.schema.alterTable('authorisations').dropColumn(column).execute();
}
