import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * On PostgreSQL, a publish or a draft save tells every instance at once (NOTIFY on the channel
 * `consent_ui_changes`, payload `<table>:<app id>`), whichever process or tool made it: the instances
 * LISTEN (service/configs/change-listener.ts) and look again at once instead of at their next poll.
 * SQLite has no such thing; its instances poll (service/configs/config-sync.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`
    create function consent_ui_notify_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('consent_ui_changes', tg_table_name || ':' || new.app_id);
      return new;
    end $$`.execute(db);
  await sql`create trigger config_versions_notify after insert on config_versions for each row execute function consent_ui_notify_change()`.execute(db);
  await sql`create trigger config_drafts_notify after insert or update on config_drafts for each row execute function consent_ui_notify_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`drop trigger config_drafts_notify on config_drafts`.execute(db);
  await sql`drop trigger config_versions_notify on config_versions`.execute(db);
  await sql`drop function consent_ui_notify_change()`.execute(db);
}
