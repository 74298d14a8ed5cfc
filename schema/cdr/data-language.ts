import { PERSONAL_ROWS, type DataLanguageRow } from './data-language.data.js';

export type { DataLanguageRow };

/** Every scope a consent can request, in the standard's order. */
export const CLUSTER_SCOPES = [
  'common:customer.basic:read',
  'common:customer.detail:read',
  'bank:accounts.basic:read',
  'bank:accounts.detail:read',
  'bank:transactions:read',
  'bank:regular_payments:read',
  'bank:payees:read',
  'energy:accounts.basic:read',
  'energy:accounts.detail:read',
  'energy:accounts.concessions:read',
  'energy:accounts.paymentschedule:read',
  'energy:billing:read',
  'energy:electricity.servicepoints.basic:read',
  'energy:electricity.servicepoints.detail:read',
  'energy:electricity.der:read',
  'energy:electricity.usage:read',
] as const;

export type ClusterScope = (typeof CLUSTER_SCOPES)[number];

/** The basic scope a detailed scope includes, e.g. bank:accounts.detail:read → bank:accounts.basic:read. */
export function basicScopeOf(scope: string): string | undefined {
  return scope.includes('.detail:') ? scope.replace('.detail:', '.basic:') : undefined;
}

export interface ClusterLabel {
  readonly scope: ClusterScope;
  readonly label: string;
  readonly permissions: readonly string[];
}

/**
 * Picks the data-language row to show for each requested scope, in the order requested, from `rows`
 * (the personal rows unless given). A detailed scope requested without its basic scope gets the merged
 * '‡' row; requested with it, the plain detailed row beside the basic row (Data Language Standards,
 * "detailed" rule). The journey uses it as is; business consumers' labels: ./cluster-labels.ts.
 */
export function clusterLabels(scopes: readonly ClusterScope[], rows: readonly DataLanguageRow[] = PERSONAL_ROWS): ClusterLabel[] {
  const requested = new Set<string>(scopes);
  return [...new Set(scopes)].map((scope) => {
    const basic = basicScopeOf(scope);
    const merged = basic !== undefined && !requested.has(basic);
    const row = rows.find((r) => r.scope === scope && r.mergedVariant === merged);
    if (!row) throw new Error(`No data-language row for ${scope}`);
    return { scope, label: row.label, permissions: row.permissions };
  });
}
