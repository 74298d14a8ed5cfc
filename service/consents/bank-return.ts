import { decodeJwt } from 'jose';
import { Problem } from '../errors/problem.js';
import { redactValue } from '../recipient/logged-fetch.js';
import { HolderRefusal } from '../recipient/authorisation-response.js';
import { randomBase62 } from '../security/secrets.js';
import { authorisationLogRef, findAuthorisation, findAuthorisationByState, type Authorisation } from './authorisations.repository.js';
import { EXCHANGE_LEASE_MS, type SharedAccountSummary } from './authorisation-view.js';
import { grantConsent } from './consent-lifecycle.js';
import type { LifecycleDeps } from './lifecycle-deps.js';
import { publishedConfig } from './authorisation-flow.js';

const notOurs = () => new Problem(400, 'state-mismatch', 'Not a request of ours', { detail: 'This answer from the bank does not match a request.' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The request the holder's JARM answer is for, by the `state` it carries (checked again once verified). */
async function requestOf(deps: LifecycleDeps, callback: URL): Promise<Authorisation> {
  const response = callback.searchParams.get('response');
  let state: unknown;
  try {
    state = response ? decodeJwt(response).state : undefined;
  } catch {
    state = undefined;
  }
  const found = typeof state === 'string' && state.length <= 200 ? await findAuthorisationByState(deps.db, state) : undefined;
  if (!found?.issuer || !found.nonce || !found.code_verifier) throw notOurs();
  return found;
}

/**
 * The bank's answer, handled once at the service's own callback (docs/decisions/bank-return.md): the
 * first request to arrive claims the authorisation and redeems the answer (JARM verified, code exchanged,
 * service/recipient/authorisation-response.ts); a reload or a second tab waits for that outcome instead
 * of spending the code again. A refusal is recorded; a holder that could not be reached leaves the
 * answer to be taken again. A one-time result reference is minted for the partner's page, which never
 * sees the holder's answer.
 */
export async function acceptBankAnswer(deps: LifecycleDeps, callback: URL): Promise<{ row: Authorisation; result: string }> {
  const { db, clock } = deps;
  const found = await requestOf(deps, callback);
  const claimable = found.status === 'pending' && found.expires_at > clock.now().toISOString();
  // Checked before anything is decided: a forged or tampered answer (another signer, issuer or audience,
  // another request's state) must not claim the request, fail it, or read its result. A reload of an
  // answer already decided may come after the JWT's short life.
  if (!deps.recipient || !(await deps.recipient.verifyAnswer(found.issuer!, callback, found.state, { allowExpired: !claimable }))) throw notOurs();
  deps.log.info({ msg: 'cdr answer', authorisation: authorisationLogRef(found.id), issuer: found.issuer, response: redactValue(callback.searchParams.get('response') ?? ''), verified: 'JARM PS256: iss, aud, exp, state', claimable });
  if (claimable) {
    const claimed = await db.updateTable('authorisations').set({ status: 'authorised', claimed_at: clock.now().toISOString() }).where('id', '=', found.id).where('status', '=', 'pending').executeTakeFirst();
    if (claimed.numUpdatedRows === 1n) await redeem(deps, found, callback);
  }
  await waitForOutcome(deps, found.id);
  // One reference per authorisation, whichever request mints it first.
  await db.updateTable('authorisations').set({ result_ref: `res_${randomBase62(24)}` }).where('id', '=', found.id).where('result_ref', 'is', null).execute();
  const row = (await findAuthorisation(db, found.id))!;
  return { row, result: row.result_ref! };
}

async function redeem(deps: LifecycleDeps, auth: Authorisation, callback: URL): Promise<void> {
  const { db, recipient } = deps;
  const fail = (status: 'failed' | 'cancelled', code: string, detail: string) =>
    db.updateTable('authorisations').set({ status, error_code: code, error_detail: detail }).where('id', '=', auth.id).where('status', '=', 'authorised').execute();
  try {
    if (!recipient) throw new Problem(503, 'recipient-not-configured', 'Not connected to the CDR');
    const redeemed = await recipient.redeem(auth.issuer!, callback, { state: auth.state, nonce: auth.nonce!, codeVerifier: auth.code_verifier! });
    const institution = await db.selectFrom('institutions').select('resource_base_uri').where('id', '=', auth.institution_id).executeTakeFirst();
    const listed = await recipient.accountsAt(institution?.resource_base_uri ?? '', redeemed.accessToken);
    const accounts: SharedAccountSummary[] = listed.map((a) => ({ accountId: a.accountId, displayName: a.displayName, maskedNumber: a.maskedNumber }));
    const { config } = await publishedConfig(deps.configCache, auth.app_id);
    try {
      await grantConsent({ ...deps, vault: await recipient.vault() }, { appId: auth.app_id, userId: auth.user_id, authorisationId: auth.id, idempotencyKey: `grant-${auth.id}`, config, grant: { issuer: auth.issuer!, clientId: redeemed.clientId, redeemed, accounts } });
    } catch (error) {
      // Not recorded (the consent to change has ended, another customer signed in): the arrangement
      // the holder just made, or amended, must not outlive this answer unless an active consent stands on it.
      if (error instanceof Problem && !(await standsOnArrangement(deps, auth.issuer!, redeemed.arrangementId))) {
        await recipient.revoke(auth.issuer!, redeemed.arrangementId).catch(() => undefined);
      }
      throw error;
    }
    deps.jobs.kick();
  } catch (error) {
    if (error instanceof HolderRefusal) {
      const cancelled = error.error === 'access_denied';
      // The holder's own words where it gave any (too many wrong one-time passwords is a refusal too).
      await fail(cancelled ? 'cancelled' : 'failed', cancelled ? 'access-denied' : error.error.replace(/_/g, '-'), error.description || (cancelled ? 'You cancelled at your bank.' : 'The bank refused the request.'));
      return;
    }
    if (error instanceof Problem) {
      await fail('failed', error.body.type.replace('/problems/', ''), error.body.detail ?? 'The bank’s answer could not be used.');
      return;
    }
    // The holder or the database did not answer: the claim is given back, so the same answer can be
    // taken again (a reload of the callback); the holder refuses a code it already honoured.
    await db.updateTable('authorisations').set({ status: 'pending', claimed_at: null }).where('id', '=', auth.id).where('status', '=', 'authorised').execute();
    throw error;
  }
}

async function standsOnArrangement(deps: LifecycleDeps, issuer: string, arrangementId: string): Promise<boolean> {
  const row = await deps.db
    .selectFrom('consents')
    .innerJoin('consent_states', 'consent_states.consent_id', 'consents.id')
    .select('consents.id')
    .where('consents.issuer', '=', issuer)
    .where('consents.arrangement_id', '=', arrangementId)
    .where('consent_states.status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}

/** A callback that did not claim the answer waits for the one that did (bounded by the claim's lease). */
async function waitForOutcome(deps: LifecycleDeps, id: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const row = await findAuthorisation(deps.db, id);
    if (!row || row.status !== 'authorised') return;
    if (row.claimed_at && Date.parse(row.claimed_at) + EXCHANGE_LEASE_MS <= deps.clock.now().getTime()) return;
    if (Date.now() > deadline) throw new Problem(503, 'answer-in-progress', 'Still being processed', { detail: 'The bank’s answer is still being processed. Reload this page in a moment.', headers: { 'retry-after': '2' } });
    await sleep(100);
  }
}
