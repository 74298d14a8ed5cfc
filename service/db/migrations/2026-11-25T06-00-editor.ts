import { sql, type Kysely } from 'kysely';
import { bytesType } from '../dialect.js';

/** The editor: its links, sessions and preview links (hashed tokens), and uploaded header images. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('editor_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('link', 'session', 'preview')`))
    .addColumn('app_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('editor_tokens_expiry').on('editor_tokens').column('expires_at').execute();

  await db.schema
    .createTable('editor_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', bytesType(db), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('editor_images').execute();
  await db.schema.dropTable('editor_tokens').execute();
}
