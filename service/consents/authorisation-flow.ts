import type { Config } from '../../schema/index.js';
import type { Clock } from '../clock.js';
import type { PublishedConfigCache } from '../configs/published-config-cache.js';
import type { Db } from '../db/database.js';
import { Problem } from '../errors/problem.js';
import type { SessionContext } from '../http/app-env.js';
import { randomId } from '../security/secrets.js';
import { insertAuthorisation } from './authorisations.repository.js';
import type { Recipient } from '../recipient/recipient.js';
import { HolderError } from '../recipient/holder-clients.js';
import { RESULT_PARAM } from '../../schema/api/bank-return.js';
import { findConsent } from './consents.repository.js';
import { ENVIRONMENT_RULES } from '../apps/environment-rules.js';

/** How long the end user has at the bank before the request lapses. */
const AUTHORISATION_TTL_MS = 15 * 60_000;

export interface StartAuthorisation {
  readonly institutionId: string;
  /** Optional clusters the user ticked; required ones are always included. */
  readonly clusters: readonly string[];
  /** The page hosting the widget (or the hosted page): the service's callback sends the user back there. */
  readonly returnUrl: string;
  readonly mode: 'redirect' | 'popup';
  /** An active consent of this user at this institution to change instead of adding another. */
  readonly amend?: string | undefined;
}

const badField = (path: string, message: string) => new Problem(400, 'validation-failed', 'Invalid request', { detail: message, errors: [{ path, message }] });

/**
 * The return URL must be one of the application's allowed origins or the service's own: the callback
 * sends the end user there, so any other origin would make the service an open redirect.
 */
export function checkReturnUrl(returnUrl: string, allowedOrigins: readonly string[], serviceOrigin: string): URL {
  let url: URL;
  try {
    url = new URL(returnUrl);
  } catch {
    throw badField('body.returnUrl', 'Give the full URL of the page the widget is on.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badField('body.returnUrl', 'Use an https URL.');
  if (url.origin !== serviceOrigin && !allowedOrigins.includes(url.origin)) {
    throw badField('body.returnUrl', `${url.origin} is not an allowed origin of this application.`);
  }
  // A page that came back from the bank before carries the last result reference: the next one replaces it.
  url.searchParams.delete(RESULT_PARAM);
  return url;
}

/** Parses the cached published config; the cache holds the exact validated document. */
export async function publishedConfig(cache: PublishedConfigCache, appId: string): Promise<{ config: Config; version: number }> {
  const entry = await cache.get(appId);
  if (!entry) throw new Problem(409, 'config-not-published', 'No published config', { detail: 'Publish a config before starting a journey.' });
  return { config: JSON.parse(entry.body) as Config, version: entry.version };
}

/**
 * Starts the hand-over to the data holder for a connect (or extend) session: checks the institution is
 * offered and reachable and the choices are ones the config offers, pushes the authorisation request to
 * the holder (PAR, service/recipient/authorisation-request.ts) and records it by its `state`. Returns
 * the holder's authorisation URL to send the user to.
 */
export async function startAuthorisation(
  deps: { db: Db; clock: Clock; configCache: PublishedConfigCache; recipient?: Recipient | undefined },
  session: SessionContext,
  input: StartAuthorisation,
  serviceOrigin: string,
) {
  const { config, version } = await publishedConfig(deps.configCache, session.appId);
  const returnUrl = checkReturnUrl(input.returnUrl, session.application.allowedOrigins, serviceOrigin);

  const institution = await deps.db.selectFrom('institutions').select(['id', 'name', 'status', 'status_reason', 'issuer', 'sandbox']).where('id', '=', input.institutionId).executeTakeFirst();
  const shown = config.institutions.mode === 'all' || config.institutions.selected.includes(input.institutionId);
  if (!institution || !shown) throw badField('body.institutionId', 'This institution is not offered by this application.');
  if (institution.sandbox === 1 && !ENVIRONMENT_RULES[session.application.environment].sandboxInstitutions) {
    throw new Problem(403, 'wrong-environment', 'Forbidden', { detail: `${institution.name} is a sandbox data holder: only a sandbox application may connect it.`, errors: [{ path: 'body.institutionId', message: 'A sandbox institution' }] });
  }
  if (!institution.issuer) throw new Problem(409, 'institution-not-connectable', 'Institution not connectable', { detail: `The CDR Register lists no authorisation server for ${institution.name}.` });
  if (institution.status === 'down') {
    throw new Problem(409, 'institution-down', 'Institution unavailable', { detail: `${institution.name} is unavailable: ${institution.status_reason ?? 'outage reported'}.` });
  }

  const offered = new Map(config.consent.permissions.map((p) => [p.cluster as string, p]));
  const unknown = input.clusters.filter((c) => !offered.has(c));
  if (unknown.length) throw badField('body.clusters', `Not offered by this application: ${unknown.join(', ')}`);
  const clusters = config.consent.permissions.filter((p) => p.required || input.clusters.includes(p.cluster)).map((p) => p.cluster);

  // An extend session changes its consent; a connect session may change the user's consent at this bank
  // (`amend`), and otherwise must not add a second one beside it.
  const amend = session.purpose === 'extend' ? session.consentId : input.amend;
  if (session.purpose === 'extend' || input.amend) {
    const consent = amend ? await findConsent(deps.db, session.appId, amend) : undefined;
    if (!consent || consent.userId !== session.userId || consent.status !== 'active') throw new Problem(409, 'consent-not-active', 'Consent not active', { detail: 'Only an active consent of this user can be changed.', ...(input.amend ? { errors: [{ path: 'body.amend', message: 'Not an active consent of this user' }] } : {}) });
    if (consent.institutionId !== input.institutionId) throw badField('body.institutionId', 'A change goes back to the same institution.');
  } else {
    const existing = await deps.db
      .selectFrom('consents')
      .innerJoin('consent_states', 'consent_states.consent_id', 'consents.id')
      .select('consents.id')
      .where('consents.app_id', '=', session.appId)
      .where('consents.user_id', '=', session.userId)
      .where('consents.institution_id', '=', input.institutionId)
      .where('consent_states.status', '=', 'active')
      .executeTakeFirst();
    if (existing) {
      throw new Problem(409, 'consent-exists', 'Already connected', { detail: `This user already shares data from ${institution.name}; send amend: "${existing.id}" to change that consent.`, extensions: { consentId: existing.id } });
    }
  }

  const recipient = deps.recipient;
  if (!recipient) throw new Problem(503, 'recipient-not-configured', 'Not connected to the CDR', { detail: 'This service has no data recipient identity configured (docs/deploy.md: CDR_*).' });
  const existingArrangement = amend ? (await deps.db.selectFrom('consents').select('arrangement_id').where('id', '=', amend).executeTakeFirst())?.arrangement_id ?? undefined : undefined;
  let pushed: Awaited<ReturnType<Recipient['push']>>;
  try {
    pushed = await recipient.push(institution.issuer, {
      scopes: [...clusters],
      sharingDurationSeconds: config.consent.durationDays * 86_400,
      arrangementId: existingArrangement,
    });
  } catch (error) {
    if (error instanceof HolderError || (error instanceof Error && error.name === 'RegisterError')) {
      throw new Problem(502, 'institution-unreachable', 'Institution unreachable', { detail: `${institution.name} did not accept the request: ${error.message}` });
    }
    const refusal = error as { error?: string; error_description?: string };
    if (typeof refusal.error === 'string') throw new Problem(502, 'institution-refused', 'Institution refused', { detail: `${institution.name} refused the request: ${refusal.error_description ?? refusal.error}` });
    throw error;
  }

  const now = deps.clock.now();
  const id = randomId('auth');
  const expiresAt = new Date(now.getTime() + AUTHORISATION_TTL_MS).toISOString();
  await insertAuthorisation(deps.db, {
    id,
    app_id: session.appId,
    user_id: session.userId,
    purpose: amend ? 'extend' : 'connect',
    consent_id: amend ?? null,
    institution_id: institution.id,
    clusters: JSON.stringify(clusters),
    config_version: version,
    return_url: returnUrl.toString(),
    mode: input.mode,
    redirect_uri: recipient.redirectUri,
    result_ref: null,
    state: pushed.state,
    status: 'pending',
    issuer: institution.issuer,
    nonce: pushed.nonce,
    code_verifier: pushed.codeVerifier,
    claimed_at: null,
    holder_url: pushed.url.toString(),
    visited_at: null,
    sharing_duration: config.consent.durationDays * 86_400,
    customer_login: null,
    account_ids: '[]',
    error_code: null,
    error_detail: null,
    code_used_at: null,
    idempotency_key: null,
    job_id: null,
    created_at: now.toISOString(),
    expires_at: expiresAt,
  });
  // The browser goes through the service's hand-over address, not to the holder's directly: the pushed
  // request is single-use, and a reload, a reopened window or Back must still reach the bank.
  return { id, url: `${serviceOrigin}/connect/authorise/${id}`, expiresAt };
}
