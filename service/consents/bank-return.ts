import { Problem } from '../errors/problem.js';
import { randomBase62, timingSafeEqualText } from '../security/secrets.js';
import { findAuthorisation, type Authorisation } from '../sandbox/authorisations.repository.js';
import { grantConsent } from './consent-lifecycle.js';
import type { LifecycleDeps } from './lifecycle-deps.js';
import { publishedConfig } from './authorisation-flow.js';

/** What the bank sent to the service's callback. */
export interface BankAnswer {
  readonly authorisation: string;
  readonly state: string;
  readonly code?: string | undefined;
  readonly error?: string | undefined;
  readonly error_description?: string | undefined;
}

/**
 * The bank's answer, handled once at the service's own callback (docs/decisions/bank-return.md): the
 * state is checked, a code is exchanged for the consent (idempotently: a reload or Back to the callback
 * changes nothing), a failure is recorded on the authorisation, and a one-time result reference is
 * minted for the partner's page. The page never sees the bank's code.
 */
export async function acceptBankAnswer(deps: LifecycleDeps, answer: BankAnswer): Promise<{ row: Authorisation; result: string }> {
  const { db } = deps;
  const found = await findAuthorisation(db, answer.authorisation);
  if (!found || !timingSafeEqualText(found.state, answer.state)) {
    throw new Problem(400, 'state-mismatch', 'Not a request of ours', { detail: 'This answer from the bank does not match a request.' });
  }
  if (answer.error && found.status === 'pending') {
    // The data holder's refusal, as it told us (the sandbox bank records its own as well).
    await db
      .updateTable('authorisations')
      .set({ status: answer.error === 'access-denied' || answer.error === 'access_denied' ? 'cancelled' : 'failed', error_code: answer.error, error_detail: answer.error_description ?? 'The bank did not authorise the request.' })
      .where('id', '=', found.id)
      .where('status', '=', 'pending')
      .execute();
  } else if (answer.code && found.status === 'authorised') {
    try {
      const { config } = await publishedConfig(deps.configCache, found.app_id);
      await grantConsent(deps, { appId: found.app_id, userId: found.user_id, sessionPurpose: found.purpose, authorisationId: found.id, code: answer.code, state: answer.state, idempotencyKey: `grant-${found.id}`, config });
      deps.jobs.kick();
    } catch (error) {
      // A refusal (code expired or replayed, consent no longer active) is final: the outcome is the
      // authorisation's, for the partner's page to read. Anything else (the database busy for a
      // moment) is not: the callback fails, and the same answer can be taken again.
      if (!(error instanceof Problem)) throw error;
      const problem = error.body;
      await db
        .updateTable('authorisations')
        .set({ status: 'failed', error_code: problem.type.replace('/problems/', ''), error_detail: problem.detail ?? 'The bank’s answer could not be used.' })
        .where('id', '=', found.id)
        .where('status', '=', 'authorised')
        .execute();
    }
  }
  // One reference per authorisation, whichever request mints it first.
  await db.updateTable('authorisations').set({ result_ref: `res_${randomBase62(24)}` }).where('id', '=', found.id).where('result_ref', 'is', null).execute();
  const row = (await findAuthorisation(db, found.id))!;
  return { row, result: row.result_ref! };
}
