import { sql, type Kysely } from 'kysely';
import { dialectOf, integerType } from '../dialect.js';

/**
 * The consent lifecycle: bank authorisations, consents with their append-only events and a current-state
 * projection, the recipient's copy of shared data, connection jobs, and the webhook outbox.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('authorisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('connect', 'extend')`))
    .addColumn('consent_id', 'text')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('clusters', 'text', (c) => c.notNull())
    .addColumn('config_version', integerType(db), (c) => c.notNull())
    .addColumn('return_url', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'authorised', 'failed', 'cancelled', 'exchanged')`))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('customer_login', 'text')
    .addColumn('otp_attempts', integerType(db), (c) => c.notNull().defaultTo(0))
    .addColumn('otp_expires_at', 'text')
    .addColumn('account_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('error_code', 'text')
    .addColumn('error_detail', 'text')
    .addColumn('code_hash', 'text')
    .addColumn('code_expires_at', 'text')
    .addColumn('code_used_at', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('job_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('customer_login', 'text', (c) => c.notNull())
    .addColumn('receipt_id', 'text', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('consents_idempotency', ['app_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('consents_by_user').on('consents').columns(['app_id', 'user_id']).execute();

  await db.schema
    .createTable('consent_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consent_id', 'text', (c) => c.notNull().references('consents.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('granted', 'amended', 'revoked', 'expired', 'data-deleted', 'data-deidentified', 'warned')`))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    // Insertion order within one instant: SQLite has its rowid, PostgreSQL this (service/db/dialect.ts).
    .$call((t) => (postgres ? t.addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity()) : t))
    .execute();
  await db.schema.createIndex('consent_events_by_consent').on('consent_events').columns(['consent_id', 'at']).execute();
  // The audit trail is append-only: the database itself refuses edits and deletions of events.
  if (postgres) {
    await sql`create function consent_events_append_only() returns trigger language plpgsql as $$ begin raise exception 'consent events are append-only'; end $$`.execute(db);
    await sql`create trigger consent_events_no_update before update on consent_events for each row execute function consent_events_append_only()`.execute(db);
  } else {
    await sql`create trigger consent_events_no_update before update on consent_events begin select raise(abort, 'consent events are append-only'); end`.execute(db);
  }

  await db.schema
    .createTable('consent_states')
    .addColumn('consent_id', 'text', (c) => c.primaryKey().references('consents.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'expired', 'revoked')`))
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('sharing_end', 'text', (c) => c.notNull())
    .addColumn('warned_at', 'text')
    .addColumn('data_handled', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consent_states_by_end').on('consent_states').columns(['status', 'sharing_end']).execute();

  await db.schema
    .createTable('accounts')
    // One copy per consent: two active consents over the same account must not share (and so delete)
    // each other's rows. `id` is the stable account id partners see; the key is (consent, id).
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('consent_id', 'text', (c) => c.notNull().references('consents.id').onDelete('cascade'))
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('holder_account_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('refreshed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('accounts_pk', ['consent_id', 'id'])
    .execute();
  await db.schema.createIndex('accounts_by_user').on('accounts').columns(['app_id', 'user_id']).execute();

  await db.schema
    .createTable('transactions')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('consent_id', 'text', (c) => c.notNull().references('consents.id').onDelete('cascade'))
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('transactions_pk', ['consent_id', 'id'])
    .execute();
  await db.schema.createIndex('transactions_by_user').on('transactions').columns(['app_id', 'user_id', 'posted_at']).execute();

  // Records kept after data is de-identified: no link to a person, only what is needed for aggregates.
  await db.schema
    .createTable('deidentified_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('posted_month', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('consent_id', 'text', (c) => c.notNull().references('consents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('connect', 'refresh', 'extend')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'succeeded', 'failed')`))
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('error_detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_by_status').on('jobs').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attempts', integerType(db), (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('failed_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['delivered_at', 'failed_at', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['webhook_deliveries', 'webhook_endpoints', 'jobs', 'deidentified_transactions', 'transactions', 'accounts', 'consent_states', 'consent_events', 'consents', 'authorisations']) {
    await db.schema.dropTable(table).execute();
  }
  if (dialectOf(db) === 'postgres') await sql`drop function consent_events_append_only()`.execute(db);
}
