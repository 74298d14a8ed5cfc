import type { Kysely } from 'kysely';

/**
 * A webhook delivery is taken for an attempt by one instance (`claimed_by`, its runner id): another finds
 * it taken; a restart takes back at once what a process known to be gone had taken, and the claim's
 * expiry frees the rest (service/webhooks/webhooks.repository.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('webhook_deliveries').addColumn('claimed_by', 'text').execute();
  await db.schema.createIndex('webhook_deliveries_claimed').on('webhook_deliveries').column('claimed_by').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_claimed').execute();
  await db.schema.alterTable('webhook_deliveries').dropColumn('claimed_by').execute();
}
