import { sql } from 'kysely';
import type { Executor } from '../consents/consents.repository.js';
import type { WebhookEndpointsTable } from '../db/lifecycle-schema.js';
import { afterCursor, toPage } from '../http/pagination.js';
import { randomBase62, randomId } from '../security/secrets.js';
import type { PageQuery, WebhookEventType } from '../../schema/index.js';

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

const toEndpoint = (r: WebhookEndpointsTable): WebhookEndpoint => ({ id: r.id, url: r.url, events: JSON.parse(r.events) as WebhookEventType[], createdAt: r.created_at });

/** Every live endpoint of an application (the outbox fans an event out to them). */
export async function listEndpoints(db: Executor, appId: string): Promise<WebhookEndpoint[]> {
  const rows = await db.selectFrom('webhook_endpoints').selectAll().where('app_id', '=', appId).where('disabled_at', 'is', null).orderBy('created_at').orderBy('id').execute();
  return rows.map(toEndpoint);
}

/** A page of an application's live endpoints, oldest first. */
export async function listEndpointsPage(db: Executor, appId: string, page: PageQuery) {
  let query = db.selectFrom('webhook_endpoints').selectAll().where('app_id', '=', appId).where('disabled_at', 'is', null);
  if (page.cursor) query = query.where(afterCursor(page.cursor, 'created_at', 'id', { time: 'asc', id: 'asc' }));
  const rows = await query.orderBy('created_at').orderBy('id').limit(page.limit + 1).execute();
  return toPage(rows, page.limit, toEndpoint, (r) => [r.created_at, r.id]);
}

/**
 * True when the endpoint is this application's (removed ones included: their delivery history stays
 * readable). Another application's id reads as unknown.
 */
export async function endpointExists(db: Executor, appId: string, id: string): Promise<boolean> {
  return (await db.selectFrom('webhook_endpoints').select('id').where('app_id', '=', appId).where('id', '=', id).executeTakeFirst()) !== undefined;
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

/** A page of an endpoint's deliveries, newest first. */
export async function listDeliveries(db: Executor, appId: string, endpointId: string, page: PageQuery) {
  let query = db
    .selectFrom('webhook_deliveries')
    .select(['id', 'event_id as eventId', 'event_type as eventType', 'attempts', 'next_attempt_at as nextAttemptAt', 'delivered_at as deliveredAt', 'failed_at as failedAt', 'last_error as lastError', 'created_at as createdAt'])
    .where('app_id', '=', appId)
    .where('endpoint_id', '=', endpointId);
  if (page.cursor) query = query.where(afterCursor(page.cursor, 'created_at', 'id', { time: 'desc', id: 'desc' }));
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute();
  return toPage(rows, page.limit, (r) => ({ ...r, eventType: r.eventType as WebhookEventType }), (r) => [r.createdAt, r.id]);
}

/** A delivery ready to send, with what sending it needs. */
export interface DueDelivery {
  readonly id: string;
  readonly eventId: string;
  readonly body: string;
  readonly attempts: number;
  readonly appId: string;
  readonly endpointId: string;
  readonly url: string;
  readonly secret: string;
  readonly environment: 'sandbox' | 'production';
  /** When it fell due, as read: the claim below is conditional on it. */
  readonly nextAttemptAt: string;
}

/**
 * Takes a due delivery for one attempt, across instances: moves its due time past the attempt's longest
 * run, on condition it is still the one read. Another instance that read the same row finds it moved
 * and leaves it; if this one dies mid-attempt, the delivery falls due again after `leaseMs` (at least once).
 */
export async function claimDelivery(db: Executor, delivery: Pick<DueDelivery, 'id' | 'nextAttemptAt'>, leaseUntil: string, owner: string): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: leaseUntil, claimed_by: owner })
    .where('id', '=', delivery.id)
    .where('next_attempt_at', '=', delivery.nextAttemptAt)
    .where('delivered_at', 'is', null)
    .where('failed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Gives back deliveries taken by owners `isGone` says certainly stopped (a process killed mid-attempt):
 * due now, not after their claim's expiry. Returns how many.
 */
export async function releaseClaimsOfGone(db: Executor, isGone: (owner: string) => boolean, now: string): Promise<number> {
  const owners = await db.selectFrom('webhook_deliveries').select('claimed_by').distinct().where('claimed_by', 'is not', null).where('delivered_at', 'is', null).where('failed_at', 'is', null).execute();
  let released = 0;
  for (const { claimed_by: owner } of owners) {
    if (!owner || !isGone(owner)) continue;
    released += Number((await releaseClaims(db, owner, now)).numUpdatedRows);
  }
  return released;
}

/** Makes an owner's undecided deliveries due at `now` again (its own, on a clean stop). */
export function releaseClaims(db: Executor, owner: string, now: string) {
  return db.updateTable('webhook_deliveries').set({ next_attempt_at: now, claimed_by: null }).where('claimed_by', '=', owner).where('delivered_at', 'is', null).where('failed_at', 'is', null).executeTakeFirst();
}

export interface DueQuery {
  /** At most this many per endpoint and per application: more could not start now anyway. */
  readonly perEndpoint: number;
  readonly perApp: number;
  readonly limit: number;
  /** In flight, or whose application or endpoint has no free slot or is resting. */
  readonly skipDeliveries: readonly string[];
  readonly skipApps: readonly string[];
  readonly skipEndpoints: readonly string[];
}

/**
 * Deliveries due at `now` to live endpoints, oldest event first, but at most `perEndpoint` of each endpoint
 * and `perApp` of each application: one partner's backlog cannot fill the page and starve the others.
 */
export async function listDueDeliveries(db: Executor, now: string, q: DueQuery): Promise<DueDelivery[]> {
  let due = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .innerJoin('applications as a', 'a.id', 'd.app_id')
    .select(['d.id', 'd.event_id as eventId', 'd.body', 'd.attempts', 'd.app_id as appId', 'd.endpoint_id as endpointId', 'e.url', 'e.secret', 'a.environment', 'd.created_at', 'd.next_attempt_at as nextAttemptAt'])
    .select(sql<number>`row_number() over (partition by ${sql.ref('d.endpoint_id')} order by ${sql.ref('d.created_at')})`.as('endpoint_rank'))
    .where('d.delivered_at', 'is', null)
    .where('d.failed_at', 'is', null)
    .where('e.disabled_at', 'is', null)
    .where('d.next_attempt_at', '<=', now);
  if (q.skipDeliveries.length) due = due.where('d.id', 'not in', q.skipDeliveries);
  if (q.skipApps.length) due = due.where('d.app_id', 'not in', q.skipApps);
  if (q.skipEndpoints.length) due = due.where('d.endpoint_id', 'not in', q.skipEndpoints);
  const perApp = db
    .selectFrom(due.as('r'))
    .selectAll()
    .select(sql<number>`row_number() over (partition by ${sql.ref('r.appId')} order by ${sql.ref('r.created_at')})`.as('app_rank'))
    .where('r.endpoint_rank', '<=', q.perEndpoint);
  const rows = await db
    .selectFrom(perApp.as('q'))
    .select(['q.id', 'q.eventId', 'q.body', 'q.attempts', 'q.appId', 'q.endpointId', 'q.url', 'q.secret', 'q.environment', 'q.nextAttemptAt'])
    .where('q.app_rank', '<=', q.perApp)
    .orderBy('q.created_at')
    .limit(q.limit)
    .execute();
  return rows;
}
