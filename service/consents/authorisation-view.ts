import type { Clock } from '../clock.js';
import { findConsentById, type Executor } from './consents.repository.js';
import { zoneOf } from './consent-dates.js';
import type { Authorisation } from './authorisations.repository.js';
import { receiptUrl } from './consent-view.js';

/** How long a callback may take to exchange the holder's answer before it counts as cut off. */
export const EXCHANGE_LEASE_MS = 2 * 60_000;

/** An account as the holder listed it at the grant (Get Accounts): what the success step names. */
export interface SharedAccountSummary {
  readonly accountId: string;
  readonly displayName: string;
  readonly maskedNumber: string;
}

/** CDS masks a number as the holder likes ("xxx-xxx xxxx5678"); the widget shows the holder's page form. */
const lastFour = (masked: string) => `xxxx${masked.replace(/\D/g, '').slice(-4)}`;

/**
 * An authorisation as the widget follows it (`GET /v1/session/authorisations/{id}` and
 * `/v1/session/results/{ref}`): where it stands, and once exchanged, the consent, its job, its receipt
 * and the accounts chosen. An answer whose exchange was cut off (the process taking it stopped), or a
 * request never finished at the bank in time, reads as failed: nothing was shared, and nothing can be
 * any more (the holder's code is single-use and short-lived).
 */
export async function authorisationView(db: Executor, row: Authorisation, base: string, clock: Clock) {
  const exchanged = row.status === 'exchanged' && row.consent_id && row.job_id;
  const consent = exchanged ? await findConsentById(db, row.consent_id!) : undefined;
  const now = clock.now().toISOString();
  const lapsed = row.status === 'authorised' && !!row.claimed_at && Date.parse(row.claimed_at) + EXCHANGE_LEASE_MS <= clock.now().getTime();
  // A request nobody finished at the bank in time is over too (a closed popup, an abandoned tab).
  const expired = row.status === 'pending' && row.expires_at <= now;
  const error = lapsed
    ? { code: 'code-expired', detail: 'The bank’s answer was not received in time.' }
    : expired
      ? { code: 'authorisation-expired', detail: 'The request to the bank timed out.' }
      : row.error_code
        ? { code: row.error_code, detail: row.error_detail ?? '' }
        : undefined;
  const accounts = exchanged ? (JSON.parse(row.account_ids) as SharedAccountSummary[]) : [];
  return {
    id: row.id,
    status: lapsed || expired ? ('failed' as const) : row.status,
    institutionId: row.institution_id,
    ...(exchanged ? { consentId: row.consent_id!, jobId: row.job_id! } : {}),
    // What the consent itself says, for the success step: its clusters, its end, its zone.
    ...(consent ? { receiptUrl: receiptUrl(base, consent.receiptId), clusters: consent.terms.clusters, sharingEnd: consent.terms.sharingEnd, timeZone: zoneOf(consent.terms) } : {}),
    // The last four digits only, as the bank's own pages show them.
    ...(accounts.length ? { accounts: accounts.map((a) => ({ name: a.displayName, number: lastFour(a.maskedNumber) })) } : {}),
    ...(error ? { error } : {}),
  };
}
