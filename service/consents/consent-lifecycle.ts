import type { Config } from '../../schema/index.js';
import type { Db } from '../db/database.js';
import { lockRow } from '../db/dialect.js';
import type { Clock } from '../clock.js';
import { Problem } from '../errors/problem.js';
import { randomBase62, randomId } from '../security/secrets.js';
import { storeTokens } from '../recipient/arrangement-tokens.js';
import type { Redeemed } from '../recipient/authorisation-response.js';
import type { TokenVault } from '../recipient/token-vault.js';
import type { SharedAccountSummary } from './authorisation-view.js';
import { findAuthorisation } from './authorisations.repository.js';
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

/** What the data holder granted, once its answer was verified and its code exchanged (service/recipient/). */
export interface HolderGrant {
  readonly issuer: string;
  readonly clientId: string;
  readonly redeemed: Redeemed;
  /** The accounts the customer chose at the holder, as its Get Accounts lists them. */
  readonly accounts: readonly SharedAccountSummary[];
}

/**
 * Records what the data holder granted as a consent, atomically: the consent with its arrangement and
 * sealed tokens, its `granted` (or `amended`) event, its state, the connection job and the webhook
 * event commit together or not at all. The authorisation must be the one this callback claimed; one
 * already exchanged returns its first result instead of a second consent (a reload of the callback).
 */
export async function grantConsent(
  deps: LifecycleDeps & { vault: TokenVault },
  input: { appId: string; userId: string; authorisationId: string; idempotencyKey: string; config: Config; grant: HolderGrant },
): Promise<GrantResult> {
  const { db, clock } = deps;
  const earlier = await findAuthorisation(db, input.authorisationId);
  if (earlier?.app_id === input.appId && earlier.user_id === input.userId && earlier.status === 'exchanged' && earlier.idempotency_key === input.idempotencyKey && earlier.consent_id && earlier.job_id) {
    const consent = await findConsentById(db, earlier.consent_id);
    return { consentId: earlier.consent_id, institutionId: earlier.institution_id, jobId: earlier.job_id, receiptId: consent!.receiptId, created: false };
  }
  const { grant } = input;
  const customer = grant.redeemed.customer;
  return db.transaction().execute(async (trx) => {
    // One grant at a time per user: the answer is used once, and two journeys leave one consent per bank.
    await lockRow(trx, 'users', 'id', input.userId);
    await lockRow(trx, 'authorisations', 'id', input.authorisationId);
    const now = clock.now();
    const at = now.toISOString();
    const auth = await findAuthorisation(trx, input.authorisationId);
    if (!auth || auth.app_id !== input.appId || auth.user_id !== input.userId) throw problem(404, 'not-found', 'Authorisation not found', 'No such authorisation for this session.');
    if (auth.status === 'exchanged' || auth.code_used_at) throw problem(409, 'code-replayed', 'Answer already used', 'The bank’s answer to this request was already used. Start again to connect.');
    if (auth.status !== 'authorised') throw problem(409, 'not-authorised', 'Not authorised', auth.error_detail ?? 'The bank has not authorised this request.');
    const exchanged = (consentId: string, jobId: string) =>
      trx
        .updateTable('authorisations')
        .set({ status: 'exchanged', code_used_at: at, idempotency_key: input.idempotencyKey, consent_id: consentId, job_id: jobId, customer_login: customer, account_ids: JSON.stringify(grant.accounts) })
        .where('id', '=', auth.id)
        .where('code_used_at', 'is', null)
        .execute();

    const terms = termsFromConfig({ config: input.config, configVersion: auth.config_version, chosenClusters: JSON.parse(auth.clusters) as string[], accountIds: grant.accounts.map((a) => a.accountId), now });
    const actor = `user:${input.userId}`;
    // Two journeys that both started before either finished (two tabs) must not leave two consents for
    // one customer at one bank: the later one changes the earlier one instead.
    const amending = auth.purpose === 'extend' && auth.consent_id ? auth.consent_id : await activeConsentOf(trx, input.appId, input.userId, auth.institution_id, customer);
    if (amending) {
      await lockRow(trx, 'consent_states', 'consent_id', amending);
      const consent = await findConsent(trx, input.appId, amending);
      if (!consent || consent.userId !== input.userId || consent.status !== 'active') throw problem(409, 'consent-not-active', 'Consent not active', 'Only an active consent of this user can be extended; connect again instead.');
      if (customer !== consent.customerLogin) throw problem(409, 'different-customer', 'A different customer', 'The consent was given by another customer at this bank; sign in as that customer, or connect anew.');
      const amended = renewTerms(consent.terms, terms);
      await appendEvent(trx, consent.id, 'amended', at, actor, { terms: amended, previous: consent.terms, changes: termChanges(consent.terms, amended), arrangementId: grant.redeemed.arrangementId });
      // What the amendment no longer covers goes now, with the event that records it (Rule 4.12C, 4.17).
      const pruned = await pruneToTerms(trx, consent.id, amended);
      if (pruned.accountsDeleted || pruned.transactionsDeleted) await appendEvent(trx, consent.id, 'data-deleted', at, 'system', { reason: 'amended', ...pruned });
      await updateState(trx, consent.id, { terms: JSON.stringify(amended), sharing_end: amended.sharingEnd, warned_at: null, updated_at: at });
      await trx.updateTable('consents').set({ arrangement_id: grant.redeemed.arrangementId, issuer: grant.issuer }).where('id', '=', consent.id).execute();
      // A holder that answered the amendment with a new arrangement (a second journey that did not name
      // the first's) leaves the old one live: it is retired at the holder, as a withdrawal is.
      if (consent.arrangementId && consent.issuer && consent.arrangementId !== grant.redeemed.arrangementId) {
        await owedToHolder(trx, consent.id, consent.issuer, consent.arrangementId, at);
      }
      await storeTokens(trx, deps.vault, consent.id, grant.clientId, grant.redeemed, at);
      const jobId = await insertJob(trx, input.appId, consent.id, 'extend', at);
      await enqueueEvent(trx, input.appId, 'consent.amended', { consentId: consent.id, userId: input.userId, sharingEnd: amended.sharingEnd }, at);
      await exchanged(consent.id, jobId);
      return { consentId: consent.id, institutionId: auth.institution_id, jobId, receiptId: consent.receiptId, created: true };
    }
    const consentId = randomId('cns');
    const receiptId = `rcpt_${randomBase62(24)}`;
    await insertConsent(trx, { id: consentId, app_id: input.appId, user_id: input.userId, institution_id: auth.institution_id, customer_login: customer, receipt_id: receiptId, idempotency_key: input.idempotencyKey, created_at: at, arrangement_id: grant.redeemed.arrangementId, issuer: grant.issuer }, terms, at);
    await appendEvent(trx, consentId, 'granted', at, actor, { terms, arrangementId: grant.redeemed.arrangementId });
    await storeTokens(trx, deps.vault, consentId, grant.clientId, grant.redeemed, at);
    const jobId = await insertJob(trx, input.appId, consentId, 'connect', at);
    await enqueueEvent(trx, input.appId, 'consent.granted', { consentId, userId: input.userId, institutionId: auth.institution_id, clusters: terms.clusters, sharingEnd: terms.sharingEnd }, at);
    await exchanged(consentId, jobId);
    return { consentId, institutionId: auth.institution_id, jobId, receiptId, created: true };
  });
}

/** The user's active consent at this bank given by this customer there, if any. */
async function activeConsentOf(trx: Executor, appId: string, userId: string, institutionId: string, customerLogin: string): Promise<string | undefined> {
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

/** Records a revocation the holder must be told of (drained by service/recipient/holder-revocations.ts). */
async function owedToHolder(trx: Executor, consentId: string, issuer: string, arrangementId: string, at: string) {
  await trx
    .insertInto('holder_revocations')
    .values({ consent_id: consentId, issuer, arrangement_id: arrangementId, attempts: 0, next_attempt_at: at, last_error: null, done_at: null })
    .onConflict((oc) => oc.columns(['consent_id', 'arrangement_id']).doNothing())
    .execute();
}

/** Ends a consent and handles its data as elected, in one transaction with the events that record it. */
async function endConsent(trx: Executor, consent: ConsentRecord, how: 'revoked' | 'expired', at: string, actor: string, deleteData: boolean, tellHolder: boolean) {
  const handling = deleteData ? 'delete' : consent.terms.onRevocation;
  // The tokens are of no more use; the holder is told of a withdrawal it did not make itself, by the
  // outbox the scheduler drains (service/recipient/holder-revocations.ts), so a holder that is down
  // cannot undo or delay the withdrawal here (Rule 4.13(1)(a)).
  await trx.deleteFrom('arrangement_tokens').where('consent_id', '=', consent.id).execute();
  if (tellHolder && consent.arrangementId && consent.issuer) await owedToHolder(trx, consent.id, consent.issuer, consent.arrangementId, at);
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
export async function revokeConsent(deps: LifecycleDeps, input: { appId: string; consentId: string; actor: string; deleteData?: boolean; userId?: string; byHolder?: boolean }): Promise<ConsentRecord> {
  return deps.db.transaction().execute(async (trx) => {
    // A consent ends once, however many withdrawals and expiries meet.
    await lockRow(trx, 'consent_states', 'consent_id', input.consentId);
    const consent = await findConsent(trx, input.appId, input.consentId);
    if (!consent || (input.userId && consent.userId !== input.userId)) throw problem(404, 'not-found', 'Consent not found', `No consent "${input.consentId}".`);
    if (consent.status !== 'active') throw problem(409, `consent-${consent.status}`, `Consent already ${consent.status}`, `Consent "${consent.id}" is already ${consent.status}.`);
    await endConsent(trx, consent, 'revoked', deps.clock.now().toISOString(), input.actor, input.deleteData ?? false, !input.byHolder);
    return (await findConsent(trx, input.appId, input.consentId))!;
  });
}

/** Expires consents whose sharing period is over (the scheduler calls this); returns their ids. */
export async function expireDue(deps: LifecycleDeps, ids: readonly string[]): Promise<string[]> {
  const expired: string[] = [];
  for (const id of ids) {
    await deps.db.transaction().execute(async (trx) => {
      await lockRow(trx, 'consent_states', 'consent_id', id);
      const consent = await findConsentById(trx, id);
      if (consent?.status !== 'active') return;
      await endConsent(trx, consent, 'expired', deps.clock.now().toISOString(), 'system', false, false);
      expired.push(id);
    });
  }
  return expired;
}

/** Sends the 7-day `consent.warning` once per sharing period (renewal clears `warned_at`). */
export async function warnDue(deps: LifecycleDeps, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    await deps.db.transaction().execute(async (trx) => {
      await lockRow(trx, 'consent_states', 'consent_id', id);
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
