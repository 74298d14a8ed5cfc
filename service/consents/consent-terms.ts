import type { Config } from '../../schema/index.js';
import { zoneOf } from './consent-dates.js';

const DAY_MS = 86_400_000;

/**
 * What the end user agreed to: fixed at grant, from the config version they were shown and the
 * optional clusters they chose. Stored in the `granted` (and `amended`) event, never edited.
 */
export interface ConsentTerms {
  readonly clusters: readonly string[];
  readonly purposes: readonly { id: string; title: string; description: string }[];
  readonly durationDays: number;
  readonly sharingStart: string;
  readonly sharingEnd: string;
  readonly retrievalSpanDays: number;
  /** The oldest data the consent reaches: sharingStart minus the retrieval span (Rule 4.11(3)(c)). */
  readonly retrievalFrom: string;
  readonly retainData: boolean;
  readonly onRevocation: 'delete' | 'deidentify';
  readonly accountIds: readonly string[];
  readonly configVersion: number;
  readonly recipient: { readonly name: string; readonly accreditationNumber: string; readonly brandName: string };
  /** The zone every date of the consent is stated in (`consent.timeZone`); absent on records from before it was kept. */
  readonly timeZone?: string;
  /** The recipient's CDR policy at grant (Rule 7.2), linked from the receipt; absent when not set, or on older records. */
  readonly cdrPolicyUrl?: string;
}

export class TermsError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Builds the terms from the config and the user's choices. Required clusters are always in; an optional
 * one only when the user chose it (Rule 4.11(2): nothing optional by default); a choice the config does
 * not offer is refused rather than ignored.
 */
export function termsFromConfig(input: {
  config: Config;
  configVersion: number;
  chosenClusters: readonly string[];
  accountIds: readonly string[];
  now: Date;
}): ConsentTerms {
  const { config, now } = input;
  const policy = config.consent;
  const offered = new Set(policy.permissions.map((p) => p.cluster));
  const unknown = input.chosenClusters.filter((c) => !offered.has(c as never));
  if (unknown.length) throw new TermsError('clusters', `Not offered by this application: ${unknown.join(', ')}`);
  const chosen = new Set(input.chosenClusters);
  const clusters = policy.permissions.filter((p) => p.required || chosen.has(p.cluster)).map((p) => p.cluster);
  if (input.accountIds.length === 0) throw new TermsError('accountIds', 'Choose at least one account to share');
  return {
    clusters,
    purposes: policy.purposes.map((p) => ({ ...p })),
    durationDays: policy.durationDays,
    sharingStart: now.toISOString(),
    sharingEnd: new Date(now.getTime() + policy.durationDays * DAY_MS).toISOString(),
    retrievalSpanDays: policy.retrievalSpanDays,
    retrievalFrom: new Date(now.getTime() - policy.retrievalSpanDays * DAY_MS).toISOString(),
    retainData: policy.retainDataByDefault,
    onRevocation: policy.onRevocation,
    accountIds: [...input.accountIds],
    configVersion: input.configVersion,
    recipient: { name: policy.accreditation.name, accreditationNumber: policy.accreditation.number, brandName: policy.brandName },
    timeZone: policy.timeZone,
    ...(policy.cdrPolicyUrl ? { cdrPolicyUrl: policy.cdrPolicyUrl } : {}),
  };
}

/**
 * Terms renewed from `now` (Rule 4.12C amendment): same shape, a new sharing period. The consent keeps
 * the zone its dates were first given in (Sydney for records from before zones were kept).
 */
export function renewTerms(previous: ConsentTerms, next: ConsentTerms): ConsentTerms {
  return { ...next, sharingStart: previous.sharingStart, timeZone: zoneOf(previous) };
}

export const grantsCluster = (terms: Pick<ConsentTerms, 'clusters'>, cluster: string) => terms.clusters.includes(cluster);
