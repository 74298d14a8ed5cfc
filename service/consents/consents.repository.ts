import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import { eventInsertionOrder } from '../db/dialect.js';
import type { ConsentEventType, ConsentEventsTable, ConsentStatesTable, ConsentsTable } from '../db/lifecycle-schema.js';
import type { Database } from '../db/schema.js';
import { afterCursor, toPage } from '../http/pagination.js';
import type { PageQuery } from '../../schema/index.js';
import { randomId } from '../security/secrets.js';
import type { ConsentTerms } from './consent-terms.js';

export type Executor = Db | Transaction<Database>;

export interface ConsentRecord {
  readonly id: string;
  readonly appId: string;
  readonly userId: string;
  readonly institutionId: string;
  readonly customerLogin: string;
  readonly receiptId: string;
  readonly createdAt: string;
  readonly status: ConsentStatesTable['status'];
  readonly terms: ConsentTerms;
  readonly warnedAt: string | null;
  readonly dataHandled: string | null;
  /** The data holder's CDR arrangement, and the holder (its issuer). */
  readonly arrangementId: string | null;
  readonly issuer: string | null;
}

export interface ConsentEvent {
  readonly id: string;
  readonly type: ConsentEventType;
  readonly at: string;
  readonly actor: string;
  readonly payload: Record<string, unknown>;
}

type Row = ConsentsTable & Pick<ConsentStatesTable, 'status' | 'terms' | 'warned_at' | 'data_handled'>;

const toRecord = (row: Row): ConsentRecord => ({
  id: row.id,
  appId: row.app_id,
  userId: row.user_id,
  institutionId: row.institution_id,
  customerLogin: row.customer_login,
  receiptId: row.receipt_id,
  createdAt: row.created_at,
  status: row.status,
  terms: JSON.parse(row.terms) as ConsentTerms,
  warnedAt: row.warned_at,
  dataHandled: row.data_handled,
  arrangementId: row.arrangement_id,
  issuer: row.issuer,
});

function selectConsents(db: Executor) {
  return db
    .selectFrom('consents')
    .innerJoin('consent_states', 'consent_states.consent_id', 'consents.id')
    .selectAll('consents')
    .select(['consent_states.status', 'consent_states.terms', 'consent_states.warned_at', 'consent_states.data_handled']);
}

/** A consent of one application: another application's id is simply not found (isolation). */
export async function findConsent(db: Executor, appId: string, id: string): Promise<ConsentRecord | undefined> {
  const row = await selectConsents(db).where('consents.id', '=', id).where('consents.app_id', '=', appId).executeTakeFirst();
  return row && toRecord(row);
}

export async function findConsentByIdempotencyKey(db: Executor, appId: string, key: string): Promise<ConsentRecord | undefined> {
  const row = await selectConsents(db).where('consents.app_id', '=', appId).where('consents.idempotency_key', '=', key).executeTakeFirst();
  return row && toRecord(row);
}

export async function findConsentByReceipt(db: Executor, receiptId: string): Promise<ConsentRecord | undefined> {
  const row = await selectConsents(db).where('consents.receipt_id', '=', receiptId).executeTakeFirst();
  return row && toRecord(row);
}

/** A user's consents, newest first. */
export async function listUserConsents(db: Executor, appId: string, userId: string): Promise<ConsentRecord[]> {
  const rows = await selectConsents(db).where('consents.app_id', '=', appId).where('consents.user_id', '=', userId).orderBy('consents.created_at', 'desc').orderBy('consents.id').execute();
  return rows.map(toRecord);
}

/** A page of a user's consents in the same order (newest first, then by id). */
export async function listUserConsentsPage(db: Executor, appId: string, userId: string, page: PageQuery) {
  let query = selectConsents(db).where('consents.app_id', '=', appId).where('consents.user_id', '=', userId);
  if (page.cursor) query = query.where(afterCursor(page.cursor, 'consents.created_at', 'consents.id', { time: 'desc', id: 'asc' }));
  const rows = await query.orderBy('consents.created_at', 'desc').orderBy('consents.id').limit(page.limit + 1).execute();
  return toPage(rows, page.limit, toRecord, (r) => [r.created_at, r.id]);
}

export async function listEvents(db: Executor, consentId: string): Promise<ConsentEvent[]> {
  const rows = await db.selectFrom('consent_events').selectAll().where('consent_id', '=', consentId).orderBy('at').orderBy(eventInsertionOrder(db)).execute();
  return rows.map((r: ConsentEventsTable) => ({ id: r.id, type: r.type, at: r.at, actor: r.actor, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}

export async function insertConsent(trx: Executor, row: ConsentsTable, terms: ConsentTerms, at: string): Promise<void> {
  await trx.insertInto('consents').values(row).execute();
  await trx
    .insertInto('consent_states')
    .values({ consent_id: row.id, status: 'active', terms: JSON.stringify(terms), sharing_end: terms.sharingEnd, warned_at: null, data_handled: null, updated_at: at })
    .execute();
}

/** Appends to the audit trail; events are never updated (a trigger refuses it). */
export async function appendEvent(trx: Executor, consentId: string, type: ConsentEventType, at: string, actor: string, payload: Record<string, unknown> = {}): Promise<string> {
  const id = randomId('evt');
  await trx.insertInto('consent_events').values({ id, consent_id: consentId, type, at, actor, payload: JSON.stringify(payload) }).execute();
  return id;
}

export async function updateState(trx: Executor, consentId: string, changes: Partial<Omit<ConsentStatesTable, 'consent_id'>>): Promise<void> {
  await trx.updateTable('consent_states').set(changes).where('consent_id', '=', consentId).execute();
}

/** Active consents whose sharing period ended by `at` (the scheduler expires them). */
export async function listDueToExpire(db: Executor, at: string): Promise<string[]> {
  const rows = await db.selectFrom('consent_states').select('consent_id').where('status', '=', 'active').where('sharing_end', '<=', at).execute();
  return rows.map((r) => r.consent_id);
}

/** Active consents ending before `horizon` that have not been warned yet. */
export async function listDueForWarning(db: Executor, horizon: string): Promise<string[]> {
  const rows = await db.selectFrom('consent_states').select('consent_id').where('status', '=', 'active').where('warned_at', 'is', null).where('sharing_end', '<=', horizon).execute();
  return rows.map((r) => r.consent_id);
}

export async function findConsentById(db: Executor, id: string): Promise<ConsentRecord | undefined> {
  const row = await selectConsents(db).where('consents.id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}
