import type { PublishedConfigCache } from '../configs/published-config-cache.js';
import type { Db } from '../db/database.js';
import { Problem } from '../errors/problem.js';
import type { ConsentRecord } from './consents.repository.js';
import { listEvents } from './consents.repository.js';
import { buildReceipt, toConsentView } from './consent-view.js';

/** Institution names by id, for views (one query for a whole list). */
export async function institutionNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('institutions').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function viewsOf(db: Db, consents: readonly ConsentRecord[], base: string, now: Date) {
  const names = await institutionNames(db, consents.map((c) => c.institutionId));
  return Promise.all(
    consents.map(async (consent) => {
      const endedAt = consent.status === 'active' ? null : ((await listEvents(db, consent.id)).find((e) => e.type === 'revoked' || e.type === 'expired')?.at ?? null);
      return toConsentView(consent, { institutionName: names.get(consent.institutionId) ?? consent.institutionId, base, now, endedAt });
    }),
  );
}

/**
 * 403 for data behind a consent that has ended, naming it and saying how it ended — never an opaque
 * 401 (issue 5): `type` is /problems/consent-expired or /problems/consent-revoked.
 */
export function consentEnded(consent: ConsentRecord): Problem {
  return new Problem(403, `consent-${consent.status}`, `Consent ${consent.status}`, {
    detail: `Consent "${consent.id}" is ${consent.status}; its data is no longer available. Ask the user to connect again.`,
    extensions: { consentId: consent.id },
  });
}

/**
 * A consent's receipt with its audit trail: the institution's name, the application's
 * `manageConsentUrl` (from the published config) and the events, read once.
 */
export async function receiptWithEvents(deps: { db: Db; configCache: PublishedConfigCache }, consent: ConsentRecord, base: string, now: Date) {
  const [events, names, config] = await Promise.all([listEvents(deps.db, consent.id), institutionNames(deps.db, [consent.institutionId]), deps.configCache.get(consent.appId)]);
  const manageUrl = config ? (JSON.parse(config.body) as { flow: { manageConsentUrl: string } }).flow.manageConsentUrl || null : null;
  const receipt = buildReceipt(consent, { institutionName: names.get(consent.institutionId) ?? consent.institutionId, base, now, events, manageUrl, brandName: consent.terms.recipient.brandName });
  return { receipt, events };
}
