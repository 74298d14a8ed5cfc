import { Problem } from '../errors/problem.js';
import { HolderError } from '../recipient/holder-clients.js';
import { redactUrl } from '../recipient/logged-fetch.js';
import { authorisationLogRef, findAuthorisation } from './authorisations.repository.js';
import type { LifecycleDeps } from './lifecycle-deps.js';

/**
 * Where the browser goes for a request to the bank (`GET /connect/authorise/{id}`): the first visit
 * uses the request pushed when the journey started; a later one (a reload of the bank's page, a window
 * reopened, Back and forward again) pushes the same request anew, since the holder honours a
 * `request_uri` once. The new push replaces the request's state, so only the window opened last can
 * finish it. Returns the holder's URL to send the browser to.
 */
export async function bankHandover(deps: LifecycleDeps, id: string): Promise<string> {
  const { db, clock, recipient } = deps;
  const row = await findAuthorisation(db, id);
  if (!row?.holder_url || !row.issuer) throw new Problem(404, 'not-found', 'No such request to a bank');
  if (row.status !== 'pending' || row.expires_at <= clock.now().toISOString()) {
    throw new Problem(409, 'authorisation-finished', 'Request finished', { detail: 'This request to the bank has finished. Go back to the app to see what came of it.' });
  }
  const first = await db.updateTable('authorisations').set({ visited_at: clock.now().toISOString() }).where('id', '=', id).where('visited_at', 'is', null).executeTakeFirst();
  if (first.numUpdatedRows === 1n) {
    deps.log.info({ msg: 'cdr authorise', authorisation: authorisationLogRef(id), to: redactUrl(row.holder_url), pushedAgain: false });
    return row.holder_url;
  }
  if (!recipient) throw new Problem(503, 'recipient-not-configured', 'Not connected to the CDR');
  const arrangementId = row.consent_id ? (await db.selectFrom('consents').select('arrangement_id').where('id', '=', row.consent_id).executeTakeFirst())?.arrangement_id ?? undefined : undefined;
  let pushed: Awaited<ReturnType<NonNullable<typeof recipient>['push']>>;
  try {
    pushed = await recipient.push(row.issuer, { scopes: JSON.parse(row.clusters) as string[], sharingDurationSeconds: row.sharing_duration ?? 0, arrangementId });
  } catch (error) {
    if (error instanceof HolderError) throw new Problem(502, 'institution-unreachable', 'Institution unreachable', { detail: `The bank did not accept the request: ${error.message}` });
    throw error;
  }
  const replaced = await db
    .updateTable('authorisations')
    .set({ state: pushed.state, nonce: pushed.nonce, code_verifier: pushed.codeVerifier, holder_url: pushed.url.toString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (replaced.numUpdatedRows !== 1n) throw new Problem(409, 'authorisation-finished', 'Request finished', { detail: 'This request to the bank has just finished. Go back to the app to see what came of it.' });
  deps.log.info({ msg: 'cdr authorise', authorisation: authorisationLogRef(id), to: redactUrl(pushed.url), pushedAgain: true });
  return pushed.url.toString();
}
