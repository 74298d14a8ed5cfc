import { sql, type Kysely } from 'kysely';
import { integerType } from '../dialect.js';

/** Issue 3: API keys, end users, sessions and the institution catalogue. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    // SHA-256 of the whole key; the key itself is never stored (docs/decisions/api-keys-and-session-tokens.md).
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_keys_app_idx').on('api_keys').columns(['app_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('mobile', 'text')
    .addColumn('reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_app_idx').on('users').columns(['app_id', 'created_at', 'id']).execute();
  // The partner's own reference names one person within its application (a duplicate is a 409).
  await db.schema.createIndex('users_reference_uq').on('users').columns(['app_id', 'reference']).unique().where(sql.ref('reference'), 'is not', null).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('app_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('connect', 'manage', 'extend')`))
    .addColumn('state', 'text')
    // The consent an `extend` session amends; the consents table (issue 5) comes later, so no FK here.
    .addColumn('consent_id', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('spent_at', 'text')
    .addColumn('invalidated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_purpose_idx').on('sessions').columns(['app_id', 'user_id', 'purpose']).execute();

  await db.schema
    .createTable('institutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('cdr', 'open-banking')`))
    .addColumn('tier', integerType(db), (c) => c.notNull())
    .addColumn('sandbox', integerType(db), (c) => c.notNull().defaultTo(0))
    .addColumn('brand_color', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('operational').check(sql`status in ('operational', 'degraded', 'down')`))
    .addColumn('status_reason', 'text')
    .addColumn('status_since', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('institutions').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('users').execute();
  await db.schema.dropTable('api_keys').execute();
}
