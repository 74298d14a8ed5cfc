import type { Kysely } from 'kysely';

/**
 * A running job is held under a lease (docs/decisions/job-leases.md): the process that claimed it
 * (`lease_owner`) and until when (`lease_expires_at`, renewed while it runs). Another process takes the
 * job over once the lease is dead instead of after a fixed stale window. Jobs left running by a version
 * without leases have none, and are taken over at the next pass.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('lease_owner', 'text').execute();
  await db.schema.alterTable('jobs').addColumn('lease_expires_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').dropColumn('lease_expires_at').execute();
  await db.schema.alterTable('jobs').dropColumn('lease_owner').execute();
}
