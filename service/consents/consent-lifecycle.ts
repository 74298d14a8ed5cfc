import type { Config } from '../../schema/index.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../clock.js';
import { Problem } from '../errors/problem.js';
import { randomBase62, randomId, sha256Hex } from '../security/secrets.js';
import { findAuthorisation } from '../sandbox/authorisations.repository.js';
import { enqueueEvent } from '../webhooks/webhooks.repository.js';
import { renewTerms, termsFromConfig, type ConsentTerms } from './consent-terms.js';
import { appendEvent, findConsent, findConsentById, insertConsent, updateState, type ConsentRecord, type Executor } from './consents.repository.js';
import { handleDataOnEnd, pruneToTerms } from './data-handling.js';
import { insertJob } from './jobs.repository.js';

const DAY_MS = 86_400_000;
/** Reminder before expiry (issue 5: `consent.warning` 7 days before; the manager's "expiring soon"). */
export const WARNING_WINDOW_MS = 7 * DAY_MS;

export interface LifecycleDeps {
  readonly db: Db;
  readonly clock: Clock;
}

export interface GrantResult {
  readonly consentId: string;
  readonly institutionId: string;
  readonly jobId: string;
  readonly receiptId: string;
  /** False when the same idempotency key had already granted this consent. */
  readonly created: boolean;
}

const problem = (status: 400 | 403 | 404 | 409, kind: string, title: string, detail: string, path?: string) =>
  new Problem(status, kind, title, { detail, ...(path ? { errors: [{ path, message: detail }] } : {}) });

/**
 * Exchanges the data holder's code for a consent, atomically: the consent, its `granted` (or `amended`)
 * event, its state, the connection job and the webhook event commit together or not at all. The same
 * idempotency key returns the first result instead of a second consent (a double submit, a retry).
 */
export async function grantConsent(
  deps: LifecycleDeps,
  input: { appId: string; userId: string; sessionPurpose: string; authorisationId: string; code: string; state: string; idempotencyKey: string; config: Config },
): Promise<GrantResult> {
  const { db, clock } = deps;
  const earlier = await findAuthorisation(db, input.authorisationId);
  if (earlier?.app_id === input.appId && earlier.user_id === input.userId && earlier.status === 'exchanged' && earlier.idempotency_key === input.idempotencyKey && earlier.consent_id && earlier.job_id) {
    const consent = await findConsentById(db, earlier.consent_id);
    return { consentId: earlier.consent_id, institutionId: earlier.institution_id, jobId: earlier.job_id, receiptId: consent!.receiptId, created: false };
  }
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const at = now.toISOString();
    const auth = await findAuthorisation(trx, input.authorisationId);
    if (!auth || auth.app_id !== input.appId || auth.user_id !== input.userId) throw problem(404, 'not-found', 'Authorisation not found', 'No such authorisation for this session.');
    if (auth.state !== input.state) throw problem(400, 'state-mismatch', 'State does not match', 'The bank answered for a different request. Start again.', 'body.state');
    if (auth.status === 'exchanged' || auth.code_used_at) throw problem(409, 'code-replayed', 'Code already used', 'This authorisation code was already used. Start again to connect.');
    if (auth.status !== 'authorised' || !auth.code_hash) throw problem(409, 'not-authorised', 'Not authorised', auth.error_detail ?? 'The bank has not authorised this request.');
    if (sha256Hex(input.code) !== auth.code_hash) throw problem(400, 'code-invalid', 'Invalid code', 'The authorisation code is not valid.', 'body.code');
    if (auth.code_expires_at! <= at) throw problem(409, 'code-expired', 'Code expired', 'The authorisation code expired before it was used. Start again to connect.');
    const exchanged = (consentId: string, jobId: string) =>
      trx.updateTable('authorisations').set({ status: 'exchanged', code_used_at: at, idempotency_key: input.idempotencyKey, consent_id: consentId, job_id: jobId }).where('id', '=', auth.id).where('code_used_at', 'is', null).execute();

    const terms = termsFromConfig({ config: input.config, configVersion: auth.config_version, chosenClusters: JSON.parse(auth.clusters) as string[], accountIds: JSON.parse(auth.account_ids) as string[], now });
    const actor = `user:${input.userId}`;
    // Two journeys that both started before either finished (two tabs) must not leave two consents for
    // one customer at one bank: the later one changes the earlier one instead.
    const amending = auth.purpose === 'extend' && auth.consent_id ? auth.consent_id : await activeConsentOf(trx, input.appId, input.userId, auth.institution_id, auth.customer_login);
    if (amending) {
      const consent = await findConsent(trx, input.appId, amending);
      if (!consent || consent.userId !== input.userId || consent.status !== 'active') throw problem(409, 'consent-not-active', 'Consent not active', 'Only an active consent of this user can be extended; connect again instead.');
      if (auth.customer_login !== consent.customerLogin) throw problem(409, 'different-customer', 'A different customer', 'The consent was given by another customer at this bank; sign in as that customer, or connect anew.');
      const amended = renewTerms(consent.terms, terms);
      await appendEvent(trx, consent.id, 'amended', at, actor, { terms: amended, previous: consent.terms, changes: termChanges(consent.terms, amended) });
      // What the amendment no longer covers goes now, with the event that records it (Rule 4.12C, 4.17).
      const pruned = await pruneToTerms(trx, consent.id, amended);
      if (pruned.accountsDeleted || pruned.transactionsDeleted) await appendEvent(trx, consent.id, 'data-deleted', at, 'system', { reason: 'amended', ...pruned });
      await updateState(trx, consent.id, { terms: JSON.stringify(amended), sharing_end: amended.sharingEnd, warned_at: null, updated_at: at });
      const jobId = await insertJob(trx, input.appId, consent.id, 'extend', at);
      await enqueueEvent(trx, input.appId, 'consent.amended', { consentId: consent.id, userId: input.userId, sharingEnd: amended.sharingEnd }, at);
      await exchanged(consent.id, jobId);
      return { consentId: consent.id, institutionId: auth.institution_id, jobId, receiptId: consent.receiptId, created: true };
    }
    const consentId = randomId('cns');
    const receiptId = `rcpt_${randomBase62(24)}`;
    await insertConsent(trx, { id: consentId, app_id: input.appId, user_id: input.userId, institution_id: auth.institution_id, customer_login: auth.customer_login!, receipt_id: receiptId, idempotency_key: input.idempotencyKey, created_at: at }, terms, at);
    await appendEvent(trx, consentId, 'granted', at, actor, { terms });
    const jobId = await insertJob(trx, input.appId, consentId, 'connect', at);
    await enqueueEvent(trx, input.appId, 'consent.granted', { consentId, userId: input.userId, institutionId: auth.institution_id, clusters: terms.clusters, sharingEnd: terms.sharingEnd }, at);
    await exchanged(consentId, jobId);
    return { consentId, institutionId: auth.institution_id, jobId, receiptId, created: true };
  });
}

/** The user's active consent at this bank given by this customer there, if any. */
async function activeConsentOf(trx: Executor, appId: string, userId: string, institutionId: string, customerLogin: string | null): Promise<string | undefined> {
  if (!customerLogin) return undefined;
  const row = await trx
    .selectFrom('consents')
    .innerJoin('consent_states', 'consent_states.consent_id', 'consents.id')
    .select('consents.id')
    .where('consents.app_id', '=', appId)
    .where('consents.user_id', '=', userId)
    .where('consents.institution_id', '=', institutionId)
    .where('consents.customer_login', '=', customerLogin)
    .where('consent_states.status', '=', 'active')
    .executeTakeFirst();
  return row?.id;
}

/** Which terms an amendment changes, for the event and the receipt (Rule 4.12C: every change marked). */
export function termChanges(before: ConsentTerms, after: ConsentTerms): string[] {
  const keys = ['clusters', 'accountIds', 'durationDays', 'sharingEnd', 'retrievalSpanDays', 'onRevocation', 'retainData', 'purposes'] as const;
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** Ends a consent and handles its data as elected, in one transaction with the events that record it. */
async function endConsent(trx: Executor, consent: ConsentRecord, how: 'revoked' | 'expired', at: string, actor: string, deleteData: boolean) {
  const handling = deleteData ? 'delete' : consent.terms.onRevocation;
  await appendEvent(trx, consent.id, how, at, actor, how === 'revoked' ? { handling } : { sharingEnd: consent.terms.sharingEnd });
  const result = await handleDataOnEnd(trx, consent.id, consent.appId, handling);
  await appendEvent(trx, consent.id, handling === 'delete' ? 'data-deleted' : 'data-deidentified', at, 'system', result);
  await updateState(trx, consent.id, { status: how, data_handled: handling, updated_at: at });
  await enqueueEvent(trx, consent.appId, how === 'revoked' ? 'consent.revoked' : 'consent.expired', { consentId: consent.id, userId: consent.userId, dataHandling: handling }, at);
}

/**
 * Withdraws a consent at once (Rule 4.13(1)(a), 4.14(1)): from the dashboard, the manager or the partner
 * API. `deleteData` is the consumer's election to delete where the policy is to de-identify (4.16).
 */
export async function revokeConsent(deps: LifecycleDeps, input: { appId: string; consentId: string; actor: string; deleteData?: boolean; userId?: string }): Promise<ConsentRecord> {
  return deps.db.transaction().execute(async (trx) => {
    const consent = await findConsent(trx, input.appId, input.consentId);
    if (!consent || (input.userId && consent.userId !== input.userId)) throw problem(404, 'not-found', 'Consent not found', `No consent "${input.consentId}".`);
    if (consent.status !== 'active') throw problem(409, `consent-${consent.status}`, `Consent already ${consent.status}`, `Consent "${consent.id}" is already ${consent.status}.`);
    await endConsent(trx, consent, 'revoked', deps.clock.now().toISOString(), input.actor, input.deleteData ?? false);
    return (await findConsent(trx, input.appId, input.consentId))!;
  });
}

/** Expires consents whose sharing period is over (the scheduler calls this); returns their ids. */
export async function expireDue(deps: LifecycleDeps, ids: readonly string[]): Promise<string[]> {
  const expired: string[] = [];
  for (const id of ids) {
    await deps.db.transaction().execute(async (trx) => {
      const consent = await findConsentById(trx, id);
      if (consent?.status !== 'active') return;
      await endConsent(trx, consent, 'expired', deps.clock.now().toISOString(), 'system', false);
      expired.push(id);
    });
  }
  return expired;
}

/** Sends the 7-day `consent.warning` once per sharing period (renewal clears `warned_at`). */
export async function warnDue(deps: LifecycleDeps, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    await deps.db.transaction().execute(async (trx) => {
      const consent = await findConsentById(trx, id);
      if (consent?.status !== 'active' || consent.warnedAt) return;
      const at = deps.clock.now().toISOString();
      await appendEvent(trx, id, 'warned', at, 'system', { sharingEnd: consent.terms.sharingEnd });
      await updateState(trx, id, { warned_at: at, updated_at: at });
      await enqueueEvent(trx, consent.appId, 'consent.warning', { consentId: id, userId: consent.userId, sharingEnd: consent.terms.sharingEnd }, at);
    });
  }
}

/** True when an active consent ends within the warning window ("expiring soon" in the manager). */
export const expiringSoon = (consent: Pick<ConsentRecord, 'status' | 'terms'>, now: Date) =>
  consent.status === 'active' && Date.parse(consent.terms.sharingEnd) - now.getTime() <= WARNING_WINDOW_MS;
