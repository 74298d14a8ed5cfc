import type { Executor } from '../consents/consents.repository.js';
import { randomBase62, randomId } from '../security/secrets.js';
import type { WebhookEventType } from '../../schema/index.js';

export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  readonly createdAt: string;
}

export async function createEndpoint(db: Executor, appId: string, url: string, events: readonly WebhookEventType[], at: string) {
  const endpoint = { id: randomId('whk'), url, events: [...events], createdAt: at };
  // The signing secret must be readable to sign each delivery; the API shows it once, at creation.
  const secret = `whsec_${randomBase62(32)}`;
  await db.insertInto('webhook_endpoints').values({ id: endpoint.id, app_id: appId, url, events: JSON.stringify(events), secret, created_at: at, disabled_at: null }).execute();
  return { ...endpoint, secret };
}

export async function listEndpoints(db: Executor, appId: string): Promise<WebhookEndpoint[]> {
  const rows = await db.selectFrom('webhook_endpoints').selectAll().where('app_id', '=', appId).where('disabled_at', 'is', null).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, url: r.url, events: JSON.parse(r.events) as WebhookEventType[], createdAt: r.created_at }));
}

export async function disableEndpoint(db: Executor, appId: string, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('webhook_endpoints').set({ disabled_at: at }).where('id', '=', id).where('app_id', '=', appId).where('disabled_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Records an event in the outbox, one delivery per subscribed endpoint, inside the caller's transaction:
 * the event exists exactly when the change it reports was committed.
 */
export async function enqueueEvent(trx: Executor, appId: string, type: WebhookEventType, data: Record<string, unknown>, at: string): Promise<string> {
  const eventId = randomId('evt');
  const endpoints = await listEndpoints(trx, appId);
  const body = JSON.stringify({ id: eventId, type, createdAt: at, data });
  for (const endpoint of endpoints.filter((e) => e.events.includes(type))) {
    await trx
      .insertInto('webhook_deliveries')
      .values({ id: randomId('dlv'), event_id: eventId, endpoint_id: endpoint.id, app_id: appId, event_type: type, body, attempts: 0, next_attempt_at: at, delivered_at: null, failed_at: null, last_error: null, created_at: at })
      .execute();
  }
  return eventId;
}

export async function listDeliveries(db: Executor, appId: string, endpointId: string) {
  return db
    .selectFrom('webhook_deliveries')
    .select(['id', 'event_id as eventId', 'event_type as eventType', 'attempts', 'next_attempt_at as nextAttemptAt', 'delivered_at as deliveredAt', 'failed_at as failedAt', 'last_error as lastError', 'created_at as createdAt'])
    .where('app_id', '=', appId)
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}
