import { clusterLabels, type ClusterScope, type ConsentView } from '../../schema/index.js';
import { zoneOf } from './consent-dates.js';
import { expiringSoon } from './consent-lifecycle.js';
import type { ConsentEvent, ConsentRecord } from './consents.repository.js';

export const receiptUrl = (base: string, receiptId: string) => `${base}/receipts/${receiptId}`;

/** A consent as the API shows it: the terms in force, in the official data language. */
export function toConsentView(consent: ConsentRecord, context: { institutionName: string; base: string; now: Date; endedAt?: string | null }): ConsentView {
  const t = consent.terms;
  return {
    id: consent.id,
    userId: consent.userId,
    institutionId: consent.institutionId,
    institutionName: context.institutionName,
    status: consent.status,
    expiringSoon: expiringSoon(consent, context.now),
    grantedAt: consent.createdAt,
    sharingStart: t.sharingStart,
    sharingEnd: t.sharingEnd,
    durationDays: t.durationDays,
    retrievalFrom: t.retrievalFrom,
    retrievalSpanDays: t.retrievalSpanDays,
    clusters: clusterLabels(t.clusters as ClusterScope[]).map((c) => ({ scope: c.scope, label: c.label, permissions: [...c.permissions] })),
    purposes: t.purposes.map((p) => ({ ...p })),
    accountIds: [...t.accountIds],
    onRevocation: t.onRevocation,
    retainData: t.retainData,
    dataHandled: (consent.dataHandled as ConsentView['dataHandled']) ?? null,
    configVersion: t.configVersion,
    receiptUrl: receiptUrl(context.base, consent.receiptId),
    endedAt: context.endedAt ?? null,
    timeZone: zoneOf(t),
  };
}

/**
 * The CDR receipt (Rule 4.18): to whom, why, from which data holder, what data, for how long, and how
 * to review and withdraw — including the simple alternative channel — with the consent's history.
 */
export function buildReceipt(
  consent: ConsentRecord,
  context: { institutionName: string; base: string; now: Date; events: readonly ConsentEvent[]; manageUrl: string | null; brandName: string },
) {
  const view = toConsentView(consent, { ...context, endedAt: context.events.find((e) => e.type === 'revoked' || e.type === 'expired')?.at ?? null });
  return {
    receiptId: consent.receiptId,
    issuedAt: context.now.toISOString(),
    consent: view,
    recipient: {
      name: consent.terms.recipient.name,
      brandName: consent.terms.recipient.brandName,
      accreditationNumber: consent.terms.recipient.accreditationNumber,
      cdrPolicyUrl: consent.terms.cdrPolicyUrl ?? null,
    },
    dataHolder: { id: consent.institutionId, name: context.institutionName },
    howToWithdraw: {
      dashboard: context.manageUrl ?? `Open ${context.brandName}'s consent dashboard`,
      // Rule 4.13: by the alternative channel, withdrawal takes effect within 2 business days.
      alternative: `Contact ${context.brandName} and ask to stop sharing; it takes effect within 2 business days.`,
      atDataHolder: `You can also stop sharing in ${context.institutionName}'s online banking.`,
    },
    history: context.events.filter((e) => e.type !== 'warned').map((e) => ({ type: e.type, at: e.at, ...(e.type === 'amended' ? { changes: e.payload.changes } : {}) })),
  };
}

export type Receipt = ReturnType<typeof buildReceipt>;
